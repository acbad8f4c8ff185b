// Registering an inquiry at a border point: fully offline, found again by any spelling after an offline
// reload, validation that saves nothing, drafts that survive a reload and are discarded only on purpose.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { InquiryList, IntakeForm, makeIntakeData, shoot } from './pages/intake.ts';

test('an inquiry registered fully offline is listed, and after an offline reload is found by Latin and Russian spellings', async ({ app, page, context }) => {
  await app.setUp();
  await app.waitForServiceWorker();
  await app.unlock();
  await app.goOffline(context);
  await expect(page.getByRole('banner').getByText('Без мережі')).toBeVisible();

  const form = new IntakeForm(page);
  const list = new InquiryList(page);
  const data = makeIntakeData({ personSurname: 'Олійник', personGivenName: 'Олександр', contactSurname: 'Ткаченко' });
  await form.open();
  const reference = await form.registerInquiry(data);
  await expect(page.getByText('Запишіть цей номер на картці родини', { exact: false })).toBeVisible();

  await list.open();
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText(reference);
  await expect(list.rows.first()).toContainText('Олійник Олександр Миколайович');
  await expect(list.rows.first()).toContainText('Заявник: Ткаченко Галина');
  await expect(list.rows.first()).toContainText('Очікує надсилання');

  await page.reload();
  await app.unlock();
  await list.open();
  for (const spelling of ['Oliinyk', 'Олейник', 'oleksandr oliinyk', 'Aleksandr']) {
    await list.search.fill(spelling);
    await expect(list.rows, spelling).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: 'Знайдено 1 звернення' })).toBeVisible();
  }
  await list.search.fill('Коваленко');
  await expect(list.rows).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Знайдено 0 звернень' })).toBeVisible();
  await list.search.fill(reference.slice(0, 4));
  await expect(list.rows).toHaveCount(1);
});

test('validation errors are shown per field with focus on the first, and nothing is registered', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  await form.open();
  // A phone not enrolled is never asked for its gathering point: the server files the inquiry by the enrolment.
  await expect(form.gatheringPointNote).toHaveText("Пункт збору визначиться, коли телефон під'єднають до сервера.");
  await expect(page.getByLabel('Пункт збору')).toHaveCount(0);
  await form.fillInquiry(makeIntakeData());
  await form.next(2);

  // Step 2 left empty: every required field says so, focus goes to the first, the step stays.
  await form.nextButton.click();
  const surname = page.getByLabel('Прізвище', { exact: true });
  await expect(surname).toBeFocused();
  await expect(surname).toHaveAttribute('aria-invalid', 'true');
  await expect(surname).toHaveAccessibleDescription("Обов'язкове поле");
  await expect(page.getByLabel('Ступінь спорідненості')).toHaveAccessibleDescription(/Оберіть значення зі списку/);
  await expect(page.getByLabel('Телефон 1')).toHaveAccessibleDescription(/Номер телефону, наприклад/);
  await expect(form.stepIndicator(2)).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'intake-step-2-errors.png');

  // A bad phone and a name with digits are refused with their own messages; fixing one clears its error.
  await surname.fill('Ткаченко7');
  await page.getByLabel('Телефон 1').fill('12');
  await form.nextButton.click();
  await expect(surname).toHaveAccessibleDescription('Лише літери, апостроф, дефіс і пробіл');
  await surname.fill('Ткаченко');
  await expect(surname).not.toHaveAttribute('aria-invalid', 'true');
  await form.fillFamily(makeIntakeData({ phone: '12' }));
  await form.nextButton.click();
  await expect(page.getByLabel('Телефон 1')).toBeFocused();
  await page.getByLabel('Телефон 1').fill('+380 50 111 22 33');
  await form.next(3);

  // Consent to record is required to go on.
  await page.getByRole('radio', { name: 'Усно' }).check();
  await form.nextButton.click();
  const consent = page.getByRole('checkbox', { name: 'Згода на запис відомостей' });
  await expect(consent).toBeFocused();
  await expect(page.getByText('Без згоди на запис звернення зареєструвати не можна')).toBeVisible();

  // Nothing registered; the draft is kept and listed.
  const list = new InquiryList(page);
  await list.open();
  await expect(page.getByText('На цьому телефоні ще немає звернень.')).toBeVisible();
  await expect(list.rows).toHaveCount(0);
  await expect(page.getByText(/^Незавершена реєстрація, збережено/)).toBeVisible();
});

test('a draft survives a reload mid-form: values and step come back after unlock', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  await form.open();
  await form.fillInquiry(makeIntakeData({ notes: 'Прийшла з сестрою' }));
  await form.next(2);
  await page.getByLabel('Прізвище', { exact: true }).fill('Чорновол');
  await page.getByLabel('Телефон 1').fill('+380 63 555 44 33');
  await expect(page.getByText(/^Чернетку збережено о \d{1,2}:\d{2}$/)).toBeVisible();
  const url = page.url();

  await page.reload();
  await app.unlock();
  await expect(page).toHaveURL(url);
  await expect(form.stepIndicator(2)).toBeVisible();
  await expect(page.getByLabel('Прізвище', { exact: true })).toHaveValue('Чорновол');
  await expect(page.getByLabel('Телефон 1')).toHaveValue('+380 63 555 44 33');
  await form.backButton.click();
  await expect(page.getByLabel('Примітки')).toHaveValue('Прийшла з сестрою');

  // The list offers to continue it.
  const list = new InquiryList(page);
  await list.open();
  await page.getByRole('link', { name: /^Продовжити/ }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByLabel('Примітки')).toHaveValue('Прийшла з сестрою');
});

test('typing sealed by "Lock now" straight after the last keystroke is there after unlock', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  await form.open();
  await form.fillInquiry(makeIntakeData());
  await form.next(2);
  // No wait for the autosave: the lock itself must seal what was typed.
  await page.getByLabel('Прізвище', { exact: true }).fill('Квітка');
  await app.lockNow();
  await app.unlock();
  await expect(form.stepIndicator(2)).toBeVisible();
  await expect(page.getByLabel('Прізвище', { exact: true })).toHaveValue('Квітка');
});

test('discarding a draft asks first, then removes it; the list can discard one too', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  const list = new InquiryList(page);
  await form.open();
  await page.getByLabel('Примітки').fill('Відкинута примітка');
  await expect(page.getByText(/^Чернетку збережено о/)).toBeVisible();

  await page.getByRole('button', { name: 'Видалити чернетку' }).click();
  const dialog = page.getByRole('dialog', { name: 'Видалити чернетку?' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Ні, повернутися до форми' }).click();
  await expect(page.getByLabel('Примітки')).toHaveValue('Відкинута примітка');
  await page.getByRole('button', { name: 'Видалити чернетку' }).click();
  await dialog.getByRole('button', { name: 'Так, видалити' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Звернення' })).toBeVisible();
  await expect(page.getByText(/^Незавершена реєстрація/)).toHaveCount(0);

  // A second draft, discarded from the list.
  await form.open();
  await page.getByLabel('Примітки').fill('Друга примітка');
  await expect(page.getByText(/^Чернетку збережено о/)).toBeVisible();
  await list.open();
  await expect(page.getByText(/^Незавершена реєстрація/)).toBeVisible();
  await page.getByRole('button', { name: /^Видалити: Незавершена реєстрація/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Так, видалити' }).click();
  await expect(page.getByText(/^Незавершена реєстрація/)).toHaveCount(0);
});

test('axe finds no violations on the empty list, every intake step, the review, the confirmation, the list with a row and the detail', async ({ app, page }) => {
  test.slow(); // nine axe runs on a cheap-phone-sized page add up
  await app.setUp();
  await expect(page.getByText('На цьому телефоні ще немає звернень.')).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'list-empty.png');

  const form = new IntakeForm(page);
  await form.open();
  await form.registerInquiry(makeIntakeData(), async (name) => {
    await expectNoAxeViolations(page);
    await shoot(page, `intake-${name}.png`);
  });

  const list = new InquiryList(page);
  await list.open();
  await expect(list.rows).toHaveCount(1);
  await expectNoAxeViolations(page);
  await shoot(page, 'list-one.png');

  await list.rows.first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Звернення [2-9A-Z]{4}-[2-9A-Z]{4}$/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'detail.png');
  await shoot(page, 'detail-inquiry.png', page.getByRole('region', { name: 'Звернення', exact: true }));
  await shoot(page, 'detail-timeline.png', page.getByRole('region', { name: 'Історія звернення' }));
  await page.getByRole('region', { name: 'Заявник (родич)' }).getByRole('button', { name: 'Змінити: Телефони' }).click();
  await expect(page.getByRole('button', { name: 'Зберегти: Телефони' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'detail-editing.png', page.getByRole('region', { name: 'Заявник (родич)' }));
});

test('when the phone is out of storage, registering says so, keeps every value, and works once space is back', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  const data = makeIntakeData({ personSurname: 'Гуменюк' });
  await form.open();
  await form.fillInquiry(data);
  await form.next(2);
  await form.fillFamily(data);
  await form.next(3);
  await form.fillConsent();
  await form.next(4);
  await form.fillPerson(data);
  await form.next(5);
  await form.next(6);

  // IndexedDB refuses every write, as it does when the quota is exhausted.
  await page.evaluate(() => {
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
    (window as unknown as Record<string, unknown>).__idbWrites = { put: store.put, add: store.add };
    store.put = refuse;
    store.add = refuse;
  });
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'На телефоні закінчилося місце. Нічого не збережено.' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Перевірка і реєстрація' })).toBeVisible();
  await expect(page.getByText('Гуменюк Олександр', { exact: false }).first()).toBeVisible();

  await page.evaluate(() => {
    const saved = (window as unknown as Record<string, { put: unknown; add: unknown }>).__idbWrites;
    const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
    store.put = saved?.put;
    store.add = saved?.add;
  });
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();
  const list = new InquiryList(page);
  await list.open();
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText('Гуменюк');
  // Checked on what is stored, read fresh: after the synthetic synchronous throws above, the list's live query
  // kept showing the old draft until a reload (it seems Dexie's live-query cache is left behind; a real quota
  // error arrives as an aborted transaction instead). Stored data is what must be right.
  await page.reload();
  await app.unlock();
  await expect(list.rows).toHaveCount(1);
  await expect(page.getByText(/^Незавершена реєстрація/)).toHaveCount(0);
});

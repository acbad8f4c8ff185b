// Exchange batches: a coordinator records a batch (offline-capable, synced like every record), adds entries
// by hand, sees its counts computed from them and changes its status; a bad entry is explained and saves
// nothing. A volunteer's phone has no batches page and never holds a batch. Axe on every batch page, at
// phone size and on a laptop.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { IntakeForm, makeIntakeData } from './pages/intake.ts';
import { openSecondPhone, screenshot, SyncPages } from './pages/sync-page.ts';
import { countOutbox, watchPulls } from './support/pulls.ts';

test.describe.configure({ timeout: 180_000 });

test('a coordinator records a batch, adds entries by hand and sees its counts; a volunteer phone never gets it', async ({ app, page, browser }) => {
  const sync = new SyncPages(page, app);
  const pulled = watchPulls(page);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Запоріжжя');
  const volunteerName = uniqueName('Оксана Лис');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);

  await page.getByRole('navigation').getByRole('link', { name: 'Партії' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Партії обміну' })).toBeVisible();
  await page.getByRole('button', { name: 'Записати нову партію' }).click();
  const form = page.getByRole('form', { name: 'Нова партія' });
  // A day missing from the date is explained, and nothing is saved.
  await form.getByRole('radio', { name: 'Репатріація тіл' }).check();
  await form.getByLabel('Дата', { exact: true }).fill('06.2025');
  const source = uniqueName('Координаційний штаб');
  await form.getByLabel('Джерело', { exact: true }).fill(source);
  await form.getByRole('button', { name: 'Зберегти партію' }).click();
  await expect(form.getByText('Вкажіть дату повністю')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: source })).toHaveCount(0);

  await form.getByLabel('Дата', { exact: true }).fill('11.06.2025');
  await form.getByLabel('Оголошена кількість').fill('1212');
  await form.getByLabel('Застереження').fill('за даними іншої сторони');
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Зберегти партію' }).click();
  const card = page.getByRole('listitem').filter({ hasText: source });
  await expect(card.getByRole('heading', { name: 'Репатріація тіл, 11 червня 2025 р.' })).toBeVisible();
  await expect(card).toContainText('за даними іншої сторони');
  await expect(card).toContainText('Оголошено: 1212 осіб');
  await expect(card).toContainText('Записів ще немає');
  await expectNoAxeViolations(page);
  await screenshot(page, 'batches-phone');

  await card.getByRole('link', { name: 'Репатріація тіл, 11 червня 2025 р.' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Репатріація тіл, 11 червня 2025 р.' })).toBeVisible();
  const entryForm = page.getByRole('form', { name: 'Додати запис вручну' });
  // An entry that says nothing about who it is: explained, nothing added.
  await entryForm.getByRole('button', { name: 'Додати запис' }).click();
  await expect(entryForm.getByText('Вкажіть бирку чи номер у списку або ім\'я')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);

  await entryForm.getByLabel('Прізвище').fill('Олейник');
  await entryForm.getByLabel("Ім'я", { exact: true }).fill('Николай');
  await entryForm.getByLabel('Дата народження').fill('14.03.1998');
  await entryForm.getByRole('button', { name: 'Додати запис' }).click();
  await expect(entryForm.getByRole('status')).toHaveText('Запис додано.');
  await entryForm.getByLabel('Бирка або номер у списку').fill('Т-0042');
  await entryForm.getByRole('button', { name: 'Додати запис' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').filter({ hasText: 'Олейник Николай' })).toContainText('14 березня 1998 р.');
  await expect(table.getByRole('row').filter({ hasText: 'Т-0042' })).toContainText('Не переглянуто');
  await expect(page.getByText('Переглянуто 0 з 2')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Переглянуто 0 з 2' })).toBeVisible();

  await page.getByLabel('Стан партії').selectOption({ label: 'Отримано' });
  await page.getByRole('button', { name: 'Зберегти стан' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Стан збережено.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'batch-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page);
  await screenshot(page, 'batch-laptop');

  // Synced: the batch and its entries leave the outbox.
  await sync.visit('/sync');
  await sync.syncNow();
  // The control for the phone below: the coordinator's device does receive them.
  await expect.poll(() => pulled.count('exchangeBatch')).toBeGreaterThanOrEqual(1);
  await expect.poll(() => pulled.count('batchEntry')).toBeGreaterThanOrEqual(2);

  // A volunteer's phone of the same organisation: no batches page in its navigation, and none on the phone.
  const phone = await openSecondPhone(browser);
  const phonePulled = watchPulls(phone.page);
  await phone.sync.enrolWithLink(code, uniqueName('Телефон Оксани'));
  await phone.sync.visit('/sync');
  await phone.sync.syncNow();
  await expect(phone.page.getByRole('navigation').getByRole('link', { name: 'Партії' })).toHaveCount(0);
  await phone.sync.visit('/batches');
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Для координаторів' })).toBeVisible();
  await expectNoAxeViolations(phone.page);
  await expect.poll(() => phonePulled.answers()).toBeGreaterThan(0);
  expect(phonePulled.count('exchangeBatch')).toBe(0);
  expect(phonePulled.count('batchEntry')).toBe(0);
  await phone.context.close();
});

test('a coordinator reviews a list: candidates with reasons, one confirmed with evidence, one ruled out, none for another; the progress follows', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const pulled = watchPulls(page);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Чернігів');
  await coordinator.createSpace(spaceName);
  // Two families seek a Myroslav Shevchyshyn: one with the patronymic Bohdanovych, one with Ivanovych.
  const form = new IntakeForm(page);
  for (const patronymic of ['Богданович', 'Іванович']) {
    await form.open();
    await form.registerInquiry(makeIntakeData({ gatheringPoint: spaceName, personSurname: 'Шевчишин', personGivenName: 'Мирослав', personPatronymic: patronymic }));
  }

  await sync.visit('/batches');
  await page.getByRole('button', { name: 'Записати нову партію' }).click();
  const batchForm = page.getByRole('form', { name: 'Нова партія' });
  await batchForm.getByRole('radio', { name: 'Репатріація тіл' }).check();
  await batchForm.getByLabel('Дата', { exact: true }).fill('20.11.2025');
  const source = uniqueName('Штаб');
  await batchForm.getByLabel('Джерело', { exact: true }).fill(source);
  await batchForm.getByRole('button', { name: 'Зберегти партію' }).click();
  await page.getByRole('listitem').filter({ hasText: source }).getByRole('link').click();
  const entryForm = page.getByRole('form', { name: 'Додати запис вручну' });
  // As the other side's list writes him: in Latin letters, no patronymic.
  await entryForm.getByLabel('Бирка або номер у списку').fill('Т-1');
  await entryForm.getByLabel('Прізвище').fill('Shevchyshyn');
  await entryForm.getByLabel("Ім'я", { exact: true }).fill('Myroslav');
  await entryForm.getByLabel('Дата народження').fill('05.1990');
  await entryForm.getByRole('button', { name: 'Додати запис' }).click();
  await expect(entryForm.getByRole('status')).toHaveText('Запис додано.');
  await entryForm.getByLabel('Бирка або номер у списку').fill('Т-2');
  await entryForm.getByRole('button', { name: 'Додати запис' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);

  await page.getByRole('link', { name: 'Переглянути список' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Запис 1 з 2' })).toBeVisible();
  await expect(page.getByText('Переглянуто 0 з 2')).toBeVisible();
  const candidates = page.getByRole('region', { name: 'Кандидати' });
  const bohdanovych = candidates.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Шевчишин Мирослав Богданович/ }) });
  const ivanovych = candidates.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Шевчишин Мирослав Іванович/ }) });
  await expect(bohdanovych).toContainText('Прізвище: збігається');
  await expect(bohdanovych).toContainText('По батькові: немає даних');
  await expect(ivanovych).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'review-phone');

  // Ruled out with a note; confirmed with the evidence it rests on (required).
  await ivanovych.getByRole('button', { name: /^Виключити/ }).click();
  await ivanovych.getByLabel('Примітка').fill('інша дата народження в документах');
  await ivanovych.getByRole('button', { name: 'Зберегти: виключено' }).click();
  await expect(ivanovych.getByRole('status')).toHaveText('Виключено — інша дата народження в документах');
  await bohdanovych.getByRole('button', { name: /^Підтвердити/ }).click();
  await bohdanovych.getByRole('button', { name: 'Зберегти підтвердження' }).click();
  await expect(bohdanovych.getByText('Оберіть, на чому ґрунтується підтвердження.')).toBeVisible();
  await bohdanovych.getByLabel('На чому ґрунтується підтвердження').selectOption({ label: 'знайдені документи' });
  await bohdanovych.getByRole('button', { name: 'Зберегти підтвердження' }).click();
  await expect(bohdanovych.getByRole('status')).toHaveText('Підтверджено — знайдені документи');
  await expect(page.getByText('Переглянуто 1 з 2')).toBeVisible();

  // The next entry by keyboard: nobody on this device is like it; none of these, and the list is done.
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 2, name: 'Запис 2 з 2' })).toBeVisible();
  await expect(page.getByText('Жодна родина на цьому пристрої не шукає схожої людини.')).toBeVisible();
  await page.getByRole('button', { name: 'Жоден із них — не ця людина' }).click();
  await expect(page.getByText('Переглянуто 2 з 2')).toBeVisible();
  await page.getByRole('radio', { name: 'Зі збігом' }).check();
  await expect(page.getByRole('heading', { level: 2, name: 'Запис 1 з 2' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Запис 1 з 2' })).toContainText('Збіг підтверджено');
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page);
  await screenshot(page, 'review-laptop');

  // The decisions sync like every record.
  await sync.visit('/sync');
  await sync.syncNow();
  await expect.poll(() => pulled.count('candidateMatch', (c) => c.data?.status === 'confirmed' || c.data?.status === 'ruled_out')).toBe(2);
  expect(await countOutbox(page)).toBe(0);
});

test('a batch this device does not hold says so on its page, its import and its review, with the way back', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const missing = '/batches/00000000-0000-4000-8000-000000000000';
  for (const path of [missing, `${missing}/import`, `${missing}/review`]) {
    await sync.visit(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Партію не знайдено' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Усі партії', exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});

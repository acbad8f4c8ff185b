// The coordinator's side of sync: a change made to the same field on two offline devices becomes a
// conflict shown with both values, authors and times, and is resolved as an ordinary change with its
// history visible; a revoked phone wipes itself at its next sync; a coordinator of several gathering points
// chooses the inquiry's point from a list. Axe runs on every coordinator page.
import type { Browser, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, type AppPage } from './fixtures.ts';
import { CoordinatorPages, E2E_COORDINATOR, uniqueName } from './pages/coordinator-page.ts';
import { InquiryList, IntakeForm, makeIntakeData, shoot } from './pages/intake.ts';
import { goOnline, openSecondPhone, screenshot, SyncPages } from './pages/sync-page.ts';

// Two browser contexts, each setting up its passphrase (Argon2) and filling the intake form: give them time.
test.describe.configure({ timeout: 240_000 });

/** A signed-in coordinator with a fresh gathering point, and a volunteer's phone enrolled there. */
async function coordinatorAndPhone(app: AppPage, page: Page, browser: Browser) {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Харків');
  const volunteerName = uniqueName('Петро Шевчук');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);
  const phone = await openSecondPhone(browser);
  const deviceLabel = uniqueName('Телефон Петра');
  await phone.sync.enrolWithLink(code, deviceLabel);
  return { sync, coordinator, phone, spaceName, volunteerName, deviceLabel };
}

async function editNotes(page: Page, reference: string, value: string): Promise<void> {
  const list = new InquiryList(page);
  await list.open();
  await list.row(reference).click();
  await page.getByRole('button', { name: 'Змінити: Примітки' }).click();
  await page.getByLabel('Примітки', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Зберегти: Примітки' }).click();
  await expect(page.getByText(value, { exact: true })).toBeVisible();
}

test('the same field changed on two offline devices becomes a conflict with both values, resolved as a change with history', async ({ app, page, context, browser }) => {
  const { sync, phone, volunteerName, deviceLabel } = await coordinatorAndPhone(app, page, browser);

  // The volunteer registers an inquiry online; it syncs by itself shortly after the write.
  const form = new IntakeForm(phone.page);
  await form.open();
  const reference = await form.registerInquiry(makeIntakeData({ personSurname: 'Ткачук' }));
  await expect(phone.sync.headerPending).toHaveText('Усі зміни синхронізовано');

  // The coordinator pulls it.
  await sync.visit('/sync');
  await sync.syncNow();

  // Both go offline and change the notes differently.
  await phone.app.makeReadyForOffline();
  await app.makeReadyForOffline();
  await phone.app.goOffline(phone.context);
  await app.goOffline(context);
  await editNotes(phone.page, reference, 'Мати чекає в Сумах');
  await editNotes(page, reference, 'Мати переїхала до Києва');

  // The phone reaches the server first: its value is accepted; the coordinator's becomes a conflict.
  await goOnline(phone.context);
  await expect(phone.sync.headerPending).toHaveText('Усі зміни синхронізовано');
  await goOnline(context);
  await expect(sync.headerPending).toHaveText('Усі зміни синхронізовано');

  await sync.visit('/conflicts');
  await expect(page.getByRole('heading', { level: 1, name: 'Конфлікти змін' })).toBeVisible();
  // The card names the record: the inquiry's reference, the person sought and the family contact.
  const conflict = page.getByRole('article', { name: `Звернення ${reference}: Примітки` });
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('Ткачук Олександр Миколайович');
  await expect(conflict).toContainText('Олійник Галина');
  await expect(conflict).toContainText('Мати чекає в Сумах');
  await expect(conflict).toContainText('Мати переїхала до Києва');
  await expect(conflict).toContainText(`${volunteerName}, ${deviceLabel} — `);
  await expect(conflict).toContainText(`${E2E_COORDINATOR.login}, Пристрій координатора — `);
  await expect(page.getByRole('heading', { level: 2, name: '1 нерозв\'язаний конфлікт' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'conflicts-open');

  await conflict.getByLabel('Або введіть нове значення').fill('Мати в Сумах, новий телефон у примітках');
  await conflict.getByRole('button', { name: 'Зберегти нове значення' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Конфлікт розв\'язано' })).toBeVisible();
  await expect(page.getByText("Нерозв'язаних конфліктів немає.")).toBeVisible();

  await page.getByLabel('Показати').selectOption({ label: "розв'язані" });
  const resolved = page.getByRole('article', { name: `Звернення ${reference}: Примітки` });
  await expect(resolved).toContainText(`Рішення: введено нове значення. ${E2E_COORDINATOR.login}, `);
  await expectNoAxeViolations(page);

  await resolved.getByRole('link', { name: 'Історія запису' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Історія запису' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '3 версії' })).toBeVisible();
  const which = page.getByRole('region', { name: 'Який запис: Звернення' });
  await expect(which).toContainText(reference);
  await expect(which).toContainText('Ткачук Олександр Миколайович');
  await expect(which).toContainText('Олійник Галина');
  const latest = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Версія 3' }) });
  await expect(latest).toContainText('Рішення координатора щодо конфлікту змін');
  await expect(latest).toContainText(/було: Мати чекає в Сумах\s*→\s*стало: Мати в Сумах, новий телефон у примітках/);
  const second = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Версія 2' }) });
  await expect(second).toContainText(`${volunteerName}, ${deviceLabel}`);
  await expectNoAxeViolations(page);
  await screenshot(page, 'record-history');

  // The phone receives the decision like any other change.
  await phone.sync.visit('/sync');
  await phone.sync.syncNow();
  await editNotesVisible(phone.page, reference, 'Мати в Сумах, новий телефон у примітках');
  await phone.context.close();
});

async function editNotesVisible(page: Page, reference: string, value: string): Promise<void> {
  const list = new InquiryList(page);
  await list.open();
  await list.row(reference).click();
  await expect(page.getByText(value, { exact: true })).toBeVisible();
}

test('a revoked phone wipes itself at its next sync and starts again from set-up', async ({ app, page, browser }) => {
  const { phone, coordinator, sync, deviceLabel } = await coordinatorAndPhone(app, page, browser);
  const form = new IntakeForm(phone.page);
  await form.open();
  await form.registerInquiry(makeIntakeData());
  await expect(phone.sync.headerPending).toHaveText('Усі зміни синхронізовано');
  await phone.sync.visit('/sync');

  await sync.visit('/coordinator');
  await expect(coordinator.device(deviceLabel)).toContainText('працює');
  await expectNoAxeViolations(page);
  await screenshot(page, 'coordinator-overview');
  await coordinator.revokeDevice(deviceLabel);
  await expectNoAxeViolations(page);

  // The phone's next contact with the server erases it and returns it to first-run set-up.
  await phone.sync.panel.getByRole('button', { name: 'Синхронізувати зараз' }).click();
  await expect(phone.page).toHaveURL(/\/setup$/);
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Захист даних на цьому телефоні' })).toBeVisible();
  await expect(phone.page.getByRole('status').filter({ hasText: 'Координатор відкликав цей телефон' })).toBeVisible();
  await screenshot(phone.page, 'wiped-setup');
  await phone.app.setUp();
  await expect(phone.page.getByText('На цьому телефоні ще немає звернень.')).toBeVisible();
  await phone.sync.visit('/sync');
  await expect(phone.sync.panel.getByRole('status')).toHaveText(/Цей телефон не під'єднано до сервера/);
  await phone.context.close();
});

test('a coordinator of several gathering points chooses one from a list; the inquiry is filed under it and reaches its volunteers', async ({ app, page, browser }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const firstPoint = uniqueName('Пункт Ужгород');
  const secondPoint = uniqueName('Пункт Чоп');
  await coordinator.createSpace(firstPoint);
  await coordinator.createSpace(secondPoint);
  // A volunteer of the second point: their phone receives that point's inquiries only.
  const volunteerName = uniqueName('Ірина Бойко');
  await coordinator.addVolunteer(secondPoint, volunteerName);
  const code = await coordinator.createEnrolmentCode(secondPoint, volunteerName);

  const form = new IntakeForm(page);
  await form.open();
  const choice = form.gatheringPointChoice;
  await expect(choice.getByRole('option', { name: firstPoint, exact: true })).toHaveCount(1);
  await expect(choice.getByRole('option', { name: secondPoint, exact: true })).toHaveCount(1);
  await expect(choice.getByRole('option', { selected: true })).toHaveText('— оберіть —');

  // Going on without a choice: the error is on the list, said to screen readers, and nothing is saved.
  await form.nextButton.click();
  await expect(form.stepIndicator(1)).toBeVisible();
  await expect(choice).toBeFocused();
  await expect(choice).toHaveAttribute('aria-invalid', 'true');
  await expect(choice).toHaveAccessibleDescription(/Оберіть один зі своїх пунктів збору/);
  await expect(sync.headerPending).toHaveText('Усі зміни синхронізовано');
  await expectNoAxeViolations(page);
  await shoot(page, 'intake-gathering-point-error.png');

  await form.setGatheringPoint(secondPoint);
  await expect(choice.getByRole('option', { selected: true })).toHaveText(secondPoint);
  await expect(choice).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await shoot(page, 'intake-gathering-point-chosen.png');

  const reference = await form.registerInquiry(makeIntakeData({ gatheringPoint: secondPoint, personSurname: 'Гнатюк' }), async (screen) => {
    if (screen === 'review') await expect(page.getByText(secondPoint, { exact: true })).toBeVisible();
  });
  // Registered online, it syncs by itself; the server would refuse it without one of the coordinator's points.
  await expect(sync.headerPending).toHaveText('Усі зміни синхронізовано');

  // The usual point in Settings is chosen from the same list, and a new form starts with it chosen.
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  const usual = page.getByRole('combobox', { name: 'Звичайне місце збору', exact: true });
  await expect(usual.getByRole('option', { selected: true })).toHaveText('— не вибрано —');
  await usual.selectOption({ label: secondPoint });
  await page.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Збережено.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'settings-gathering-point.png');
  await form.open();
  await expect(form.gatheringPointChoice.getByRole('option', { selected: true })).toHaveText(secondPoint);

  // The second point's volunteer receives the inquiry: it was filed under that point.
  const phone = await openSecondPhone(browser);
  await phone.sync.enrolWithLink(code, uniqueName('Телефон Ірини'));
  await phone.sync.visit('/sync');
  await phone.sync.syncNow();
  const list = new InquiryList(phone.page);
  await list.open();
  await expect(list.row(reference)).toHaveCount(1);
  await phone.context.close();
});

test('the coordinator pages need a coordinator: a volunteer phone is sent to sign in', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  await app.setUp();
  for (const path of ['/coordinator', '/conflicts', '/records/inquiry/00000000-0000-4000-8000-000000000000/history']) {
    await sync.visit(path);
    await expect(page.getByText('Ця сторінка — для координаторів.', { exact: false })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Увійти як координатор' })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

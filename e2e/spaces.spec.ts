// A gathering point's name and retention changed on its card after it was created: saved to the server
// and shown at once; a retention out of range is refused in the coordinator's language and changes nothing;
// a point renamed while a form is open keeps the choice (the inquiry holds the point's id, shown by its
// current name); a volunteer's phone knows its one point and the form never asks for it.
import { AppPage, expect, expectNoAxeViolations, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { InquiryList, IntakeForm, makeIntakeData } from './pages/intake.ts';
import { openSecondPhone, screenshot, SyncPages } from './pages/sync-page.ts';

test('a coordinator changes a gathering point’s retention and name on its card', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const name = uniqueName('Пункт Суми');
  await coordinator.createSpace(name);
  await expect(coordinator.space(name)).toContainText('Телефони волонтерів зберігають синхронізовані записи 14 днів.');

  // The form opens with the current values; axe runs with it open; Cancel gives the focus back to "Edit".
  const form = await coordinator.openSpaceEdit(name);
  await expect(form.getByLabel('Назва пункту збору')).toHaveValue(name);
  await expect(coordinator.spaceRetentionField(form)).toHaveValue('14');
  await expectNoAxeViolations(page);
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, 'space-edit');
  await form.getByRole('button', { name: 'Скасувати' }).click();
  await expect(form).toHaveCount(0);
  await expect(coordinator.space(name).getByRole('button', { name: `Змінити: ${name}` })).toBeFocused();

  await coordinator.editSpace(name, { retentionDays: 30 });
  await expect(coordinator.space(name)).toContainText('Телефони волонтерів зберігають синхронізовані записи 30 днів.');
  await expectNoAxeViolations(page);

  const renamed = uniqueName('Пункт Суми, вокзал');
  await coordinator.editSpace(name, { name: renamed, retentionDays: 1 });
  await expect(coordinator.space(renamed)).toContainText('Телефони волонтерів зберігають синхронізовані записи 1 день.');
  await expect(coordinator.space(name)).toHaveCount(0);

  // The server kept it: a fresh load shows the new name and retention.
  await sync.visit('/coordinator');
  await expect(coordinator.space(renamed)).toContainText('Телефони волонтерів зберігають синхронізовані записи 1 день.');
  await expect(coordinator.space(name)).toHaveCount(0);
});

test('a retention of 0 or 5000 days is refused with a translated error and changes nothing', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const name = uniqueName('Пункт Конотоп');
  await coordinator.createSpace(name, 21);

  const form = await coordinator.openSpaceEdit(name);
  const retention = coordinator.spaceRetentionField(form);
  await retention.fill('0');
  await form.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await expect(retention).toHaveAccessibleDescription(/Ціле число днів від 1 до 3650/);
  await expect(retention).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Ціле число днів від 1 до 3650')).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Скасувати' }).click();
  await expect(coordinator.space(name)).toContainText('Телефони волонтерів зберігають синхронізовані записи 21 день.');

  // The same in English.
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  await page.getByRole('radio', { name: 'English' }).check();
  await sync.visit('/coordinator');
  const space = coordinator.space(name);
  await space.getByRole('button', { name: `Edit: ${name}` }).click();
  const englishForm = space.getByRole('form', { name: 'Change the gathering point' });
  const englishRetention = englishForm.getByLabel('Days volunteers’ phones keep synced records');
  await englishRetention.fill('5000');
  await englishForm.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(englishRetention).toHaveAccessibleDescription(/A whole number of days from 1 to 3650/);
  await expect(englishForm.getByText('A whole number of days from 1 to 3650')).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing reached the server: a fresh load still shows 21 days.
  await sync.visit('/coordinator');
  await expect(space).toContainText('Volunteers’ phones keep synced records for 21 days.');
  await expect(space.getByRole('form')).toHaveCount(0);
});

test('a gathering point renamed while a form is open keeps the choice: the inquiry is filed under it and shows the new name', async ({ app, page, context }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const name = uniqueName('Пункт Глухів');
  await coordinator.createSpace(name);
  await coordinator.createSpace(uniqueName('Пункт Шостка'));

  // Every step filled and the review reached, with the point chosen from the list.
  const form = new IntakeForm(page);
  await form.open();
  const data = makeIntakeData({ gatheringPoint: name, personSurname: 'Глушко' });
  await form.fillToReview(data);
  await expect(page.getByText(name, { exact: true })).toBeVisible();

  // Meanwhile, in a second tab of the same phone, the point is renamed.
  const renamed = uniqueName('Пункт Глухів, центр');
  const other = await context.newPage();
  const otherApp = new AppPage(other);
  await otherApp.goto('/coordinator');
  await otherApp.unlock();
  await new CoordinatorPages(other, new SyncPages(other, otherApp)).editSpace(name, { name: renamed });
  await other.close();

  // The choice was the point itself, not its name: the review shows the new name and registering files it there.
  await expect(page.getByText(renamed, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();
  await expect(sync.headerPending).toHaveText('Усі зміни синхронізовано');
  const list = new InquiryList(page);
  await list.open();
  await list.row('Глушко').click();
  await expect(page.getByRole('region', { name: 'Звернення', exact: true }).getByText(renamed, { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a volunteer’s phone knows its one point: the form never asks, and the inquiry shows the point’s current name', async ({ app, page, browser }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const name = uniqueName('Пункт Кролевець');
  await coordinator.createSpace(name);
  const volunteerName = uniqueName('Оксана Лисенко');
  await coordinator.addVolunteer(name, volunteerName);
  const code = await coordinator.createEnrolmentCode(name, volunteerName);

  const phone = await openSecondPhone(browser);
  await phone.sync.enrolWithLink(code, uniqueName('Телефон Оксани'));
  const form = new IntakeForm(phone.page);
  await form.open();
  // No field, neither a list nor a text box: the point is said, from the enrolment.
  await expect(form.gatheringPointNote).toHaveText(`Пункт збору: ${name}. Його визначає під'єднання цього телефону.`);
  await expect(phone.page.getByLabel('Пункт збору')).toHaveCount(0);
  await expect(form.gatheringPointChoice).toHaveCount(0);
  await expectNoAxeViolations(phone.page);
  await form.registerInquiry(makeIntakeData({ personSurname: 'Кролевецький' }), async (screen) => {
    if (screen === 'review') await expect(phone.page.getByText(name, { exact: true })).toBeVisible();
  });
  await phone.sync.visit('/sync');
  await phone.sync.syncNow();

  // Renamed by the coordinator: the phone's inquiry shows the new name after its next sync, nothing re-entered.
  const renamed = uniqueName('Пункт Кролевець, вокзал');
  await coordinator.editSpace(name, { name: renamed });
  await phone.sync.visit('/sync');
  await phone.sync.syncNow();
  const list = new InquiryList(phone.page);
  await list.open();
  await list.row('Кролевецький').click();
  await expect(phone.page.getByRole('region', { name: 'Звернення', exact: true }).getByText(renamed, { exact: true })).toBeVisible();
  await phone.context.close();
});

// Linking phones to the server and syncing: a coordinator enrols a volunteer's phone with a single-use code,
// the phone registers inquiries offline and syncs them on coming back online, and the coordinator sees them.
// Also: enrolment errors save nothing, signing out warns about unsynced changes, and axe on these pages.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { InquiryList, IntakeForm, makeIntakeData } from './pages/intake.ts';
import { goOnline, openSecondPhone, screenshot, SyncPages } from './pages/sync-page.ts';

// Two browser contexts, each setting up its passphrase (Argon2) and filling the intake form: give them time.
test.describe.configure({ timeout: 240_000 });

test('a volunteer phone enrolled with a code syncs two inquiries registered offline, and the coordinator sees them', async ({ app, page, browser }) => {
  // Context A: the coordinator.
  const syncA = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, syncA);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Суми');
  const volunteerName = uniqueName('Олена Коваль');
  await coordinator.createSpace(spaceName, 7);
  await expect(coordinator.space(spaceName)).toContainText('зберігають синхронізовані записи 7 днів');
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);
  await screenshot(page, 'coordinator-code');

  // Context B: the volunteer's phone, its own storage.
  const phone = await openSecondPhone(browser);
  const deviceLabel = uniqueName('Телефон Олени');
  await phone.sync.enrolWithLink(code, deviceLabel);
  await phone.sync.visit('/sync');
  await expect(phone.page.getByRole('region', { name: "Під'єднання до сервера" })).toContainText(volunteerName);
  await expect(phone.page.getByRole('region', { name: "Під'єднання до сервера" })).toContainText(spaceName);
  await phone.sync.syncNow();

  await phone.app.makeReadyForOffline();
  await phone.app.goOffline(phone.context);
  const form = new IntakeForm(phone.page);
  const first = await (async () => {
    await form.open();
    return form.registerInquiry(makeIntakeData({ personSurname: 'Бондаренко', contactSurname: 'Бондаренко' }));
  })();
  await form.open();
  const second = await form.registerInquiry(makeIntakeData({ personSurname: 'Мельник', contactSurname: 'Мельник' }));
  await expect(phone.sync.headerPending).toHaveText('2 зміни чекають синхронізації');

  await goOnline(phone.context);
  // Coming online starts a sync by itself.
  await expect(phone.sync.headerPending).toHaveText('Усі зміни синхронізовано');

  // The coordinator syncs and finds both in the list.
  await syncA.visit('/sync');
  await syncA.syncNow();
  const list = new InquiryList(page);
  await list.open();
  await expect(list.row(first)).toHaveCount(1);
  await expect(list.row(second)).toHaveCount(1);

  // The phone shows in the coordinator's device list, seen just now.
  await syncA.visit('/coordinator');
  await expect(coordinator.device(deviceLabel)).toContainText(volunteerName);
  await expect(coordinator.device(deviceLabel)).toContainText(spaceName);
  await expect(coordinator.device(deviceLabel)).toContainText('працює');
  await phone.context.close();
});

test('a wrong code or an unreachable server is explained and saves nothing', async ({ app, page, context }) => {
  const sync = new SyncPages(page, app);
  await app.setUp();
  await sync.visit('/enrol?code=ABCD-2345');
  await expect(page.getByLabel("Код під'єднання")).toHaveValue('ABCD-2345');
  await page.getByRole('button', { name: "Під'єднати телефон" }).click();
  await expect(page.getByRole('alert')).toHaveText(/Код неправильний, уже використаний або його термін минув/);
  await expectNoAxeViolations(page);
  await screenshot(page, 'enrol-error');

  await page.getByLabel("Код під'єднання").fill('');
  await page.getByRole('button', { name: "Під'єднати телефон" }).click();
  await expect(page.getByLabel("Код під'єднання")).toHaveAccessibleDescription(/Обов'язкове поле/);

  await app.goOffline(context);
  await page.getByLabel("Код під'єднання").fill('ABCD-2345');
  await page.getByRole('button', { name: "Під'єднати телефон" }).click();
  await expect(page.getByRole('alert')).toHaveText(/Немає зв'язку з сервером/);
  await goOnline(context);

  await page.getByRole('link', { name: 'Я координатор — увійти з логіном і паролем' }).click();
  await page.getByLabel('Логін').fill('nobody');
  await page.getByLabel('Пароль').fill('wrong password');
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неправильний логін або пароль.');
  await expect(page.getByLabel('Пароль')).toHaveValue('');
  await expectNoAxeViolations(page);
  await screenshot(page, 'sign-in-error');

  await sync.visit('/sync');
  await expect(sync.panel.getByRole('status')).toHaveText(/Цей телефон не під'єднано до сервера/);
  await expect(page.getByRole('link', { name: "Під'єднати цей телефон" })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Увійти як координатор' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'sync-not-enrolled');
});

test('signing out with unsynced changes warns first; the sync page passes axe', async ({ app, page, context }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  // A coordinator files an inquiry under one of their gathering points, chosen in the form (typed if it is their only one).
  const spaceName = uniqueName('Пункт Чоп');
  await coordinator.createSpace(spaceName);
  await sync.visit('/sync');
  await sync.syncNow();
  await expect(sync.panel.getByText(/^Остання синхронізація: щойно \(.+ за часом телефону\)\.$/)).toBeVisible();
  await expect(page.getByRole('region', { name: "Під'єднання до сервера" })).toContainText('координатор');
  await expectNoAxeViolations(page);
  await screenshot(page, 'sync-enrolled');

  // The server becomes unreachable (pages still load, API calls fail): a new inquiry waits to be sent.
  await context.route('**/v1/**', (route) => route.abort('internetdisconnected'));
  const form = new IntakeForm(page);
  await form.open();
  await form.registerInquiry(makeIntakeData({ gatheringPoint: spaceName }));
  await sync.visit('/sync');
  await expect(sync.panel.getByText('1 зміна чекає надсилання на сервер.')).toBeVisible();
  await sync.panel.getByRole('button', { name: 'Синхронізувати зараз' }).click();
  await expect(sync.panel.getByRole('status').first()).toHaveText(/^Немає зв'язку з сервером\./);
  await sync.panel.getByRole('button', { name: 'Вийти з сервера' }).click();
  const warning = sync.panel.getByRole('alertdialog', { name: 'Є несинхронізовані зміни' });
  await expect(warning).toContainText('1 зміну ще не надіслано на сервер');
  await expectNoAxeViolations(page);
  await screenshot(page, 'sync-sign-out-warning');
  await warning.getByRole('button', { name: 'Скасувати' }).click();
  await expect(warning).toHaveCount(0);

  await context.unroute('**/v1/**');
  await sync.syncNow();
  // With nothing left to send, signing out erases the device: its records are safe on the server.
  await sync.panel.getByRole('button', { name: 'Вийти з сервера' }).click();
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('status').filter({ hasText: 'Цей телефон вийшов із сервера й стертий' })).toBeVisible();
  await expect(page.getByLabel('Парольна фраза', { exact: true })).toBeEmpty();
});

// A stressed volunteer never hits a dead end: an enrolment QR opened on a fresh phone keeps its code through
// set-up, the sync status tells the truth (never enrolled, offline, synced) in the header and the panel alike,
// and a forgotten passphrase has a way back — after a warning that names what would be lost.
import { expect, expectNoAxeViolations, PASSPHRASE, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { InquiryList, IntakeForm, makeIntakeData } from './pages/intake.ts';
import { screenshot, SyncPages } from './pages/sync-page.ts';

// Set-up (Argon2) in two contexts and a whole intake form: give them time.
test.describe.configure({ timeout: 240_000 });

test('an enrolment QR opened on a fresh phone keeps its code through set-up and enrols the phone', async ({ app, page, browser }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Ягодин');
  const volunteerName = uniqueName('Ірина Савчук');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);

  // A phone that has never opened the app scans the QR code.
  const context = await browser.newContext();
  const phone = await context.newPage();
  await phone.goto(`/enrol?code=${encodeURIComponent(code)}`);
  await expect(phone).toHaveURL(/\/setup\?next=%2Fenrol%3Fcode%3D/);
  // A reload of the set-up screen keeps where it was going.
  await phone.reload();
  await expect(phone).toHaveURL(/\/setup\?next=%2Fenrol%3Fcode%3D/);
  await phone.getByLabel('Парольна фраза', { exact: true }).fill(PASSPHRASE);
  await phone.getByLabel('Повторіть парольну фразу').fill(PASSPHRASE);
  await phone.getByRole('button', { name: 'Зберегти й почати' }).click();

  await expect(phone).toHaveURL(new RegExp(`/enrol\\?code=${code}$`));
  await expect(phone.getByRole('heading', { level: 1, name: "Під'єднати телефон" })).toBeVisible();
  await expect(phone.getByLabel("Код під'єднання")).toHaveValue(code);
  await phone.getByLabel('Назва цього пристрою').fill(uniqueName('Телефон Ірини'));
  await phone.getByRole('button', { name: "Під'єднати телефон" }).click();
  await expect(phone).toHaveURL(/\/$/);
  await expect(phone.getByRole('banner').getByRole('status')).toHaveText('Усі зміни синхронізовано');
  await context.close();
});

test('a phone never enrolled never says "synced": the header, the confirmation and the panel say nothing will be sent', async ({ app, page }) => {
  await app.setUp();
  const header = page.getByRole('banner');
  await expect(header.getByRole('status')).toHaveText("Телефон не під'єднано до сервера");
  await expect(header.getByText('Усі зміни синхронізовано')).toHaveCount(0);

  const form = new IntakeForm(page);
  await form.open();
  await form.registerInquiry(makeIntakeData({ personSurname: 'Гончаренко' }));
  await expect(page.getByRole('status').filter({ hasText: 'Звернення збережено лише на цьому телефоні' })).toContainText(
    'не дійде до координаторів, доки ви його не під\'єднаєте',
  );
  await expect(page.getByText("Його буде надіслано, коли з'явиться зв'язок")).toHaveCount(0);
  await expect(header.getByRole('status')).toHaveText("1 зміна лише на цьому телефоні: його не під'єднано до сервера");
  await expectNoAxeViolations(page);

  // The confirmation points to enrolment.
  await page.getByRole('link', { name: "Під'єднати телефон до сервера" }).click();
  await expect(page).toHaveURL(/\/enrol$/);

  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Синхронізація' }).click();
  const panel = new SyncPages(page, app).panel;
  await expect(panel.getByRole('status')).toHaveText(/^Цей телефон не під'єднано до сервера/);
  await expect(panel).toContainText("1 зміна збережена лише на цьому телефоні. Поки телефон не під'єднано до сервера, нічого не буде надіслано.");
  await expect(panel.getByText('Усі зміни надіслано на сервер.')).toHaveCount(0);
  await expect(page.getByRole('link', { name: "Під'єднати цей телефон" })).toBeVisible();
});

test('synced, offline and server-unreachable: the header and the sync panel always say the same', async ({ app, page, context }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  await app.makeReadyForOffline();
  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Синхронізація' }).click();
  await sync.syncNow();
  const header = page.getByRole('banner');
  // The phase line comes first; a failure's reason is a second status below it.
  const phase = sync.panel.getByRole('status').first();

  // Synced: the control for the checks below — the panel says "working" while the header says online.
  await expect(header.getByText('У мережі')).toBeVisible();
  await expect(sync.headerPending).toHaveText('Усі зміни синхронізовано');
  await expect(phase).toHaveText('Синхронізація працює.');
  await screenshot(page, 'sync-status-synced');

  // No network: both say so, and the panel no longer claims sync works.
  await app.goOffline(context);
  await expect(header.getByText('Без мережі')).toBeVisible();
  await expect(phase).toHaveText(/^Немає мережі\. Усе збережено на телефоні/);
  await expect(sync.panel.getByText('Синхронізація працює.')).toHaveCount(0);
  await screenshot(page, 'sync-status-offline');

  // The network is back but the server is not: the header does not call that "online".
  await context.setOffline(false);
  await expect(phase).toHaveText(/^Немає зв'язку з сервером\./);
  await expect(header.getByText('Сервер недоступний')).toBeVisible();
  await expect(header.getByText('У мережі')).toHaveCount(0);

  // And once the server answers again, both are back to synced.
  await context.unroute('**/v1/**');
  await sync.panel.getByRole('button', { name: 'Синхронізувати зараз' }).click();
  await expect(phase).toHaveText('Синхронізація працює.');
  await expect(header.getByText('У мережі')).toBeVisible();
});

test('a forgotten passphrase: the lock screen explains, names the unsent registrations, and erases only after a typed confirmation', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  await form.open();
  await form.registerInquiry(makeIntakeData({ personSurname: 'Забутько' }));
  await app.lockNow();

  await page.getByRole('button', { name: 'Забули парольну фразу?' }).click();
  await expect(page.getByRole('button', { name: 'Забули парольну фразу?' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText(/^Парольну фразу не можна відновити/)).toBeVisible();
  await expect(page.getByText(/у безпеці на сервері/)).toBeVisible();
  await expect(page.getByText(/зітріть цей телефон, задайте нову парольну фразу й знову під'єднайте/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(/1 зареєстроване звернення ще не надіслано на сервер/);
  await expectNoAxeViolations(page);
  await screenshot(page, 'forgot-explain');

  await page.getByRole('button', { name: 'Стерти цей телефон…' }).click();
  const confirm = page.getByLabel('Щоб підтвердити, введіть слово СТЕРТИ');
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAccessibleDescription(/зокрема 1 ненадіслане звернення/);
  // A wrong word erases nothing: the passphrase still opens the phone and the inquiry is still there.
  await confirm.fill('так');
  await page.getByRole('button', { name: 'Стерти все на цьому телефоні' }).click();
  await expect(confirm).toHaveAccessibleDescription(/Введіть слово СТЕРТИ, щоб стерти телефон/);
  await expect(page).toHaveURL(/\/unlock/);
  await expectNoAxeViolations(page);
  await screenshot(page, 'forgot-confirm');
  await page.getByRole('button', { name: 'Скасувати' }).click();
  await app.unlock();
  const list = new InquiryList(page);
  await list.open();
  await expect(list.row(/Забутько/)).toHaveCount(1);
  await app.lockNow();

  await page.getByRole('button', { name: 'Забули парольну фразу?' }).click();
  await page.getByRole('button', { name: 'Стерти цей телефон…' }).click();
  await page.getByLabel('Щоб підтвердити, введіть слово СТЕРТИ').fill('стерти');
  await page.getByRole('button', { name: 'Стерти все на цьому телефоні' }).click();
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Захист даних на цьому телефоні' })).toBeVisible();
  await expect(page.getByText(/^Цей телефон стерто\./)).toBeVisible();

  // Set up again with a new passphrase: the phone starts empty.
  const fresh = 'новий ранок біля моря';
  await page.getByLabel('Парольна фраза', { exact: true }).fill(fresh);
  await page.getByLabel('Повторіть парольну фразу').fill(fresh);
  await page.getByRole('button', { name: 'Зберегти й почати' }).click();
  await expect(app.lockButton).toBeVisible();
  await expect(page.getByText('На цьому телефоні ще немає звернень.')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('status')).toHaveText("Телефон не під'єднано до сервера");

  // With nothing unsent, the warning says so rather than naming a count.
  await app.lockNow();
  await page.getByRole('button', { name: 'Забули парольну фразу?' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'На цьому телефоні немає ненадісланих зареєстрованих звернень.' })).toBeVisible();
  await page.getByRole('button', { name: 'Стерти цей телефон…' }).click();
  await expect(page.getByLabel('Щоб підтвердити, введіть слово СТЕРТИ')).toHaveAccessibleDescription(/^Буде стерто все, що є на цьому телефоні\. Скасувати це неможливо\./);
});

test('dates and heights as people type them are read, shown as read, and stored in ISO', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  const data = makeIntakeData({ personSurname: 'Дмитренко' });
  await form.open();
  await form.fillInquiry(data);
  await form.next(2);
  await form.fillFamily(data);
  await form.next(3);
  await form.fillConsent();
  await form.next(4);
  await form.fillPerson(data);

  const born = page.getByLabel('Дата народження');
  const lastSeen = page.getByLabel("Коли востаннє виходив на зв'язок");
  // The hint teaches the forms people use, not ISO; the keyboard is a text one (month names are words).
  await expect(born).toHaveAccessibleDescription(/14\.03\.1995, 03\.1995, 1995 або 14 березня 1995/);
  await expect(born).toHaveAttribute('inputmode', 'text');

  // Impossible and future dates say why, and keep the volunteer on the step.
  await born.fill('31.02.1998');
  await lastSeen.fill('2099');
  await form.nextButton.click();
  await expect(form.stepIndicator(4)).toBeVisible();
  await expect(born).toHaveAccessibleDescription(/Такої дати не буває: перевірте день і місяць/);
  await expect(lastSeen).toHaveAccessibleDescription(/Ця дата ще не настала/);

  await born.fill('14.03.1998');
  await expect(born).toHaveAccessibleDescription(/Прочитано як: 14 березня 1998 р\./);
  await lastSeen.fill('серпень 2024');
  await expect(lastSeen).toHaveAccessibleDescription(/Прочитано як: серпень 2024 р\./);
  await form.next(5);

  const height = page.getByLabel('Зріст, см');
  await expect(height).toHaveAttribute('inputmode', 'decimal');
  await height.fill('1,82');
  await expect(height).toHaveAccessibleDescription(/Прочитано як: 182 см/);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Додати прикмету' }).click();
  await page.getByLabel('Вид прикмети').selectOption({ label: 'Татуювання' });
  await page.getByLabel('Де на тілі').selectOption({ label: 'Ліва рука' });
  await page.getByLabel('Опис', { exact: true }).fill(data.markDescription);
  await form.next(6);

  // The review reads them back as they will be stored.
  await expect(page.getByText('14 березня 1998 р.', { exact: true })).toBeVisible();
  await expect(page.getByText('серпень 2024 р.', { exact: true })).toBeVisible();
  await expect(page.getByText('182 см', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await page.getByRole('link', { name: 'Відкрити звернення' }).click();
  await expect(page.getByText('14 березня 1998 р.', { exact: true })).toBeVisible();
  await expect(page.getByText('182 см', { exact: true })).toBeVisible();

  // Editing on the detail page reads the same way.
  await page.getByRole('button', { name: 'Змінити: Дата народження' }).click();
  const edit = page.getByRole('textbox', { name: 'Дата народження' });
  await edit.fill('03.1998');
  await expect(edit).toHaveAccessibleDescription(/Прочитано як: березень 1998 р\./);
  await page.getByRole('button', { name: 'Зберегти: Дата народження' }).click();
  await expect(page.getByText('березень 1998 р.', { exact: true })).toBeVisible();
});

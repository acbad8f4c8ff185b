// Probable duplicates. At intake: registering a sought person already registered on this phone under another
// spelling names the earlier one before "Register", offline, and still lets the volunteer register. A person
// nobody seeks yet gets no warning (the control). On a coordinator's device: two inquiries about one person
// are linked by the coordinator, never merged, and each shows the other.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { IntakeForm, makeIntakeData } from './pages/intake.ts';
import { screenshot, SyncPages } from './pages/sync-page.ts';
import { countOutbox, watchPulls } from './support/pulls.ts';

test('a similar person already registered on this phone is named before registering, offline, without blocking', async ({ app, page, context }) => {
  await app.setUp();
  await app.makeReadyForOffline();
  await app.goOffline(context);
  const form = new IntakeForm(page);
  await form.open();
  const first = await form.registerInquiry(makeIntakeData({ personSurname: 'Олійник', personGivenName: 'Микола', personPatronymic: 'Петрович' }));

  // Another relative asks about him, spelled the Russian way.
  await form.open();
  await form.fillToReview(makeIntakeData({ contactSurname: 'Ковальчук', personSurname: 'Олейник', personGivenName: 'Николай', personPatronymic: 'Петрович' }));
  const warning = page.getByRole('status').filter({ hasText: 'Схожу людину вже зареєстровано на цьому телефоні' });
  await expect(warning).toContainText(`Олійник Микола Петрович, 1990 (звернення ${first})`);
  await expect(warning).toContainText('Реєстрацію це не зупиняє');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();

  // Control: somebody nobody seeks yet.
  await form.open();
  await form.fillToReview(makeIntakeData({ personSurname: 'Гнатишин', personGivenName: 'Остап', personPatronymic: 'Любомирович' }));
  await expect(page.getByText('Схожих людей серед зареєстрованих на цьому телефоні не знайдено.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Схожу людину' })).toHaveCount(0);
});

test('a coordinator links two inquiries about the same person: the pair is shown with its reasons, and each inquiry shows the other', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const pulled = watchPulls(page);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Полтава');
  await coordinator.createSpace(spaceName);
  const form = new IntakeForm(page);
  await form.open();
  const first = await form.registerInquiry(makeIntakeData({ gatheringPoint: spaceName, contactGivenName: 'Параска', personSurname: 'Олійник', personGivenName: 'Ярема', personPatronymic: 'Богданович' }));
  await form.open();
  const second = await form.registerInquiry(makeIntakeData({ gatheringPoint: spaceName, contactSurname: 'Гуменюк', personSurname: 'Олейник', personGivenName: 'Ярема', personPatronymic: 'Богданович' }));

  await page.getByRole('navigation').getByRole('link', { name: 'Дублікати' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Можливі дублікати' })).toBeVisible();
  const pair = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Олійник Ярема і Олейник Ярема|Олейник Ярема і Олійник Ярема/ }) });
  await expect(pair).toContainText(`Звернення ${first}`);
  await expect(pair).toContainText(`Звернення ${second}`);
  await expect(pair).toContainText('Ім\'я: збігається');
  await expectNoAxeViolations(page);
  await pair.getByRole('button', { name: /^Та сама людина/ }).click();
  await expect(pair.getByRole('status')).toHaveText('Та сама людина: звернення пов\'язано');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'duplicates-laptop');

  // Both inquiries stay, each naming the other.
  await pair.getByRole('link', { name: `Звернення ${first}` }).click();
  const linked = page.getByRole('region', { name: 'Та сама людина в інших зверненнях' });
  await expect(linked.getByRole('link', { name: `Звернення ${second}, звернулися: Гуменюк Галина` })).toBeVisible();
  await expectNoAxeViolations(page);
  await linked.getByRole('link').click();
  await expect(page.getByRole('region', { name: 'Та сама людина в інших зверненнях' }).getByRole('link', { name: new RegExp(`^Звернення ${first}`) })).toBeVisible();

  // The link syncs: the server takes it and sends it back, and nothing waits on the device.
  await sync.visit('/sync');
  await sync.syncNow();
  // (The server's matcher may have suggested the same pair meanwhile; the decision lands on it, so it can take
  // a second sync to come back.)
  const confirmed = () => pulled.count('candidateMatch', (c) => c.data?.kind === 'duplicate' && c.data.status === 'confirmed');
  await expect
    .poll(async () => {
      if (confirmed() === 0) await sync.syncNow();
      return confirmed();
    }, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  expect(await countOutbox(page)).toBe(0);
});

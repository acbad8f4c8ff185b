// The held-back changes of a revoked phone, from the coordinator's side: each shows what it says (reference,
// family contact, person sought, device, time), one is accepted and lands in the list of inquiries, another
// is discarded with a reason that cannot be left out; the device card tells whether the phone was erased and
// how many changes it handed over — also for a real phone that registered offline before it was revoked.
// Axe runs at phone size and at laptop size.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { CoordinatorPages, E2E_COORDINATOR, uniqueName } from './pages/coordinator-page.ts';
import { confirmWipe, enrolPhoneByApi, HeldChanges, heldInquiry, pushAsRevoked, uniqueSurname } from './pages/held-changes.ts';
import { InquiryList, IntakeForm, makeIntakeData, shoot } from './pages/intake.ts';
import { goOnline, openSecondPhone, screenshot, SyncPages } from './pages/sync-page.ts';

test.describe.configure({ timeout: 180_000 });

test('a revoked phone\'s held inquiries show their content; one is accepted into the inquiries, one discarded with a reason', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  const held = new HeldChanges(page);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Суми');
  const volunteerName = uniqueName('Оксана Лисенко');
  const deviceLabel = uniqueName('Телефон Оксани');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);
  const phone = await enrolPhoneByApi(page.request, code, deviceLabel);

  await sync.visit('/coordinator');
  await coordinator.revokeDevice(deviceLabel);
  await expect(coordinator.device(deviceLabel)).toContainText('Стертоще не стерто');
  await expect(coordinator.device(deviceLabel)).toContainText('Передано відкладених змін0 змін');

  // The phone, already revoked, hands over two inquiries it registered offline.
  const kept = heldInquiry(1, { contactSurname: uniqueSurname('Кравчук'), personSurname: uniqueSurname('Кравчук') });
  const dropped = heldInquiry(2, { contactSurname: uniqueSurname('Savchenko'), personSurname: uniqueSurname('Савченко') });
  expect(await pushAsRevoked(page.request, phone, [kept.mutation, dropped.mutation])).toMatchObject({ quarantined: 2, wipe: true });

  await sync.visit('/coordinator');
  const card = await held.reveal(kept.reference);
  await held.reveal(dropped.reference);
  await expect(card).toContainText(kept.contactName);
  await expect(card).toContainText('(Дружина)');
  await expect(card).toContainText(kept.personName);
  await expect(card).toContainText('+380671112233');
  await expect(card).toContainText(`${deviceLabel} (${volunteerName})`);
  await expect(card).toContainText('Зареєстровано без зв’язку, перед відкликанням');
  await expect(held.inquiry(dropped.reference)).toContainText(dropped.personName);
  await expect(coordinator.device(deviceLabel)).toContainText('Передано відкладених змін2 зміни');
  await expectNoAxeViolations(page);
  await screenshot(page, 'quarantine-pending');
  await shoot(page, 'quarantine-card.png', card);
  await shoot(page, 'quarantine-device-card.png', coordinator.device(deviceLabel));

  await held.accept(kept.reference);

  // Discarding needs a reason: an empty one is refused and changes nothing.
  const form = await held.openDiscard(dropped.reference);
  await form.getByRole('button', { name: 'Відхилити цю зміну' }).click();
  await expect(form.getByLabel('Причина відхилення')).toHaveAccessibleDescription(/Обов'язкове поле/);
  await expect(held.inquiry(dropped.reference)).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, 'quarantine-discard-form.png', held.inquiry(dropped.reference));
  await form.getByLabel('Причина відхилення').fill('Родина вже звернулася повторно на іншому пункті');
  await form.getByRole('button', { name: 'Відхилити цю зміну' }).click();
  await expect(held.section.getByRole('status')).toHaveText('Відхилено. Рішення і причину записано.');
  await expect(held.inquiry(dropped.reference)).toHaveCount(0);

  // Decided ones stay visible as decided, with who decided and the reason.
  await held.show('вирішені');
  await held.reveal(kept.reference);
  await held.reveal(dropped.reference);
  await expect(held.inquiry(kept.reference)).toContainText(`Рішення: прийнято. ${E2E_COORDINATOR.login}, `);
  await expect(held.inquiry(dropped.reference)).toContainText(`Рішення: відхилено. ${E2E_COORDINATOR.login}, `);
  await expect(held.inquiry(dropped.reference)).toContainText('Причина: Родина вже звернулася повторно на іншому пункті');
  await expect(held.inquiry(kept.reference).getByRole('button')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The phone confirms it erased itself; the device card says when.
  await confirmWipe(page.request, phone);
  await coordinator.devices().getByRole('button', { name: 'Оновити' }).click();
  await expect(coordinator.device(deviceLabel)).not.toContainText('ще не стерто');
  await expect(coordinator.device(deviceLabel)).toContainText(/Стерто\d/);

  // On a laptop the same page passes axe too.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page);
  await shoot(page, 'quarantine-decided-laptop.png', held.section);
  await page.setViewportSize({ width: 360, height: 740 });

  // The accepted inquiry is an ordinary record now: it reaches the coordinator's list with the next sync.
  await sync.visit('/sync');
  await sync.syncNow();
  const list = new InquiryList(page);
  await list.open();
  await expect(list.row(kept.reference)).toHaveCount(1);
  await expect(list.row(dropped.reference)).toHaveCount(0);
});

test('held-back changes come a page at a time, and "Show more" brings the rest', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  const held = new HeldChanges(page);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Шостка');
  const volunteerName = uniqueName('Марко Бойко');
  const deviceLabel = uniqueName('Телефон Марка');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const phone = await enrolPhoneByApi(page.request, await coordinator.createEnrolmentCode(spaceName, volunteerName), deviceLabel);
  await sync.visit('/coordinator');
  await coordinator.revokeDevice(deviceLabel);
  const inquiries = Array.from({ length: 23 }, (_, i) => heldInquiry(i + 1, { contactSurname: uniqueSurname('Бойко'), personSurname: uniqueSurname('Бойко') }));
  expect(await pushAsRevoked(page.request, phone, inquiries.map((h) => h.mutation))).toMatchObject({ quarantined: 23 });

  await sync.visit('/coordinator');
  // A page holds 20 (other tests' phones may have held changes of the same coordinator too).
  await expect(held.section.getByRole('article')).toHaveCount(20);
  const more = held.section.getByRole('button', { name: 'Показати ще' });
  while (await more.isVisible()) {
    const before = await held.section.getByRole('article').count();
    await more.click();
    await expect.poll(() => held.section.getByRole('article').count()).toBeGreaterThan(before);
  }
  for (const h of inquiries) await expect(held.inquiry(h.reference)).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('a real phone registers offline, is revoked, hands its inquiry over and erases itself; the coordinator accepts it', async ({ app, page, browser }) => {
  test.setTimeout(240_000);
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  const held = new HeldChanges(page);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Глухів');
  const volunteerName = uniqueName('Дарина Мороз');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);
  const phone = await openSecondPhone(browser);
  const deviceLabel = uniqueName('Телефон Дарини');
  await phone.sync.enrolWithLink(code, deviceLabel);

  await phone.app.makeReadyForOffline();
  await phone.app.goOffline(phone.context);
  const form = new IntakeForm(phone.page);
  await form.open();
  const personSurname = uniqueSurname('Мороз');
  const reference = await form.registerInquiry(makeIntakeData({ personSurname }));

  await sync.visit('/coordinator');
  await coordinator.revokeDevice(deviceLabel);
  await goOnline(phone.context);
  await expect(phone.page).toHaveURL(/\/setup$/);
  await phone.context.close();

  await sync.visit('/coordinator');
  const card = await held.reveal(reference);
  await expect(card).toContainText(`${personSurname} Олександр Миколайович`);
  await expect(card).toContainText('Олійник Галина');
  await expect(card).toContainText(`${deviceLabel} (${volunteerName})`);
  // The phone confirmed its wipe right before erasing itself.
  await expect(coordinator.device(deviceLabel)).toContainText(/Стерто\d/);
  await expect(coordinator.device(deviceLabel)).toContainText('Передано відкладених змін1 зміна');
  await held.accept(reference);
  await expectNoAxeViolations(page);
});

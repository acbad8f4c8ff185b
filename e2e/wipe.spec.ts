// A wipe that really wipes, read from the disk: a phone with an on-disk browser profile registers inquiries
// offline, is revoked, hands its unsent registrations over and erases itself; then every file of the closed
// profile (LevelDB tables decompressed) is searched for the wrapped key, its salt and every sealed value it
// held. The control run skips the wipe and must find them, which proves the search works.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { AppPage, expect, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { IntakeForm, makeIntakeData } from './pages/intake.ts';
import { goOnline, SyncPages } from './pages/sync-page.ts';
import { filesContaining, readProfile } from './support/profile-files.ts';

test.describe.configure({ timeout: 300_000 });

interface Phone {
  context: BrowserContext;
  page: Page;
  app: AppPage;
  sync: SyncPages;
  dir: string;
}

/** A phone whose browser keeps its profile in a folder on disk, as a real phone's does. */
async function openPhoneOnDisk(info: TestInfo): Promise<Phone> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rodyna-profile-'));
  const use = info.project.use;
  const context = await chromium.launchPersistentContext(dir, {
    ...use.launchOptions,
    baseURL: use.baseURL,
    viewport: use.viewport ?? null,
    locale: use.locale,
    serviceWorkers: 'allow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const app = new AppPage(page);
  await app.setUp();
  return { context, page, app, sync: new SyncPages(page, app), dir };
}

/** Byte patterns an attacker with the passphrase would need: the wrapped key, its salt, every sealed value. */
function collectSecrets(): Promise<{ wrapped: string; salt: string; sealed: string[] }> {
  return (async () => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = await request(indexedDB.open('rodyna'));
    const sealed: string[] = [];
    let wrapped = '';
    let salt = '';
    const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer).subarray(0, 24), (b) => b.toString(16).padStart(2, '0')).join('');
    const walk = (value: unknown): void => {
      if (value instanceof ArrayBuffer) {
        if (value.byteLength >= 24) sealed.push(hex(value));
      } else if (value && typeof value === 'object') {
        for (const item of Object.values(value)) walk(item);
      }
    };
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await request(db.transaction(name, 'readonly').objectStore(name).getAll());
      for (const row of rows as { key?: string; value?: { wrapped?: string; kdf?: { salt?: string } } }[]) {
        if (row.key === 'keyring' && row.value) {
          wrapped = row.value.wrapped ?? '';
          salt = row.value.kdf?.salt ?? '';
        }
        walk(row);
      }
    }
    db.close();
    return { wrapped, salt, sealed };
  })();
}

const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

/** Sets up a coordinator and an enrolled phone on disk, which then registers two inquiries offline. */
async function phoneWithUnsentRegistrations(app: AppPage, page: Page, info: TestInfo) {
  const coordinatorSync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, coordinatorSync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Суми');
  const volunteerName = uniqueName('Ірина Бондар');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);
  const phone = await openPhoneOnDisk(info);
  const deviceLabel = uniqueName('Телефон Ірини');
  await phone.sync.enrolWithLink(code, deviceLabel);

  await phone.app.makeReadyForOffline();
  await phone.app.goOffline(phone.context);
  const form = new IntakeForm(phone.page);
  // A surname no other test types, in letters only (names refuse digits).
  const surname = `Кравч${[...Date.now().toString(36)].map((c) => 'абвгдежзиклмнопрстуфхцчшщюя'[parseInt(c, 36) % 27]).join('')}`;
  for (const suffix of ['ук', 'енко']) {
    await form.open();
    await form.registerInquiry(makeIntakeData({ personSurname: `${surname}${suffix}`, notes: `Особлива прикмета ${surname}` }));
  }
  await expect(phone.sync.headerPending).toContainText('2');
  const secrets = await phone.page.evaluate(collectSecrets);
  expect(secrets.wrapped.length).toBeGreaterThan(20);
  expect(secrets.sealed.length).toBeGreaterThan(6);
  return { coordinator, coordinatorSync, phone, deviceLabel, surname, secrets };
}

test('a revoked phone hands over its unsent registrations, erases itself, and its profile files keep nothing', async ({ app, page }, info) => {
  const { coordinator, coordinatorSync, phone, deviceLabel, surname, secrets } = await phoneWithUnsentRegistrations(app, page, info);
  await coordinatorSync.visit('/coordinator');
  await coordinator.revokeDevice(deviceLabel);

  // Back online, the sync that coming online starts hands the two registrations over, then erases the phone.
  await goOnline(phone.context);
  await expect(phone.page).toHaveURL(/\/setup$/);
  await expect(phone.page.getByRole('status').filter({ hasText: 'Перед стиранням координаторам передано 2 ще не надіслані реєстрації.' })).toBeVisible();
  await phone.context.close();

  const dump = readProfile(phone.dir);
  expect(dump.files).toBeGreaterThan(10);
  expect(filesContaining(dump, secrets.wrapped)).toEqual([]);
  expect(filesContaining(dump, secrets.salt)).toEqual([]);
  expect(filesContaining(dump, surname)).toEqual([]);
  const survivors = secrets.sealed.filter((s) => filesContaining(dump, fromHex(s)).length > 0);
  expect(survivors).toEqual([]);
  fs.rmSync(phone.dir, { recursive: true, force: true });
});

test('control: without the wipe, the same search finds the wrapped key and the sealed values in the profile files', async ({ app, page }, info) => {
  const { phone, surname, secrets } = await phoneWithUnsentRegistrations(app, page, info);
  await phone.context.close();

  const dump = readProfile(phone.dir);
  expect(filesContaining(dump, secrets.wrapped).length).toBeGreaterThan(0);
  expect(filesContaining(dump, secrets.salt).length).toBeGreaterThan(0);
  const found = secrets.sealed.filter((s) => filesContaining(dump, fromHex(s)).length > 0);
  expect(found.length).toBe(secrets.sealed.length);
  // Sealed: the typed names are nowhere in plaintext even before a wipe.
  expect(filesContaining(dump, surname)).toEqual([]);
  fs.rmSync(phone.dir, { recursive: true, force: true });
});

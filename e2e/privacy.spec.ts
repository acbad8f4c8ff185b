// Sealed at rest: after a draft and a registration with distinctive values, every byte IndexedDB holds is read
// raw in the page and none of the typed personal values appears, as text or inside binary data.
import { expect, test } from './fixtures.ts';
import { CoordinatorPages, uniqueName } from './pages/coordinator-page.ts';
import { IntakeForm, makeIntakeData } from './pages/intake.ts';
import { openSecondPhone, SyncPages } from './pages/sync-page.ts';

/** Reads every object store of every database; binary values as bytes and decoded as UTF-8 and UTF-16. */
function dumpIndexedDb(): Promise<string> {
  return (async () => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const parts: string[] = [];
    const bytesOf = (value: ArrayBuffer | ArrayBufferView): Uint8Array =>
      value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const walk = (value: unknown): void => {
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = bytesOf(value);
        parts.push(Array.from(bytes).join(','));
        parts.push(new TextDecoder('utf-8').decode(bytes));
        parts.push(new TextDecoder('utf-16le').decode(bytes.byteLength % 2 ? bytes.subarray(1) : bytes));
        parts.push(new TextDecoder('utf-16le').decode(bytes.byteLength % 2 ? bytes.subarray(0, -1) : bytes));
      } else if (value instanceof Blob) {
        parts.push(`[blob ${value.size}]`);
      } else if (Array.isArray(value)) {
        for (const item of value) walk(item);
      } else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          parts.push(key);
          walk(item);
        }
      } else {
        parts.push(String(value));
      }
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      parts.push(`[database ${info.name}]`);
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        parts.push(`[store ${storeName}]`);
        walk(await request(store.getAllKeys()));
        walk(await request(store.getAll()));
      }
      db.close();
    }
    return parts.join('\n');
  })();
}

test('no personal value typed into a draft or a registered inquiry is stored readable in IndexedDB', async ({ app, page }) => {
  await app.setUp();
  // A canary written by the test itself, as UTF-8 and UTF-16 bytes: proof the reader decodes binary data.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('privacy-canary');
      r.onupgradeneeded = () => r.result.createObjectStore('canary');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const utf16 = new Uint16Array([...'Канарка-UTF16'].map((c) => c.charCodeAt(0)));
    const tx = db.transaction('canary', 'readwrite');
    tx.objectStore('canary').put({ a: new TextEncoder().encode('Канарка-UTF8').buffer, b: utf16 }, 1);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });

  const data = makeIntakeData({
    contactSurname: 'Квітчастенко',
    contactGivenName: 'Ярослава',
    phone: '+380 67 918 27 36',
    personSurname: 'Жолдаківський',
    personGivenName: 'Всеволод',
    personPatronymic: 'Остапович',
    unit: 'Частина-Ф4471',
    markDescription: 'Татуювання-сова-8823',
    notes: 'Примітка-таємна-5519',
  });
  const secrets = [
    data.contactSurname, data.contactGivenName, data.personSurname, data.personGivenName, data.personPatronymic,
    data.unit, data.markDescription, data.notes, data.phone, '918 27 36', '679182736', data.gatheringPoint,
  ];
  const form = new IntakeForm(page);

  // A draft half-way through the form: sealed too.
  await form.open();
  await form.fillInquiry(data);
  await form.next(2);
  await form.fillFamily(data);
  await expect(page.getByText(/^Чернетку збережено о/)).toBeVisible();
  const draftDump = await page.evaluate(dumpIndexedDb);
  expect(draftDump).toContain('[store drafts]');
  for (const secret of [data.contactSurname, data.contactGivenName, data.phone, '679182736', data.notes]) {
    expect(draftDump, `draft: ${secret}`).not.toContain(secret);
  }

  await form.next(3);
  await form.fillConsent();
  await form.next(4);
  await form.fillPerson(data);
  await form.next(5);
  await form.fillIdentifying(data);
  await form.next(6);
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();

  const dump = await page.evaluate(dumpIndexedDb);
  // The reader really reads: plaintext metadata and the canary's bytes are found.
  expect(dump).toContain('familyContact');
  expect(dump).toContain('soughtPerson');
  expect(dump).toContain('[store records]');
  expect(dump).toContain('Канарка-UTF8');
  expect(dump).toContain('Канарка-UTF16');
  for (const secret of secrets) {
    expect(dump, secret).not.toContain(secret);
    expect(dump.toLowerCase(), secret).not.toContain(secret.toLowerCase());
  }
});

/** Text fields that would let the browser keep what is typed (autofill), outside the seal. */
function autofillInputs(): string[] {
  const allowed = new Set(['off', 'one-time-code', 'new-password', 'current-password', 'username']);
  const typed = new Set(['text', 'tel', 'email', 'search', 'number', 'date', 'month', 'url', '']);
  return Array.from(document.querySelectorAll('input, textarea'))
    .filter((el) => el.tagName === 'TEXTAREA' || typed.has(el.getAttribute('type') ?? ''))
    .filter((el) => !allowed.has(el.getAttribute('autocomplete') ?? ''))
    .map((el) => `${el.tagName} ${el.getAttribute('name') ?? el.id} autocomplete=${el.getAttribute('autocomplete')}`);
}

test('an enrolled, synced phone keeps its owner, gathering point, device id and times sealed; no field offers autofill', async ({ app, page, browser }) => {
  const coordinatorSync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, coordinatorSync);
  await app.setUp();
  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Ягодин');
  const volunteerName = uniqueName('Мирослава Тихоструй');
  await coordinator.createSpace(spaceName);
  await coordinator.addVolunteer(spaceName, volunteerName);
  const code = await coordinator.createEnrolmentCode(spaceName, volunteerName);

  const phone = await openSecondPhone(browser);
  const enrolled = phone.page.waitForResponse((r) => r.url().endsWith('/v1/devices/enrol') && r.ok());
  const deviceLabel = uniqueName('Телефон Мирослави');
  await phone.sync.enrolWithLink(code, deviceLabel);
  const session = (await (await enrolled).json()) as { deviceId: string; refreshSecret: string };

  // The volunteer's own name in Settings, a registration, and a sync: everything the phone keeps about itself.
  await phone.sync.visit('/settings');
  await phone.page.getByLabel("Ваше ім'я та прізвище").fill('Мирослава Профільна');
  await phone.page.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await expect(phone.page.getByRole('status').filter({ hasText: 'Збережено.' })).toBeVisible();
  expect(await phone.page.evaluate(autofillInputs)).toEqual([]);
  const form = new IntakeForm(phone.page);
  await form.open();
  expect(await phone.page.evaluate(autofillInputs)).toEqual([]);
  await form.registerInquiry(makeIntakeData({ gatheringPoint: spaceName }));
  await phone.sync.visit('/sync');
  await phone.sync.syncNow();

  // A control: a canary holding the same kinds of values proves the reader and the searches find them.
  const now = Date.now();
  const canary = { id: session.deviceId.toUpperCase(), at: now, iso: new Date(now).toISOString() };
  await phone.page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('privacy-canary-times');
      r.onupgradeneeded = () => r.result.createObjectStore('canary');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('canary', 'readwrite');
    tx.objectStore('canary').put(value, 1);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, canary);

  const dump = await phone.page.evaluate(dumpIndexedDb);
  const timePrefix = String(now).slice(0, 6);
  const isoDay = canary.iso.slice(0, 11);
  expect(dump).toContain(canary.id);
  expect(dump).toContain(`${canary.at}`);
  expect(dump).toContain(canary.iso);
  // Only the canary holds them: the app's own database, read alone, holds none of them.
  const rest = dump.split('[database ').find((part) => part.startsWith('rodyna]')) ?? '';
  expect(rest).toContain('[store records]');
  for (const secret of [volunteerName, spaceName, deviceLabel, 'Мирослава Профільна', session.deviceId, session.deviceId.toUpperCase(), session.refreshSecret]) {
    expect(rest, secret).not.toContain(secret);
  }
  expect(rest, 'a device-clock or server time').not.toMatch(new RegExp(`${timePrefix}\\d{7}`));
  expect(rest, 'an ISO date of today').not.toContain(isoDay);
  await phone.context.close();
});

// Sealed at rest: after a draft and a registration with distinctive values, every byte IndexedDB holds is read
// raw in the page and none of the typed personal values appears, as text or inside binary data.
import { expect, test } from './fixtures.ts';
import { IntakeForm, makeIntakeData } from './pages/intake.ts';

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

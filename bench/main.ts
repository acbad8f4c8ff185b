// The device benchmark page: exposes `window.rodynaBench`, whose functions scripts/bench.mjs calls through
// Playwright. Everything measured goes through the app's real modules (crypto/, db/); only the data is made up.
import { familyContactSchema, inquirySchema, intakeSchema, soughtPersonSchema, type IntakeInput } from '@schema/inquiry.ts';
import type { Change } from '@schema/protocol.ts';
import { generateReference } from '@schema/reference.ts';
import { createDataKey, unwrapDataKey, type WrappedKey } from '@/crypto/keys.ts';
import { dropDataKey, getDataKey, setDataKey } from '@/crypto/key-holder.ts';
import { seal } from '@/crypto/seal.ts';
import { db, type StoredRecord } from '@/db/db.ts';
import { createInquiry } from '@/db/inquiries.ts';
import { getMeta, setMeta } from '@/db/meta.ts';
import { saveProfile } from '@/db/profile.ts';
import { inquiryIndex } from '@/db/search-index.ts';
import { compactPacks } from '@/db/packs.ts';
import { recordCache } from '@/db/record-cache.ts';
import { applyPage } from '@/db/sync-store.ts';
import { recordContext, SEAL_FORMAT } from '@/db/seal-context.ts';
import { generator, type Generator } from './data.ts';
import { importList } from './import-bench.ts';

const KEYRING = 'keyring';

/** What the driver needs to build realistic queries: references and phones that exist on the device. */
interface Samples {
  references: string[];
  phones: string[];
}

let gen: Generator = generator(1);
const samples: Samples = { references: [], phones: [] };
let seq = 0;
const spaceId = crypto.randomUUID();

function note(values: IntakeInput, reference: string): void {
  if (samples.references.length < 50) samples.references.push(reference);
  if (samples.phones.length < 50) samples.phones.push(values.familyContact.phones[0] ?? '');
}

/** The records of one inquiry as the server would send them after sync (ids, reference and defaults filled). */
function recordsOf(values: IntakeInput): { type: StoredRecord['type']; id: string; data: Record<string, unknown> }[] {
  const familyContact = familyContactSchema.parse({ ...values.familyContact, id: crypto.randomUUID() });
  const persons = values.soughtPersons.map((p) => soughtPersonSchema.parse({ ...p, id: crypto.randomUUID() }));
  const inquiry = inquirySchema.parse({
    ...values.inquiry,
    id: crypto.randomUUID(),
    reference: generateReference(),
    handlingStatus: 'synced',
    familyContactId: familyContact.id,
    soughtPersonIds: persons.map((p) => p.id),
  });
  note(values, inquiry.reference);
  return [
    { type: 'inquiry', id: inquiry.id, data: inquiry },
    { type: 'familyContact', id: familyContact.id, data: familyContact },
    ...persons.map((p) => ({ type: 'soughtPerson' as const, id: p.id, data: p })),
  ];
}

const now = () => performance.now();

const api = {
  /** First run on a fresh device: empty database, a data key wrapped under the passphrase with the real Argon2id parameters. */
  async setUp(passphrase: string, seed: number): Promise<{ kdf: WrappedKey['kdf']; ms: number }> {
    dropDataKey();
    await db.delete();
    await db.open();
    gen = generator(seed);
    const t0 = now();
    const { key, wrapped } = await createDataKey(passphrase);
    const ms = now() - t0;
    await setMeta(KEYRING, wrapped);
    setDataKey(key);
    await saveProfile({ volunteerName: 'Марія Коваль', gatheringPoint: 'Пункт збору №3' });
    return { kdf: { ...wrapped.kdf, salt: '…' }, ms };
  },

  /** Seeds through the real repository, `concurrency` createInquiry calls at a time (each its own transaction). */
  async seedCreate(count: number, concurrency: number): Promise<number> {
    const t0 = now();
    for (let done = 0; done < count; done += concurrency) {
      const batch = Array.from({ length: Math.min(concurrency, count - done) }, () => gen.next());
      const created = await Promise.all(batch.map((v) => createInquiry(v)));
      created.forEach((c, i) => note(batch[i]!, c.reference));
    }
    return now() - t0;
  },

  /** Seeds as a coordinator's device gets its records: pulled pages applied by the real sync-store, one transaction each. */
  async seedPulled(count: number, pageSize: number): Promise<number> {
    const t0 = now();
    for (let done = 0; done < count; done += pageSize) {
      const changes: Change[] = [];
      for (let i = 0; i < Math.min(pageSize, count - done); i++) {
        for (const r of recordsOf(gen.next())) {
          seq += 1;
          changes.push({ type: r.type, id: r.id, spaceId, version: 1, seq: String(seq), deleted: false, updatedAt: new Date().toISOString(), data: r.data });
        }
      }
      await applyPage(changes, String(seq));
    }
    return now() - t0;
  },

  /**
   * Sync apply rate: `count` inquiries arriving as pull pages of `changesPerPage` records (the engine's page
   * size), applied by the real applyPage(). With `withIndex` the search index is built first, as it is
   * whenever the app is unlocked (sync only runs unlocked). Returns the time of each page.
   */
  async pullApply(count: number, changesPerPage: number, withIndex: boolean): Promise<{ pages: { ms: number; recordsBefore: number; changes: number }[] }> {
    if (withIndex) await inquiryIndex.build();
    const changes: Change[] = [];
    for (let i = 0; i < count; i++) {
      for (const r of recordsOf(gen.next())) {
        seq += 1;
        changes.push({ type: r.type, id: r.id, spaceId, version: 1, seq: String(seq), deleted: false, updatedAt: new Date().toISOString(), data: r.data });
      }
    }
    const pages: { ms: number; recordsBefore: number; changes: number }[] = [];
    for (let at = 0; at < changes.length; at += changesPerPage) {
      const page = changes.slice(at, at + changesPerPage);
      const t0 = now();
      await applyPage(page, page[page.length - 1]!.seq);
      pages.push({ ms: now() - t0, recordsBefore: at, changes: page.length });
    }
    return { pages };
  },

  /**
   * Fast seeding in the stored form the pull writes: pages of `chunk` inquiries (three or more records each)
   * applied by the real applyPage(), one sealed pack per page.
   */
  async seedBulk(count: number, chunk: number): Promise<number> {
    const t0 = now();
    for (let done = 0; done < count; done += chunk) {
      const changes: Change[] = [];
      for (let i = 0; i < Math.min(chunk, count - done); i++) {
        for (const r of recordsOf(gen.next())) {
          seq += 1;
          changes.push({ type: r.type, id: r.id, spaceId, version: 1, seq: String(seq), deleted: false, updatedAt: new Date().toISOString(), data: r.data });
        }
      }
      await applyPage(changes, String(seq));
    }
    return now() - t0;
  },

  /** The stored form compacted as the app does after an unlock or a sync (db/packs.ts). */
  async compact(): Promise<{ ms: number; packsBefore: number; packsAfter: number }> {
    const packsBefore = await db.packs.count();
    const t0 = now();
    await compactPacks();
    return { ms: now() - t0, packsBefore, packsAfter: await db.packs.count() };
  },

  samples(): Samples {
    return samples;
  },

  /** Unlock as after a reload: derive the wrapping key (Argon2id), unwrap, then unseal everything and build the index. */
  async unlock(passphrase: string): Promise<{ deriveMs: number; buildMs: number; totalMs: number; read: typeof recordCache.lastRead; indexed: number; records: number; heapBytes: number }> {
    dropDataKey();
    const t0 = now();
    const wrapped = await getMeta<WrappedKey>(KEYRING);
    if (!wrapped) throw new Error('not set up');
    setDataKey(await unwrapDataKey(passphrase, wrapped));
    const t1 = now();
    // The record cache (every pack and row unsealed) and the search index on top of it, as after-unlock does.
    await inquiryIndex.build();
    const t2 = now();
    // Chromium-only and coarse, but it shows what the unsealed index costs in memory.
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return { deriveMs: t1 - t0, buildMs: t2 - t1, totalMs: t2 - t0, read: recordCache.lastRead, indexed: inquiryIndex.size, records: recordCache.size, heapBytes: memory?.usedJSHeapSize ?? 0 };
  },

  /** Types each query letter by letter; one index search per keystroke, timed, with a macrotask between keystrokes. */
  async typeQueries(queries: string[]): Promise<{ query: string; times: number[]; hits: number }[]> {
    const out: { query: string; times: number[]; hits: number }[] = [];
    for (const query of queries) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 1; i <= query.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const t0 = now();
        hits = inquiryIndex.search(query.slice(0, i)).length;
        times.push(now() - t0);
      }
      out.push({ query, times, hits });
    }
    return out;
  },

  /** Saves `count` new inquiries one after another through createInquiry on the seeded database. */
  async saves(count: number, seed: number): Promise<number[]> {
    const g = generator(seed);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const values = g.next();
      const t0 = now();
      await createInquiry(values);
      times.push(now() - t0);
    }
    return times;
  },

  /** Diagnostic (not part of `npm run bench`): where a save's time goes — validation, sealing, the whole call. */
  async diagnoseSave(count: number, seed: number): Promise<{ parse: number[]; seal: number[]; create: number[] }> {
    const g = generator(seed);
    const out = { parse: [] as number[], seal: [] as number[], create: [] as number[] };
    const key = getDataKey();
    for (let i = 0; i < count; i++) {
      const values = g.next();
      let t0 = now();
      intakeSchema.safeParse(values);
      out.parse.push(now() - t0);
      const records = recordsOf(values);
      t0 = now();
      await Promise.all([...records, records[0]!, records[0]!].map((r) => seal(key, r.data, recordContext({ type: r.type, id: r.id, version: 1, spaceId, aad: SEAL_FORMAT }))));
      out.seal.push(now() - t0);
      t0 = now();
      await createInquiry(values);
      out.create.push(now() - t0);
    }
    return out;
  },

  async storage(): Promise<{ usage: number; quota: number; records: number; rows: number; packs: number; outbox: number; history: number }> {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    await recordCache.ready();
    return { usage, quota, records: recordCache.size, rows: await db.records.count(), packs: await db.packs.count(), outbox: await db.outbox.count(), history: await db.history.count() };
  },

  /** A batch list of `rows` rows: preview in the list worker, then the all-or-nothing import (import-bench.ts). */
  importList,
};

declare global {
  interface Window {
    rodynaBench: typeof api;
  }
}

window.rodynaBench = api;
document.getElementById('status')!.textContent = 'ready';

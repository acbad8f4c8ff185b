// The record cache and the stored form under it: pulled pages stored as sealed packs, rows only for local
// changes, the cache read back from them equal to the one kept current in memory, link indexes, compaction,
// and a database of the version before packs opening and moving into packs.
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal } from '@/crypto/seal.ts';
import { db } from './db.ts';
import { DB_NAME } from './db-name.ts';
import { createInquiry, getInquiryDetail, patchRecord } from './inquiries.ts';
import { compactPacks, needsCompaction, PACK_SIZE } from './packs.ts';
import { recordCache } from './record-cache.ts';
import { inquiryIndex } from './search-index.ts';
import { recordContext, SEAL_FORMAT } from './seal-context.ts';
import { acknowledge, applyPage, purgeExpired, recordCheckpoint, resetSynced } from './sync-store.ts';
import { freshUnlockedDb, makeIntake, reread } from './test-support.ts';

const SPACE = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
let seq = 0;

beforeEach(async () => {
  await freshUnlockedDb();
  seq = 0;
});

const batchId = () => crypto.randomUUID();

/** A pulled organisation-wide batch entry (as a coordinator's device receives them), version 1. */
function entryChange(batch: string, label: string, version = 1): Change {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return {
    type: 'batchEntry', id, spaceId: null, version, seq: String(seq), deleted: false, updatedAt: new Date().toISOString(),
    data: { id, batchId: batch, label, surname: 'Олійник', givenName: '', patronymic: '', fullName: '', birthDate: '', unit: '', documents: '', sourceLine: null, reviewStatus: 'unreviewed', notes: '' },
  };
}

/** What the cache holds, comparable: id → version, pending and data. */
function snapshot(): Map<string, unknown> {
  return new Map([...recordCache.all()].map((r) => [r.id, { type: r.type, version: r.version, seq: r.seq, order: r.order, pending: r.pending, data: r.data }]));
}

describe('the stored form: packs and rows', () => {
  it('stores a pulled page as one sealed pack, with no row; the cache read back from it is the one kept in memory', async () => {
    const batch = batchId();
    await applyPage([entryChange(batch, 'T-1'), entryChange(batch, 'T-2'), entryChange(batch, 'T-3')], '3');
    expect(await db.packs.count()).toBe(1);
    expect(await db.records.count()).toBe(0);
    const kept = snapshot();
    expect(kept.size).toBe(3);
    await reread();
    expect(snapshot()).toEqual(kept);
    // Control: a change kept only in memory would show here as a difference.
    await applyPage([{ ...entryChange(batch, 'T-4') }], '4');
    expect(snapshot()).not.toEqual(kept);
  });

  it('a later pack supersedes an earlier one, a deletion pulled removes the record, and a reset drops every pack', async () => {
    const batch = batchId();
    const first = entryChange(batch, 'T-1');
    await applyPage([first, entryChange(batch, 'T-2')], '2');
    await applyPage([{ ...first, version: 2, seq: '3', data: { ...(first.data as object), label: 'T-1a' } }], '3');
    await applyPage([{ ...first, version: 3, seq: '4', deleted: true, data: null }], '4');
    await reread();
    expect([...recordCache.all()].map((r) => (r.data as { label: string }).label)).toEqual(['T-2']);
    await resetSynced();
    expect(await db.packs.count()).toBe(0);
    expect(recordCache.size).toBe(0);
  });

  it('a record with local changes is a row on top of the pulled version until the change is answered and pulled', async () => {
    const { id } = await createInquiry(makeIntake());
    expect((await db.records.get(id))?.pending).toBe(1);
    const detail = await getInquiryDetail(id);
    // The server's version 1 arrives while the creation still waits: the row stays, re-based on it.
    await applyPage([{ type: 'inquiry', id, spaceId: SPACE, version: 1, seq: '1', deleted: false, updatedAt: '', data: detail.inquiry }], '1');
    expect((await db.records.get(id))?.version).toBe(1);
    await patchRecord('inquiry', id, { notes: 'typed offline' });
    await applyPage([{ type: 'inquiry', id, spaceId: SPACE, version: 2, seq: '2', deleted: false, updatedAt: '', data: { ...detail.inquiry, notes: 'server' } }], '2');
    expect(recordCache.get('inquiry', id)?.data.notes).toBe('typed offline');
    // Answered, then pulled: the row goes and the pack holds the record.
    await acknowledge(2, [{ mutationId: 'x', mutationSeq: 2, result: 'applied' }]);
    await applyPage([{ type: 'inquiry', id, spaceId: SPACE, version: 3, seq: '3', deleted: false, updatedAt: '', data: { ...detail.inquiry, notes: 'typed offline' } }], '3');
    expect(await db.records.get(id)).toBeUndefined();
    await reread();
    expect(recordCache.get('inquiry', id)).toMatchObject({ version: 3, pending: false, data: { notes: 'typed offline' } });
  });
});

describe('the record cache', () => {
  it('indexes records by their registry links: the entries of a batch, kept current', async () => {
    const [a, b] = [batchId(), batchId()];
    await applyPage([entryChange(a, 'A-1'), entryChange(a, 'A-2'), entryChange(b, 'B-1')], '3');
    const labels = (batch: string) => recordCache.linked('batchEntry', 'batchId', batch).map((r) => r.data.label).sort();
    expect(labels(a)).toEqual(['A-1', 'A-2']);
    expect(labels(b)).toEqual(['B-1']);
    const gone = recordCache.linked('batchEntry', 'batchId', a)[0]!;
    await applyPage([{ type: 'batchEntry', id: gone.id, spaceId: null, version: 2, seq: '4', deleted: true, updatedAt: '', data: null }], '4');
    expect(labels(a)).toHaveLength(1);
  });

  it('tells subscribers once per write or pulled page, and the search index follows without being told', async () => {
    await recordCache.ready();
    let told = 0;
    const stop = recordCache.subscribe(() => (told += 1));
    const { id } = await createInquiry(makeIntake({ surname: 'Кравчук' }));
    expect(told).toBe(1);
    expect(inquiryIndex.search('Кравч').map((s) => s.id)).toEqual([id]);
    await patchRecord('inquiry', id, { notes: 'edited' });
    expect(told).toBe(2);
    stop();
    // Control: a name that is not there finds nothing.
    expect(inquiryIndex.search('Шевч')).toEqual([]);
  });

  it('reads the stored form again when another tab says it stored something, and not before', async () => {
    await recordCache.ready();
    // Another tab's pull, written straight to the shared database.
    const change = entryChange(batchId(), 'from the other tab');
    const meta = { type: 'batchEntry', id: change.id, version: 1, spaceId: null, aad: SEAL_FORMAT } as const;
    await db.records.put({ ...meta, seq: '1', pending: 0, deleted: 0, order: 1, sealed: await seal(getDataKey(), change.data, recordContext(meta)) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Control: untold, this tab keeps what it held.
    expect(recordCache.has(change.id)).toBe(false);
    const otherTab = new BroadcastChannel(`${DB_NAME}:records`);
    otherTab.postMessage('changed');
    otherTab.close();
    await expect.poll(() => recordCache.has(change.id), { timeout: 3000 }).toBe(true);
  });

  it('is dropped on lock and read again on the next use', async () => {
    await createInquiry(makeIntake());
    await recordCache.ready();
    expect(recordCache.size).toBe(3);
    recordCache.clear();
    expect(recordCache.isReady).toBe(false);
    await recordCache.ready();
    expect(recordCache.size).toBe(3);
  });
});

describe('compaction', () => {
  it('rewrites many small packs into packs of PACK_SIZE with the same records, and is not needed again', async () => {
    const batch = batchId();
    for (let page = 0; page < 12; page++) await applyPage(Array.from({ length: 200 }, (_, i) => entryChange(batch, `${page}-${i}`)), String(seq));
    expect(await db.packs.count()).toBe(12);
    expect(await needsCompaction()).toBe(true);
    const before = snapshot();
    expect(await compactPacks()).toBe(true);
    expect(await db.packs.count()).toBe(Math.ceil(2400 / PACK_SIZE));
    await reread();
    expect(snapshot()).toEqual(before);
    expect(await needsCompaction()).toBe(false);
  });

  it('never loses a page pulled while it runs: it writes nothing then, and the next run goes through', async () => {
    const batch = batchId();
    for (let page = 0; page < 3; page++) await applyPage([entryChange(batch, `${page}`)], String(seq));
    const compacting = compactPacks();
    await applyPage([entryChange(batch, 'late')], String(seq));
    const done = await compacting;
    await reread();
    expect([...recordCache.all()].map((r) => (r.data as { label: string }).label).sort()).toEqual(['0', '1', '2', 'late']);
    if (!done) {
      expect(await db.packs.count()).toBe(4);
      // Control: with nothing changing meanwhile it goes through.
      expect(await compactPacks()).toBe(true);
      expect(await db.packs.count()).toBe(1);
    }
  });

  it('lets the retention purge go with the packs rewritten without the expired inquiries', async () => {
    const { id } = await createInquiry(makeIntake());
    const detail = await getInquiryDetail(id);
    await acknowledge(1, [{ mutationId: 'x', mutationSeq: 1, result: 'applied' }]);
    const records = [detail.inquiry, detail.familyContact, ...detail.soughtPersons];
    const types = ['inquiry', 'familyContact', 'soughtPerson'] as const;
    await applyPage(records.map((data, i) => ({ type: types[Math.min(i, 2)]!, id: data.id, spaceId: SPACE, version: 1, seq: String(i + 1), deleted: false, updatedAt: '', data })), '3');
    await recordCheckpoint('3', '2026-01-01T00:00:00Z', 14);
    expect(await purgeExpired(14, '2026-01-02T00:00:00Z')).toBe(0);
    expect(await purgeExpired(14, '2026-03-01T00:00:00Z')).toBe(1);
    expect(recordCache.size).toBe(0);
    await reread();
    expect(recordCache.size).toBe(0);
  });
});

describe('records stored in an older shape', () => {
  it('an inquiry that names its gathering point reads with the point\'s id, from a row and from a pack', async () => {
    const { id } = await createInquiry(makeIntake());
    const inquiry = (await getInquiryDetail(id)).inquiry;
    const { gatheringPointId: _id, ...rest } = inquiry;
    const old = { ...rest, gatheringPoint: 'Пункт збору №3' };
    const meta = { type: 'inquiry', id, version: 1, spaceId: SPACE, aad: SEAL_FORMAT } as const;
    await db.records.put({ ...meta, seq: '1', pending: 1, deleted: 0, order: 1, sealed: await seal(getDataKey(), old, recordContext(meta)) });
    await reread();
    expect(recordCache.get('inquiry', id)?.data).toMatchObject({ gatheringPointId: SPACE });
    expect(recordCache.get('inquiry', id)?.data).not.toHaveProperty('gatheringPoint');
    await db.records.clear();
    await db.outbox.clear();
    await applyPage([{ type: 'inquiry', id, spaceId: SPACE, version: 1, seq: '1', deleted: false, updatedAt: '', data: old }], '1');
    expect(recordCache.get('inquiry', id)?.data).toMatchObject({ gatheringPointId: SPACE });
    await reread();
    expect(recordCache.get('inquiry', id)?.data).toMatchObject({ gatheringPointId: SPACE });
  });
});

describe('a database from before packs (version 2)', () => {
  it('opens with its rows, reads them, and compaction moves them into packs', async () => {
    db.close();
    await Dexie.delete(DB_NAME);
    const old = new Dexie(DB_NAME);
    old.version(2).stores({ meta: 'key', records: 'id, type, [type+order], pending, seq', outbox: 'mutationSeq, &mutationId', history: 'id, [recordId+order]', drafts: 'id, order' });
    const data = entryChange(batchId(), 'old').data as { id: string };
    const meta = { type: 'batchEntry', id: data.id, version: 1, spaceId: null, aad: SEAL_FORMAT } as const;
    await old.table('records').put({ ...meta, seq: '1', pending: 0, deleted: 0, order: 1, sealed: await seal(getDataKey(), data, recordContext(meta)) });
    old.close();
    await db.open();
    await reread();
    expect(recordCache.get('batchEntry', data.id)?.data).toEqual(data);
    expect(await needsCompaction()).toBe(true);
    expect(await compactPacks()).toBe(true);
    expect([await db.records.count(), await db.packs.count()]).toEqual([0, 1]);
    await reread();
    expect(recordCache.get('batchEntry', data.id)?.data).toEqual(data);
  });
});

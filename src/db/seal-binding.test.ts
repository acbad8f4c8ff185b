// What the seal binds: someone holding the phone without the passphrase edits the plaintext metadata of
// stored rows. Each edit below makes the value refuse to open (SealBrokenError) instead of being believed;
// each comes with its untouched control, which opens.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, SealBrokenError } from '@/crypto/seal.ts';
import { db } from './db.ts';
import { createInquiry, getInquiryDetail, getTimeline, patchRecord } from './inquiries.ts';
import { applyPage, readOutbox } from './sync-store.ts';
import { freshUnlockedDb, makeIntake, reread } from './test-support.ts';

beforeEach(freshUnlockedDb);

/** The server's version `version` of the inquiry, pulled; with `keepOutbox` its local creation still waits. */
async function pulledVersion(id: string, version: number, notes: string, { keepOutbox = false } = {}): Promise<void> {
  const detail = await getInquiryDetail(id);
  const change: Change = {
    type: 'inquiry', id, spaceId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', version, seq: String(version * 10), deleted: false,
    updatedAt: new Date().toISOString(), data: { ...detail.inquiry, notes },
  };
  if (!keepOutbox) await db.outbox.clear();
  await applyPage([change], String(version * 10));
}

describe('sealed values are bound to their metadata', () => {
  it('an older pack put back under a newer number does not open', async () => {
    const { id } = await createInquiry(makeIntake());
    await pulledVersion(id, 1, 'first version');
    await pulledVersion(id, 2, 'second version');
    const [older, current] = await db.packs.toArray();
    if (!older || !current) throw new Error('packs missing');
    expect(current.count).toBe(older.count);
    await reread();
    expect((await getInquiryDetail(id)).inquiry.notes).toBe('second version');
    await db.packs.put({ ...current, sealed: older.sealed });
    await expect(reread()).rejects.toBeInstanceOf(SealBrokenError);
    // Control: the pack as it was opens.
    await db.packs.put(current);
    await reread();
    expect((await getInquiryDetail(id)).inquiry.notes).toBe('second version');
  });

  it('a pack with another count, or renumbered, does not open', async () => {
    const { id } = await createInquiry(makeIntake());
    await pulledVersion(id, 1, 'here');
    const [pack] = await db.packs.toArray();
    if (!pack) throw new Error('pack missing');
    await db.packs.put({ ...pack, count: 2 });
    await expect(reread()).rejects.toBeInstanceOf(SealBrokenError);
    await db.packs.clear();
    await db.packs.put({ ...pack, id: 7 });
    await expect(reread()).rejects.toBeInstanceOf(SealBrokenError);
    // Control.
    await db.packs.clear();
    await db.packs.put(pack);
    await reread();
    expect((await getInquiryDetail(id)).inquiry.notes).toBe('here');
  });

  it('an older ciphertext put back under a newer version of a row with local changes does not open', async () => {
    const { id } = await createInquiry(makeIntake());
    await pulledVersion(id, 1, 'first version', { keepOutbox: true });
    const older = await db.records.get(id);
    await pulledVersion(id, 2, 'second version', { keepOutbox: true });
    const current = await db.records.get(id);
    if (!older || !current) throw new Error('rows missing');
    expect([older.version, current.version, current.pending]).toEqual([1, 2, 1]);
    await db.records.put({ ...current, sealed: older.sealed });
    await expect(reread()).rejects.toBeInstanceOf(SealBrokenError);
    // Control: the row as it was opens.
    await db.records.put(current);
    await reread();
    expect((await getInquiryDetail(id)).inquiry.notes).toBe('second version');
  });

  it('a row moved to another space does not open', async () => {
    const { id } = await createInquiry(makeIntake());
    await pulledVersion(id, 1, 'here', { keepOutbox: true });
    const row = await db.records.get(id);
    if (!row) throw new Error('row missing');
    await db.records.put({ ...row, spaceId: '9a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' });
    await expect(reread()).rejects.toBeInstanceOf(SealBrokenError);
    await db.records.put(row);
    await reread();
  });

  it('a timeline entry moved to another record does not open', async () => {
    const a = await createInquiry(makeIntake());
    const b = await createInquiry(makeIntake());
    expect(await getTimeline([a.id])).toHaveLength(1);
    const entry = await db.history.where('[recordId+order]').between([a.id, 0], [a.id, Infinity]).first();
    if (!entry) throw new Error('no timeline entry');
    await db.history.put({ ...entry, recordId: b.id });
    await expect(getTimeline([b.id])).rejects.toBeInstanceOf(SealBrokenError);
  });

  it('an outbox entry renamed, renumbered or pointed at other records does not open', async () => {
    const first = await createInquiry(makeIntake());
    await patchRecord('inquiry', first.id, { notes: 'changed' });
    const entries = await db.outbox.orderBy('mutationSeq').toArray();
    expect(entries.map((e) => e.name)).toEqual(['createInquiry', 'patchRecord']);
    // Control: untouched, the outbox reads.
    expect((await readOutbox(10)).map((m) => m.name)).toEqual(['createInquiry', 'patchRecord']);
    const [create, patch] = entries;
    if (!create || !patch) throw new Error('entries missing');

    await db.outbox.put({ ...create, name: 'deleteRecord' });
    await expect(readOutbox(10)).rejects.toBeInstanceOf(SealBrokenError);
    await db.outbox.put(create);

    await db.outbox.put({ ...patch, recordIds: [create.recordIds[1] ?? 'x'] });
    await expect(readOutbox(10)).rejects.toBeInstanceOf(SealBrokenError);
    await db.outbox.put(patch);

    // Swapped order: each entry under the other's sequence number.
    await db.outbox.clear();
    await db.outbox.bulkAdd([{ ...create, mutationSeq: patch.mutationSeq }, { ...patch, mutationSeq: create.mutationSeq }]);
    await expect(readOutbox(10)).rejects.toBeInstanceOf(SealBrokenError);
  });

  it('a row of an older version (no marker) opens with the identity-only context; a current row stripped of its marker does not', async () => {
    const { id } = await createInquiry(makeIntake());
    const row = await db.records.get(id);
    if (!row) throw new Error('row missing');
    expect(row.aad).toBe(2);
    const data = (await getInquiryDetail(id)).inquiry;
    const { aad: _aad, ...stripped } = row;
    await db.records.put(stripped);
    await expect(reread()).rejects.toBeInstanceOf(SealBrokenError);
    // As the previous version wrote it: sealed with the record's identity only.
    await db.records.put({ ...stripped, sealed: await seal(getDataKey(), data, `record:inquiry:${id}`) });
    await reread();
    expect((await getInquiryDetail(id)).inquiry.reference).toBe(data.reference);
  });
});

// The write gate over real Dexie (fake-indexeddb): several plans in one transaction, all or nothing, with
// consecutive mutationSeqs whose sealed contexts open; a mutation over the size limit is never stored.
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_MUTATION_BYTES, jsonBytes } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { unseal } from '@/crypto/seal.ts';
import { db } from './db.ts';
import { MutationTooLargeError } from './errors.ts';
import { readOutbox } from './sync-store.ts';
import { freshUnlockedDb } from './test-support.ts';
import { fromRow } from './record-cache.ts';
import { historyContext, recordContext } from './seal-context.ts';
import { commitWrite, commitWrites, ConcurrentEditError, type WritePlan } from './write.ts';

function plan(notes = 'a note', overrides: Partial<WritePlan> = {}): WritePlan {
  const id = crypto.randomUUID();
  return {
    records: [{ type: 'inquiry', id, data: { id, notes } }],
    mutation: { name: 'patchRecord', args: { type: 'inquiry', id, baseVersion: 0, patch: { notes } } },
    timeline: [{ recordId: id, entry: { at: 1, action: 'created', by: null } }],
    ...overrides,
  };
}

async function counts(): Promise<Record<string, unknown>> {
  return {
    records: await db.records.count(),
    outbox: await db.outbox.count(),
    history: await db.history.count(),
    drafts: await db.drafts.count(),
    mutationSeq: (await db.meta.get('mutationSeq'))?.value ?? 0,
  };
}

beforeEach(async () => {
  await freshUnlockedDb();
});

describe('commitWrites', () => {
  it('writes every plan with consecutive mutationSeqs whose sealed records, outbox entries and timelines open', async () => {
    expect(await commitWrite(plan('first'))).toBe(1);
    const plans = Array.from({ length: 5 }, (_, i) => plan(`note ${i}`));
    expect(await commitWrites(plans)).toEqual([2, 3, 4, 5, 6]);
    const outbox = await readOutbox(100);
    expect(outbox.map((m) => m.mutationSeq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(outbox.slice(1).map((m) => m.args)).toEqual(plans.map((p) => p.mutation.args));
    const stored = await db.outbox.toArray();
    expect(stored.slice(1).map((e) => e.recordIds)).toEqual(plans.map((p) => [p.records[0]?.id]));
    const key = getDataKey();
    for (const p of plans) {
      const record = p.records[0]!;
      const row = await db.records.get(record.id);
      expect(row).toMatchObject({ pending: 1, version: 0 });
      expect(await unseal(key, row!.sealed, recordContext(row!))).toEqual(record.data);
    }
    const history = await db.history.toArray();
    expect(history).toHaveLength(6);
    for (const h of history) expect(await unseal(key, h.sealed, historyContext(h))).toMatchObject({ action: 'created' });
  });

  it('stores nothing of any plan when one fails (a record changed meanwhile); the same plans without it succeed', async () => {
    await commitWrite(plan('existing'));
    const [existing] = await db.records.toArray();
    const stale = { ...fromRow(existing!, {}), row: { ...existing!, sealed: { ...existing!.sealed, iv: new Uint8Array(12) } } };
    await db.drafts.put({ id: 'draft-1', order: 1, sealed: existing!.sealed });
    const before = await counts();
    const good = [plan('one', { deleteDraftId: 'draft-1' }), plan('two'), plan('three')];
    const bad = plan('edit', { records: [{ type: 'inquiry', id: existing!.id, data: { id: existing!.id, notes: 'edit' }, base: stale }] });
    await expect(commitWrites([good[0]!, good[1]!, bad, good[2]!])).rejects.toBeInstanceOf(ConcurrentEditError);
    expect(await counts()).toEqual(before);
    for (const p of good) expect(await db.records.get(p.records[0]!.id)).toBeUndefined();
    // Control: the same good plans go through, so the failure above was the stale plan's alone.
    expect(await commitWrites(good)).toEqual([2, 3, 4]);
    expect(await counts()).toEqual({ ...before, records: 4, outbox: 4, history: 4, drafts: 0, mutationSeq: 4 });
  });

  it('refuses a mutation over MAX_MUTATION_BYTES before storing anything; one just under it is stored', async () => {
    await commitWrite(plan('existing'));
    const before = await counts();
    const probe = plan('');
    const overhead = jsonBytes({ mutationSeq: 2, mutationId: crypto.randomUUID(), name: probe.mutation.name, args: probe.mutation.args });
    // Cyrillic letters take two bytes each in UTF-8, as the server counts them.
    const tooBig = plan('я'.repeat(Math.ceil((MAX_MUTATION_BYTES - overhead) / 2) + 1));
    const error = await commitWrites([plan('a'), tooBig]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MutationTooLargeError);
    expect(error).toMatchObject({ index: 1, limit: MAX_MUTATION_BYTES });
    expect((error as MutationTooLargeError).bytes).toBeGreaterThan(MAX_MUTATION_BYTES);
    expect(await counts()).toEqual(before);
    // Control: a few bytes under the limit is stored and read back whole.
    const fits = plan('я'.repeat(Math.floor((MAX_MUTATION_BYTES - overhead) / 2) - 4));
    expect(await commitWrite(fits)).toBe(2);
    const [, sent] = await readOutbox(10);
    expect(jsonBytes(sent)).toBeLessThanOrEqual(MAX_MUTATION_BYTES);
    expect(jsonBytes(sent)).toBeGreaterThan(MAX_MUTATION_BYTES - 16);
  });

  it('two writes at once get disjoint runs of seqs and every entry opens (the seal is bound to its seq)', async () => {
    const many = Array.from({ length: 3 }, (_, i) => plan(`batch ${i}`));
    const one = plan('alone');
    const [seqs, seq] = await Promise.all([commitWrites(many), commitWrite(one)]);
    expect([...seqs, seq].sort()).toEqual([1, 2, 3, 4]);
    expect(seqs[1]! - seqs[0]!).toBe(1);
    expect(seqs[2]! - seqs[1]!).toBe(1);
    const outbox = await readOutbox(10);
    expect(outbox.map((m) => m.mutationSeq)).toEqual([1, 2, 3, 4]);
    expect(outbox.find((m) => m.mutationSeq === seq)?.args).toEqual(one.mutation.args);
  });

  it('fifty writes in flight at once all land, numbered 1 to 50 (they used to run out of retries)', async () => {
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => commitWrite(plan(`many ${i}`))));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await readOutbox(100)).map((m) => m.mutationSeq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('refuses a record that appears in two plans, storing nothing', async () => {
    const first = plan('x');
    const second = plan('y', { records: first.records });
    await expect(commitWrites([first, second])).rejects.toThrow(/one plan only/);
    expect(await db.outbox.count()).toBe(0);
  });
});

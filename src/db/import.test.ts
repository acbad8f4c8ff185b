// Many records at once over real Dexie (fake-indexeddb): a 1,212-row list lands whole in one transaction,
// each entry its own createRecord mutation within MAX_MUTATION_BYTES; an invalid record, a cancel or a
// failing write leaves nothing at all.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionResponse } from '@schema/protocol.ts';
import { MAX_MUTATION_BYTES } from '@schema/protocol.ts';
import type { BatchEntry } from '@schema/batch.ts';
import { db } from './db.ts';
import { saveEnrolment } from './device.ts';
import { ValidationError } from './errors.ts';
import { createRecords, type CreateManyProgress } from './import.ts';
import { createRecord, listRecords, NotPermittedError } from './records.ts';
import { readOutbox } from './sync-store.ts';
import { freshUnlockedDb } from './test-support.ts';
import { ConcurrentEditError } from './write.ts';

function session(role: 'coordinator' | 'volunteer'): SessionResponse {
  return {
    deviceId: '0b6a3c3e-5d1f-4a53-9d5c-3f0f6f1e2a10', refreshSecret: 'secret-0123456789', accessToken: 'x'.repeat(20), expiresIn: 900,
    user: { id: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f', name: 'Coordinator', role },
    spaces: [{ id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Point', retentionDays: 14 }],
  };
}

function entries(batchId: string, count: number): Omit<BatchEntry, 'id'>[] {
  return Array.from({ length: count }, (_, i) => ({
    batchId, label: `Т-${i + 1}`, surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', fullName: '', birthDate: '1994-03-14',
    unit: '93 окрема механізована бригада', documents: 'військовий квиток, жетон, фотографія', sourceLine: i + 2, reviewStatus: 'unreviewed', notes: '',
  }));
}

async function counts() {
  return { records: await db.records.count(), outbox: await db.outbox.count(), history: await db.history.count() };
}

let batchId = '';
beforeEach(async () => {
  await freshUnlockedDb();
  await saveEnrolment(session('coordinator'));
  batchId = (await createRecord('exchangeBatch', { kind: 'pow_exchange', date: '2025-06-11', announcedCount: 1212, source: 'HQ', sourceCaveat: '', status: 'announced', notes: '' })).id;
});

describe('createRecords', () => {
  it('imports a 1,212-row list whole: one createRecord mutation per entry, each within MAX_MUTATION_BYTES, with its source line', async () => {
    const progress: CreateManyProgress[] = [];
    const started = performance.now();
    const { ids, largestMutationBytes } = await createRecords('batchEntry', entries(batchId, 1212), { onProgress: (p) => progress.push(p) });
    const took = performance.now() - started;
    console.info(`1,212 entries imported in ${Math.round(took)} ms (fake-indexeddb); largest mutation ${largestMutationBytes} bytes of ${MAX_MUTATION_BYTES}`);
    expect(ids).toHaveLength(1212);
    expect(largestMutationBytes).toBeLessThan(MAX_MUTATION_BYTES);
    const stored = (await listRecords('batchEntry')).map((r) => r.data);
    expect(stored).toHaveLength(1212);
    expect(stored.map((e) => e.sourceLine)).toEqual(Array.from({ length: 1212 }, (_, i) => i + 2));
    const outbox = await readOutbox(2000);
    expect(outbox.filter((m) => m.name === 'createRecord')).toHaveLength(1213);
    expect(outbox.map((m) => m.mutationSeq)).toEqual(Array.from({ length: 1213 }, (_, i) => i + 1));
    // Preparation reported in steps before the one write, then the write.
    expect(progress.filter((p) => p.phase === 'preparing').map((p) => p.done)).toEqual([0, 250, 500, 750, 1000, 1212]);
    expect(progress.at(-1)).toEqual({ phase: 'saving', done: 1212, total: 1212 });
  });

  it('an invalid record anywhere in the list stores nothing of it; the same list without it imports (control)', async () => {
    const before = await counts();
    const list = entries(batchId, 600);
    const broken = [...list.slice(0, 599), { ...list[599]!, birthDate: '14.03.1994' }];
    await expect(createRecords('batchEntry', broken)).rejects.toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual(before);
    await createRecords('batchEntry', list);
    expect((await counts()).records).toBe(before.records + 600);
  });

  it('a write that fails inside the transaction leaves no entry (a record id already stored); without it the list imports', async () => {
    const before = await counts();
    const list = entries(batchId, 300);
    // The batch's own id reused for the last entry: the write gate finds the row already there and fails whole.
    await expect(createRecords('batchEntry', [...list.slice(0, 299), { ...list[299]!, id: batchId }])).rejects.toBeInstanceOf(ConcurrentEditError);
    expect(await counts()).toEqual(before);
    expect(await listRecords('batchEntry')).toEqual([]);
    await createRecords('batchEntry', list);
    expect(await listRecords('batchEntry')).toHaveLength(300);
  });

  it('a cancel during preparation stores nothing; a volunteer phone may not import', async () => {
    const before = await counts();
    const controller = new AbortController();
    const run = createRecords('batchEntry', entries(batchId, 1000), {
      signal: controller.signal,
      onProgress: (p) => { if (p.done >= 500) controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await counts()).toEqual(before);
    await saveEnrolment(session('volunteer'));
    await expect(createRecords('batchEntry', entries(batchId, 2))).rejects.toBeInstanceOf(NotPermittedError);
    expect(await counts()).toEqual(before);
  });
});

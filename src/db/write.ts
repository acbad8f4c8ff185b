// The one gate every local write passes: seal outside any transaction (awaiting WebCrypto inside one would
// commit it early), then one `rw` transaction writing the rows, their outbox entry and their timeline.
import type { RecordType } from '@schema/inquiry.ts';
import type { MutationName } from '@schema/mutations.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, type Sealed } from '@/crypto/seal.ts';
import { db, type StoredRecord } from './db.ts';
import { isQuotaError, StorageFullError } from './errors.ts';

export type TimelineAction = 'created' | 'edited' | 'deleted' | 'synced' | 'conflict' | 'rejected';

/** One line of a record's timeline. `at` is device time and is only ever displayed. */
export interface TimelineEntry {
  at: number;
  action: TimelineAction;
  fields?: string[];
  by: string | null;
}

export interface RecordWrite {
  type: RecordType;
  id: string;
  data: unknown;
  /** The stored row the change was computed from; the write fails if it changed meanwhile. */
  base?: StoredRecord;
}

export interface WritePlan {
  records: RecordWrite[];
  mutation: { name: MutationName; args: unknown };
  timeline: { recordId: string; entry: TimelineEntry }[];
  deleteDraftId?: string;
}

export class ConcurrentEditError extends Error {
  constructor() {
    super('the record changed while it was being edited');
    this.name = 'ConcurrentEditError';
  }
}

const writeListeners = new Set<() => void>();

/** Lets the sync engine run shortly after a local write, without db/ knowing about sync. */
export function onLocalWrite(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

const COUNTERS = ['recordOrder', 'mutationSeq', 'historyOrder'] as const;
type Counter = (typeof COUNTERS)[number];

export const recordContext = (type: RecordType, id: string) => `record:${type}:${id}`;
export const outboxContext = (mutationId: string) => `outbox:${mutationId}`;
export const historyContext = (id: string) => `history:${id}`;

/** Writes a plan atomically; returns the mutationSeq given to its outbox entry. */
export async function commitWrite(plan: WritePlan): Promise<number> {
  const key = getDataKey();
  const mutationId = crypto.randomUUID();
  const sealedRecords = await Promise.all(plan.records.map(async (r) => ({ ...r, sealed: await seal(key, r.data, recordContext(r.type, r.id)) })));
  const sealedArgs = await seal(key, plan.mutation.args, outboxContext(mutationId));
  const sealedTimeline = await Promise.all(
    plan.timeline.map(async (t) => {
      const id = crypto.randomUUID();
      return { id, recordId: t.recordId, sealed: await seal(key, t.entry, historyContext(id)) };
    }),
  );
  let mutationSeq: number;
  try {
    mutationSeq = await db.transaction('rw', [db.records, db.outbox, db.history, db.meta, db.drafts], async () => {
      // Few, batched requests: each awaited IndexedDB round trip costs milliseconds on a cheap phone.
      const [existing, counters] = await Promise.all([
        db.records.bulkGet(sealedRecords.map((r) => r.id)),
        db.meta.bulkGet([...COUNTERS]),
      ]);
      const next = Object.fromEntries(COUNTERS.map((key, i) => [key, (counters[i]?.value as number | undefined) ?? 0])) as Record<Counter, number>;
      const rows = sealedRecords.map((r, i) => {
        const old = existing[i];
        // Each seal has a fresh IV, so an unchanged IV means an unchanged row.
        const changed = r.base ? !sameIv(old?.sealed, r.base.sealed) : old !== undefined;
        if (changed) throw new ConcurrentEditError();
        return {
          id: r.id,
          type: r.type,
          spaceId: old?.spaceId ?? null,
          version: old?.version ?? 0,
          seq: old?.seq ?? null,
          pending: 1 as const,
          deleted: old?.deleted ?? 0,
          order: old?.order ?? (next.recordOrder += 1),
          sealed: r.sealed,
        };
      });
      const seq = (next.mutationSeq += 1);
      const history = sealedTimeline.map((t) => ({ ...t, order: (next.historyOrder += 1) }));
      await Promise.all([
        db.records.bulkPut(rows),
        db.outbox.add({
          mutationSeq: seq,
          mutationId,
          name: plan.mutation.name,
          recordIds: plan.records.map((r) => r.id),
          sealed: sealedArgs,
        }),
        db.history.bulkAdd(history),
        db.meta.bulkPut(COUNTERS.map((key) => ({ key, value: next[key] }))),
        plan.deleteDraftId ? db.drafts.delete(plan.deleteDraftId) : undefined,
      ]);
      return seq;
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
  for (const listener of writeListeners) listener();
  return mutationSeq;
}

function sameIv(a: Sealed | undefined, b: Sealed): boolean {
  if (!a) return false;
  const x = new Uint8Array(a.iv);
  const y = new Uint8Array(b.iv);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

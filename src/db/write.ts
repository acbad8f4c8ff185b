// The one gate every local write passes: seal outside any transaction (awaiting WebCrypto inside one would
// commit it early), then one `rw` transaction writing the rows, their outbox entry and their timeline.
import type { RecordType } from '@schema/inquiry.ts';
import type { MutationName } from '@schema/mutations.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, type Sealed } from '@/crypto/seal.ts';
import { db, type StoredRecord } from './db.ts';
import { isQuotaError, StorageFullError } from './errors.ts';
import { nextCounter } from './meta.ts';

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
      for (const r of sealedRecords) {
        const existing = await db.records.get(r.id);
        // Each seal has a fresh IV, so an unchanged IV means an unchanged row.
        const changed = r.base ? !sameIv(existing?.sealed, r.base.sealed) : existing !== undefined;
        if (changed) throw new ConcurrentEditError();
        await db.records.put({
          id: r.id,
          type: r.type,
          spaceId: existing?.spaceId ?? null,
          version: existing?.version ?? 0,
          seq: existing?.seq ?? null,
          pending: 1,
          deleted: existing?.deleted ?? 0,
          order: existing?.order ?? (await nextCounter('recordOrder')),
          updatedAt: existing?.updatedAt ?? null,
          sealed: r.sealed,
        });
      }
      const mutationSeq = await nextCounter('mutationSeq');
      await db.outbox.add({
        mutationSeq,
        mutationId,
        name: plan.mutation.name,
        recordIds: plan.records.map((r) => r.id),
        createdAt: Date.now(),
        sealed: sealedArgs,
      });
      for (const t of sealedTimeline) await db.history.add({ ...t, order: await nextCounter('historyOrder') });
      if (plan.deleteDraftId) await db.drafts.delete(plan.deleteDraftId);
      return mutationSeq;
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

// The one gate every local write passes: seal outside any transaction (awaiting WebCrypto inside one would
// commit it early), then one `rw` transaction writing the rows, their outbox entry and their timeline.
import type { RecordType } from '@schema/records.ts';
import type { MutationName } from '@schema/mutations.ts';
import { MAX_MUTATION_BYTES, jsonBytes } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, type Sealed } from '@/crypto/seal.ts';
import { db, type StoredRecord } from './db.ts';
import { isQuotaError, MutationTooLargeError, StorageFullError } from './errors.ts';
import { recordCache, type CachedRecord } from './record-cache.ts';
import { historyContext, outboxContext, recordContext, SEAL_FORMAT } from './seal-context.ts';

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
  /** The record as held when the change was computed from it; the write fails if it changed meanwhile. */
  base?: CachedRecord;
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

/** Another write took the mutationSeq this one was sealed for (two tabs at once): seal again. */
class SeqTakenError extends Error {}

/** Writes a plan atomically; returns the mutationSeq given to its outbox entry. */
export async function commitWrite(plan: WritePlan): Promise<number> {
  const [mutationSeq] = await commitWrites([plan]);
  if (mutationSeq === undefined) throw new Error('commitWrites returned no mutationSeq');
  return mutationSeq;
}

/**
 * Writes several plans in one transaction, all or nothing (an imported list lands whole or not at all): their
 * records, their outbox entries with consecutive mutationSeqs in plan order, and their timelines. Returns the
 * mutationSeqs. A mutation larger than MAX_MUTATION_BYTES as it would be pushed is refused before anything is
 * sealed (MutationTooLargeError: nothing stored). A record may appear in one plan only.
 */
export async function commitWrites(plans: readonly WritePlan[]): Promise<number[]> {
  if (plans.length === 0) return [];
  const ids = plans.flatMap((p) => p.records.map((r) => r.id));
  if (new Set(ids).size !== ids.length) throw new Error('commitWrites: a record may appear in one plan only');
  // A creation of an id the device already holds (in a pack, so no row shows it) is an edit made elsewhere.
  if (plans.some((p) => p.records.some((r) => !r.base && recordCache.has(r.id)))) throw new ConcurrentEditError();
  // One write at a time in this tab: writes in flight together would all seal for the same mutationSeq and
  // retry each other out. Another tab writing at the same moment is what SeqTakenError and its retry are for.
  const turn = writeQueue.then(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await commitOnce(plans);
      } catch (error) {
        if (!(error instanceof SeqTakenError) || attempt >= 5) throw error;
      }
    }
  });
  writeQueue = turn.catch(() => undefined);
  return turn;
}

let writeQueue: Promise<unknown> = Promise.resolve();

async function commitOnce(plans: readonly WritePlan[]): Promise<number[]> {
  const key = getDataKey();
  // The numbers sealed into the contexts are read first; the transaction checks they still hold.
  const firstSeq = (((await db.meta.get('mutationSeq'))?.value as number | undefined) ?? 0) + 1;
  const outgoing = plans.map((plan, i) => {
    const meta = { mutationSeq: firstSeq + i, mutationId: crypto.randomUUID(), name: plan.mutation.name, recordIds: plan.records.map((r) => r.id), aad: SEAL_FORMAT } as const;
    // Measured as the push will send it, so whatever is stored can be sent.
    const bytes = jsonBytes({ mutationSeq: meta.mutationSeq, mutationId: meta.mutationId, name: meta.name, args: plan.mutation.args });
    if (bytes > MAX_MUTATION_BYTES) throw new MutationTooLargeError(bytes, MAX_MUTATION_BYTES, i);
    return { meta, args: plan.mutation.args };
  });
  const [sealedRecords, sealedOutbox, sealedTimeline] = await Promise.all([
    Promise.all(
      plans.flatMap((plan) => plan.records).map(async (r) => {
        const meta = { type: r.type, id: r.id, version: r.base?.version ?? 0, spaceId: r.base?.spaceId ?? null, aad: SEAL_FORMAT } as const;
        return { ...r, ...meta, sealed: await seal(key, r.data, recordContext(meta)) };
      }),
    ),
    Promise.all(outgoing.map(async ({ meta, args }) => ({ ...meta, sealed: await seal(key, args, outboxContext(meta)) }))),
    Promise.all(
      plans.flatMap((plan) => plan.timeline).map(async (t) => {
        const meta = { id: crypto.randomUUID(), recordId: t.recordId, aad: SEAL_FORMAT } as const;
        return { ...meta, sealed: await seal(key, t.entry, historyContext(meta)) };
      }),
    ),
  ]);
  const draftIds = plans.flatMap((p) => (p.deleteDraftId ? [p.deleteDraftId] : []));
  let written: { seqs: number[]; rows: StoredRecord[] };
  try {
    written = await db.transaction('rw', [db.records, db.outbox, db.history, db.meta, db.drafts], async () => {
      // Few, batched requests: each awaited IndexedDB round trip costs milliseconds on a cheap phone.
      const [existing, counters] = await Promise.all([
        db.records.bulkGet(sealedRecords.map((r) => r.id)),
        db.meta.bulkGet([...COUNTERS]),
      ]);
      const next = Object.fromEntries(COUNTERS.map((key, i) => [key, (counters[i]?.value as number | undefined) ?? 0])) as Record<Counter, number>;
      const rows = sealedRecords.map((r, i) => {
        const old = existing[i];
        // Each seal has a fresh IV, so an unchanged IV means an unchanged row (and the version sealed holds).
        // A record held in a pack only has no row until its first local change.
        const base = r.base;
        const changed = base ? (base.row ? !sameIv(old?.sealed, base.row.sealed) : old !== undefined) : old !== undefined;
        if (changed) throw new ConcurrentEditError();
        return {
          id: r.id,
          type: r.type,
          spaceId: r.spaceId,
          version: r.version,
          seq: old?.seq ?? base?.seq ?? null,
          pending: 1 as const,
          deleted: old?.deleted ?? 0,
          order: old?.order ?? base?.order ?? (next.recordOrder += 1),
          aad: SEAL_FORMAT,
          sealed: r.sealed,
        } satisfies StoredRecord;
      });
      if (next.mutationSeq + 1 !== firstSeq) throw new SeqTakenError();
      next.mutationSeq += plans.length;
      const history = sealedTimeline.map((t) => ({ ...t, order: (next.historyOrder += 1) }));
      await Promise.all([
        db.records.bulkPut(rows),
        db.outbox.bulkAdd(sealedOutbox),
        db.history.bulkAdd(history),
        db.meta.bulkPut(COUNTERS.map((key) => ({ key, value: next[key] }))),
        draftIds.length ? db.drafts.bulkDelete(draftIds) : undefined,
      ]);
      return { seqs: outgoing.map((o) => o.meta.mutationSeq), rows };
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
  const data = new Map(sealedRecords.map((r) => [r.id, r.data]));
  recordCache.apply(written.rows.map((row) => ({ id: row.id, record: row.deleted ? null : { ...fromRowMeta(row), data: data.get(row.id) as CachedRecord['data'] } })));
  for (const listener of writeListeners) listener();
  return written.seqs;
}

function fromRowMeta(row: StoredRecord): Omit<CachedRecord, 'data'> {
  return { id: row.id, type: row.type, spaceId: row.spaceId, version: row.version, seq: row.seq, order: row.order, pending: true, row };
}

function sameIv(a: Sealed | undefined, b: Sealed): boolean {
  if (!a) return false;
  const x = new Uint8Array(a.iv);
  const y = new Uint8Array(b.iv);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

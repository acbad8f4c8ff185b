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
  // In slices, with the page free to paint and take input between them: an imported list of 5,000 rows
  // seals 15,000 values, which started at once held the page for hundreds of milliseconds.
  const [sealedRecords, sealedOutbox, sealedTimeline] = await Promise.all([
    inSlices(plans.flatMap((plan) => plan.records), async (r) => {
      const meta = { type: r.type, id: r.id, version: r.base?.version ?? 0, spaceId: r.base?.spaceId ?? null, aad: SEAL_FORMAT } as const;
      return { ...r, ...meta, sealed: await seal(key, r.data, recordContext(meta)) };
    }),
    inSlices(outgoing, async ({ meta, args }) => ({ ...meta, sealed: await seal(key, args, outboxContext(meta)) })),
    inSlices(plans.flatMap((plan) => plan.timeline), async (t) => {
      const meta = { id: crypto.randomUUID(), recordId: t.recordId, aad: SEAL_FORMAT } as const;
      return { ...meta, sealed: await seal(key, t.entry, historyContext(meta)) };
    }),
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
        db.meta.bulkPut(COUNTERS.map((key) => ({ key, value: next[key] }))),
        draftIds.length ? db.drafts.bulkDelete(draftIds) : undefined,
      ]);
      // Chunks awaited one after another inside the one transaction: the structured clone of each chunk is
      // its own task, so a long list never blocks the page in one piece, and it is still all or nothing.
      for (let at = 0; at < Math.max(rows.length, sealedOutbox.length, history.length); at += WRITE_CHUNK) {
        await Promise.all([
          db.records.bulkPut(rows.slice(at, at + WRITE_CHUNK)),
          db.outbox.bulkAdd(sealedOutbox.slice(at, at + WRITE_CHUNK)),
          db.history.bulkAdd(history.slice(at, at + WRITE_CHUNK)),
        ]);
      }
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

const SEAL_SLICE = 500;
const WRITE_CHUNK = 1000;

/** `fn` over every item, SEAL_SLICE at a time, yielding to the page between slices of a long list. */
async function inSlices<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  if (items.length <= SEAL_SLICE) return Promise.all(items.map(fn));
  const out: R[] = [];
  for (let at = 0; at < items.length; at += SEAL_SLICE) {
    if (at > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    out.push(...(await Promise.all(items.slice(at, at + SEAL_SLICE).map(fn))));
  }
  return out;
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

// The one gate every local write passes: seal outside any transaction (awaiting WebCrypto inside one would
// commit it early), then one `rw` transaction writing the rows, their outbox entry and their timeline.
import type { RecordType } from '@schema/records.ts';
import type { MutationName } from '@schema/mutations.ts';
import { MAX_MUTATION_BYTES, jsonBytes } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, type Sealed } from '@/crypto/seal.ts';
import { db, type HistoryEntry, type OutboxEntry, type StoredRecord } from './db.ts';
import { isQuotaError, MutationTooLargeError, StorageFullError } from './errors.ts';

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

/**
 * What each sealed value is bound to (AES-GCM additional data). Version 2 binds the plaintext metadata that
 * gives the value its meaning, so a ciphertext put back under an older version, moved to another record, or
 * an outbox entry renamed, renumbered or pointed at other records fails to open. Rows written before carry no
 * `aad` and open with the identity-only context; each is rebound when next written.
 */
export const SEAL_FORMAT = 2;

type RecordMeta = Pick<StoredRecord, 'type' | 'id' | 'version' | 'spaceId' | 'aad'>;
type OutboxMeta = Pick<OutboxEntry, 'mutationSeq' | 'mutationId' | 'name' | 'recordIds' | 'aad'>;
type HistoryMeta = Pick<HistoryEntry, 'id' | 'recordId' | 'aad'>;

export function recordContext(r: RecordMeta): string {
  return r.aad === SEAL_FORMAT ? `record:${r.type}:${r.id}:v${r.version}:${r.spaceId ?? ''}` : `record:${r.type}:${r.id}`;
}

export function outboxContext(e: OutboxMeta): string {
  return e.aad === SEAL_FORMAT ? `outbox:${e.mutationSeq}:${e.mutationId}:${e.name}:${e.recordIds.join(',')}` : `outbox:${e.mutationId}`;
}

export function historyContext(h: HistoryMeta): string {
  return h.aad === SEAL_FORMAT ? `history:${h.id}:${h.recordId}` : `history:${h.id}`;
}

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
  for (let attempt = 0; ; attempt++) {
    try {
      return await commitOnce(plans);
    } catch (error) {
      if (!(error instanceof SeqTakenError) || attempt >= 5) throw error;
    }
  }
}

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
  let mutationSeqs: number[];
  try {
    mutationSeqs = await db.transaction('rw', [db.records, db.outbox, db.history, db.meta, db.drafts], async () => {
      // Few, batched requests: each awaited IndexedDB round trip costs milliseconds on a cheap phone.
      const [existing, counters] = await Promise.all([
        db.records.bulkGet(sealedRecords.map((r) => r.id)),
        db.meta.bulkGet([...COUNTERS]),
      ]);
      const next = Object.fromEntries(COUNTERS.map((key, i) => [key, (counters[i]?.value as number | undefined) ?? 0])) as Record<Counter, number>;
      const rows = sealedRecords.map((r, i) => {
        const old = existing[i];
        // Each seal has a fresh IV, so an unchanged IV means an unchanged row (and the version sealed holds).
        const changed = r.base ? !sameIv(old?.sealed, r.base.sealed) : old !== undefined;
        if (changed) throw new ConcurrentEditError();
        return {
          id: r.id,
          type: r.type,
          spaceId: r.spaceId,
          version: r.version,
          seq: old?.seq ?? null,
          pending: 1 as const,
          deleted: old?.deleted ?? 0,
          order: old?.order ?? (next.recordOrder += 1),
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
      return outgoing.map((o) => o.meta.mutationSeq);
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
  for (const listener of writeListeners) listener();
  return mutationSeqs;
}

function sameIv(a: Sealed | undefined, b: Sealed): boolean {
  if (!a) return false;
  const x = new Uint8Array(a.iv);
  const y = new Uint8Array(b.iv);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

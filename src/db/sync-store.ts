// What the sync engine reads and writes on the device: the outbox to push, acknowledgements, and pulled
// pages applied one transaction each with the cursor saved in the same transaction. Pending local changes
// are re-applied on top of the server's version, so nothing typed offline disappears from view.
import type { Mutation, PatchRecordArgs } from '@schema/mutations.ts';
import { needsServerVersion, rebase } from '@schema/merge.ts';
import type { Change, MutationResult } from '@schema/protocol.ts';
import { linkedIds, RECORDS, recordSchemas } from '@schema/records.ts';
import { upgradeRecord } from '@schema/upgrade.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal } from '@/crypto/seal.ts';
import { db, type OutboxEntry, type PackedRecord, type StoredRecord } from './db.ts';
import { getMeta, getSealedMeta, nextCounter, setMeta, setSealedMeta } from './meta.ts';
import { compactPacks, PACK_SEQ, sealPack } from './packs.ts';
import { fromRow, recordCache, type CacheChange } from './record-cache.ts';
import { historyContext, outboxContext, recordContext, SEAL_FORMAT } from './seal-context.ts';
import type { TimelineEntry } from './write.ts';

const CURSOR = 'syncCursor';
const STATUS = 'syncStatus';

/** Shown to the user: when the device last synced and what failed. Device time, display only. */
export interface SyncStatusRecord {
  lastSyncAt: number | null;
  lastError: string | null;
  lastAttemptAt: number | null;
  rejected: number;
  /** Of the last rejected changes, how many were too large to send (they stay on this phone only). */
  tooLarge?: number;
}

export async function getCursor(): Promise<string> {
  return (await getMeta<string>(CURSOR)) ?? '0';
}

/** Sealed: its times would tell when the phone was last used to register families. */
export async function getSyncStatus(): Promise<SyncStatusRecord> {
  return (await getSealedMeta<SyncStatusRecord>(STATUS)) ?? { lastSyncAt: null, lastError: null, lastAttemptAt: null, rejected: 0 };
}

export async function saveSyncStatus(patch: Partial<SyncStatusRecord>): Promise<void> {
  await setSealedMeta(STATUS, { ...(await getSyncStatus()), ...patch } satisfies SyncStatusRecord);
}

/** The oldest outbox entries, unsealed into protocol mutations, in mutationSeq order. */
export function readOutbox(limit: number): Promise<Mutation[]> {
  return readOutboxAfter(0, limit);
}

/** Outbox entries after `mutationSeq`, oldest first: a revoked phone hands its outbox over without acknowledging. */
export async function readOutboxAfter(mutationSeq: number, limit: number): Promise<Mutation[]> {
  const key = getDataKey();
  const rows = await db.outbox.where('mutationSeq').above(mutationSeq).limit(limit).toArray();
  return Promise.all(
    rows.map(async (r) => ({ mutationSeq: r.mutationSeq, mutationId: r.mutationId, name: r.name, args: await unseal(key, r.sealed, outboxContext(r)) }) as Mutation),
  );
}

/**
 * Removes every outbox entry up to `lastAckedSeq` (whatever its result: a rejected mutation is
 * acknowledged too, so the device never gets stuck) and notes conflicts and rejections in the timeline.
 * A rejected creation stays on the phone, marked pending, so nothing typed is lost.
 */
export async function acknowledge(lastAckedSeq: number, results: MutationResult[]): Promise<void> {
  await recordCache.ready();
  const key = getDataKey();
  const acked = await db.outbox.where('mutationSeq').belowOrEqual(lastAckedSeq).toArray();
  const byId = new Map(acked.map((e) => [e.mutationId, e]));
  const notes = await Promise.all(
    results
      .filter((r) => r.result === 'conflict' || r.result === 'rejected' || r.result === 'quarantined')
      .flatMap((r) => (byId.get(r.mutationId)?.recordIds.slice(0, 1) ?? []).map((recordId) => ({ recordId, result: r })))
      .map(async ({ recordId, result }) => {
        const meta = { id: crypto.randomUUID(), recordId, aad: SEAL_FORMAT } as const;
        const entry: TimelineEntry = {
          at: Date.now(),
          action: result.result === 'conflict' ? 'conflict' : 'rejected',
          fields: result.reason ? [result.reason] : [],
          by: null,
        };
        return { ...meta, sealed: await seal(key, entry, historyContext(meta)) };
      }),
  );
  // A change the server did not apply left the phone showing a value the server does not hold, and the
  // record may never change again: the cursor goes back to before the version held, so the next pull brings
  // the server's version (and a delete pulled while the change waited). Rare, so the re-read is cheap.
  const answers = new Map(results.map((r) => [r.mutationId, r]));
  const refetch = acked.filter((e) => needsServerVersion(answers.get(e.mutationId))).flatMap((e) => e.recordIds);
  // Records stay `pending` until a pull delivers the server's version: if the server lost them (restored
  // from a backup), a reset then keeps them on the phone instead of dropping them as synced.
  await db.transaction('rw', [db.outbox, db.history, db.meta, db.records], async () => {
    await db.outbox.bulkDelete(acked.map((e) => e.mutationSeq));
    for (const n of notes) await db.history.add({ ...n, order: await nextCounter('historyOrder') });
    if (refetch.length === 0) return;
    const held = refetch.flatMap((id) => {
      const seq = recordCache.find(id)?.seq;
      return seq ? [BigInt(seq)] : [];
    });
    if (held.length === 0) return;
    const before = held.reduce((a, b) => (a < b ? a : b)) - 1n;
    if (before < BigInt(await getCursor())) await setMeta(CURSOR, String(before));
  });
}

/** Pending patches per record id, in outbox order, to re-apply on top of pulled versions. */
async function pendingPatches(entries: OutboxEntry[]): Promise<Map<string, Record<string, unknown>[]>> {
  const key = getDataKey();
  const map = new Map<string, Record<string, unknown>[]>();
  for (const e of entries) {
    if (e.name !== 'patchRecord') continue;
    const args = await unseal<PatchRecordArgs>(key, e.sealed, outboxContext(e));
    map.set(args.id, [...(map.get(args.id) ?? []), args.patch]);
  }
  return map;
}

/**
 * Applies one pulled page in one transaction with its cursor: the server's records as one sealed pack, and
 * for records with local changes waiting, their row re-based on the version pulled. A record pulled with no
 * change waiting leaves its row (the pack holds it now). Sealing happens first, outside the transaction; if
 * the outbox or the counters changed meanwhile (a local edit), the page is prepared again.
 */
export async function applyPage(changes: Change[], cursor: string): Promise<void> {
  await recordCache.ready();
  for (let attempt = 0; attempt < 5; attempt++) {
    const [outbox, counters] = await Promise.all([db.outbox.toArray(), db.meta.bulkGet(['recordOrder', PACK_SEQ])]);
    const patches = await pendingPatches(outbox);
    const pendingIds = new Set(outbox.flatMap((e) => e.recordIds));
    const firstOrder = (counters[0]?.value as number | undefined) ?? 0;
    const packSeq = (counters[1]?.value as number | undefined) ?? 0;
    let order = firstOrder;
    const key = getDataKey();
    const pack: PackedRecord[] = [];
    const cacheChanges: CacheChange[] = [];
    const rowWrites: Promise<{ row: StoredRecord; shown: unknown }>[] = [];
    const rowDeletes: string[] = [];
    for (const c of changes) {
      const held = recordCache.find(c.id);
      if (c.deleted || !c.data) {
        pack.push({ id: c.id, deleted: true });
        if (pendingIds.has(c.id)) continue;
        if (held?.row) rowDeletes.push(c.id);
        cacheChanges.push({ id: c.id, record: null });
        continue;
      }
      const parsed = recordSchemas[c.type].safeParse(upgradeRecord(c.type, c.data, c.spaceId));
      const value = parsed.success ? parsed.data : c.data;
      const meta = { id: c.id, type: c.type, spaceId: c.spaceId, version: c.version, seq: c.seq, order: held?.order ?? (order += 1) };
      pack.push({ ...meta, data: value });
      if (!pendingIds.has(c.id)) {
        if (held?.row) rowDeletes.push(c.id);
        cacheChanges.push({ id: c.id, record: { ...meta, pending: false, data: value as never, row: null } });
        continue;
      }
      // Local changes wait: the row shows them on top of the version pulled, so nothing typed disappears.
      const rebased = rebase(c.data, patches.get(c.id) ?? []);
      const reparsed = recordSchemas[c.type].safeParse(rebased);
      const shown = reparsed.success ? reparsed.data : rebased;
      const rowMeta = { ...meta, pending: 1, deleted: 0, aad: SEAL_FORMAT } as const;
      rowWrites.push(seal(key, shown, recordContext(rowMeta)).then((sealed) => ({ row: { ...rowMeta, sealed } satisfies StoredRecord, shown })));
    }
    const packId = packSeq + 1;
    const [stored, rebasedRows] = await Promise.all([pack.length ? sealPack(packId, pack) : null, Promise.all(rowWrites)]);
    const rows = rebasedRows.map((r) => r.row);
    const outboxSize = outbox.length;
    const applied = await db.transaction('rw', [db.records, db.outbox, db.meta, db.packs], async () => {
      const [count, now] = await Promise.all([db.outbox.count(), db.meta.bulkGet(['recordOrder', PACK_SEQ])]);
      if (count !== outboxSize || now[0]?.value !== counters[0]?.value || now[1]?.value !== counters[1]?.value) return false;
      await Promise.all([
        stored ? db.packs.add(stored) : undefined,
        rows.length ? db.records.bulkPut(rows) : undefined,
        rowDeletes.length ? db.records.bulkDelete(rowDeletes) : undefined,
        db.meta.bulkPut([
          { key: 'recordOrder', value: order },
          { key: PACK_SEQ, value: stored ? packId : packSeq },
          { key: CURSOR, value: cursor },
        ]),
      ]);
      return true;
    });
    if (applied) {
      if (stored) recordCache.packMark = packId;
      recordCache.apply([...cacheChanges, ...rebasedRows.map(({ row, shown }) => ({ id: row.id, record: fromRow(row, shown) }))]);
      return;
    }
  }
  throw new Error('local writes kept changing the outbox; will retry on the next sync');
}

/** Server told the device to start over: drop synced records, keep pending ones and the outbox. */
export async function resetSynced(): Promise<void> {
  await db.transaction('rw', [db.records, db.meta, db.packs], async () => {
    await Promise.all([db.records.where('pending').equals(0).delete(), db.packs.clear(), setMeta(CURSOR, '0')]);
  });
  await recordCache.rebuild();
}

const CHECKPOINTS = 'syncCheckpoints';
const CHECKPOINT_EVERY_MS = 3_600_000;

/** After a full pull: everything up to `cursor` was committed by `serverTime` (the server's clock). */
interface SyncCheckpoint {
  cursor: string;
  serverTime: string;
}

/**
 * Notes a checkpoint, at most one an hour and only as many as the retention needs. Sealed: the row itself
 * keeps no time, so a seized phone does not tell when its records reached the server.
 */
export async function recordCheckpoint(cursor: string, serverTime: string, retentionDays: number): Promise<void> {
  const list = (await getSealedMeta<SyncCheckpoint[]>(CHECKPOINTS)) ?? [];
  const last = list.at(-1);
  if (last && Date.parse(serverTime) - Date.parse(last.serverTime) < CHECKPOINT_EVERY_MS) return;
  const cutoff = Date.parse(serverTime) - retentionDays * 86_400_000;
  // Keep every checkpoint still inside the retention, and the newest one before it.
  const firstInside = list.findIndex((c) => Date.parse(c.serverTime) >= cutoff);
  const kept = firstInside === -1 ? list.slice(-1) : list.slice(Math.max(0, firstInside - 1));
  await setSealedMeta(CHECKPOINTS, [...kept, { cursor, serverTime }] satisfies SyncCheckpoint[]);
}

/** The newest cursor whose changes were all committed before `cutoff`; null if none is known yet. */
async function cursorBefore(cutoff: number): Promise<bigint | null> {
  const list = (await getSealedMeta<SyncCheckpoint[]>(CHECKPOINTS)) ?? [];
  const before = list.filter((c) => Date.parse(c.serverTime) < cutoff).at(-1);
  return before ? BigInt(before.cursor) : null;
}

/**
 * Volunteer phones keep only what they need: each record the registry makes a retention `root` (an inquiry)
 * leaves the phone with the records it links to, once all of them are synced and last changed before the
 * retention cut-off (by the server's clock, through the sealed checkpoints). Unsynced records never do.
 * Returns how many roots were purged.
 */
export async function purgeExpired(retentionDays: number, serverTime: string): Promise<number> {
  if (retentionDays <= 0) return 0;
  const oldCursor = await cursorBefore(Date.parse(serverTime) - retentionDays * 86_400_000);
  if (oldCursor === null) return 0;
  await recordCache.ready();
  const isOld = (id: string) => {
    const r = recordCache.find(id);
    return !r || (!r.pending && r.seq !== null && BigInt(r.seq) <= oldCursor);
  };
  const groups = [...recordCache.all()]
    .filter((r) => RECORDS[r.type].retention === 'root' && isOld(r.id))
    .map((r) => [r.id, ...linkedIds(r.type, r.data as Record<string, unknown>)]);
  const expired = groups.filter((ids) => ids.every(isOld));
  if (expired.length === 0) return 0;
  // The packs are rewritten without them; a local edit since reading keeps them all (and the next run retries).
  return (await compactPacks(new Set(expired.flat()))) ? expired.length : 0;
}

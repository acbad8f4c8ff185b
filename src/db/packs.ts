// The stored form of records as the server sent them: sealed packs (db.ts StoredPack). A pulled page is one
// pack; compaction rewrites the live records into fewer, larger packs once superseded versions pile up,
// moves rows from before packs existed into them, and leaves out what the retention purge lets go.
import { getDataKey, isUnlocked } from '@/crypto/key-holder.ts';
import { seal } from '@/crypto/seal.ts';
import { db, type PackedRecord, type StoredPack, type StoredRecord } from './db.ts';
import { getMeta } from './meta.ts';
import { recordCache, type CacheChange, type CachedRecord } from './record-cache.ts';
import { packContext, SEAL_FORMAT } from './seal-context.ts';

/** Records per pack written by compaction: few enough rows to read fast, small enough to seal without a pause. */
export const PACK_SIZE = 1000;
export const PACK_SEQ = 'packSeq';

export async function sealPack(id: number, records: PackedRecord[]): Promise<StoredPack> {
  const meta = { id, count: records.length };
  return { ...meta, aad: SEAL_FORMAT, sealed: await seal(getDataKey(), records, packContext(meta)) };
}

export function packed(r: CachedRecord & { seq: string }): PackedRecord {
  return { id: r.id, type: r.type, spaceId: r.spaceId, version: r.version, seq: r.seq, order: r.order, data: r.data };
}

/** Whether compaction would pay: rows from before packs, or twice as many packs as the live records need. */
export async function needsCompaction(): Promise<boolean> {
  await recordCache.ready();
  const [packs, rows] = await Promise.all([db.packs.count(), db.records.where('pending').equals(0).count()]);
  return rows > 0 || packs > 2 * Math.ceil(recordCache.size / PACK_SIZE) + 4;
}

/**
 * Rewrites every synced record the device holds into packs of PACK_SIZE, leaving out `drop` (and deleting
 * their rows and timelines). Sealing runs first, outside the transaction; if a pull or a local write
 * changed the stored form meanwhile, nothing is written and false is returned (the next run tries again).
 */
export async function compactPacks(drop: ReadonlySet<string> = new Set()): Promise<boolean> {
  await recordCache.ready();
  const generation = recordCache.generation;
  const packSeq = (await getMeta<number>(PACK_SEQ)) ?? 0;
  const kept: (CachedRecord & { seq: string })[] = [];
  const movedRows: StoredRecord[] = [];
  for (const r of recordCache.all()) {
    if (drop.has(r.id) || r.row?.pending === 1 || r.seq === null) continue;
    kept.push(r as CachedRecord & { seq: string });
    if (r.row) movedRows.push(r.row);
  }
  kept.sort((a, b) => a.order - b.order);
  const chunks: PackedRecord[][] = [];
  for (let at = 0; at < kept.length; at += PACK_SIZE) chunks.push(kept.slice(at, at + PACK_SIZE).map(packed));
  const packs = await Promise.all(chunks.map((chunk, i) => sealPack(packSeq + 1 + i, chunk)));
  const dropped = [...drop];
  const done = await db.transaction('rw', [db.packs, db.records, db.meta, db.history], async () => {
    // The cache was cleared (locked) meanwhile: what was sealed may not be what this database holds.
    if (recordCache.generation !== generation) return false;
    if (((await getMeta<number>(PACK_SEQ)) ?? 0) !== packSeq) return false;
    const current = await db.records.bulkGet([...movedRows.map((r) => r.id), ...dropped]);
    const moved = current.slice(0, movedRows.length);
    if (moved.some((row, i) => !sameRow(row, movedRows[i]))) return false;
    const droppable = current.slice(movedRows.length).filter((row) => !row || row.pending === 0);
    if (droppable.length !== dropped.length) return false;
    await db.packs.where('id').belowOrEqual(packSeq).delete();
    await Promise.all([
      db.packs.bulkAdd(packs),
      db.records.bulkDelete([...movedRows.map((r) => r.id), ...dropped]),
      db.meta.put({ key: PACK_SEQ, value: packSeq + packs.length }),
      ...dropped.map((id) => db.history.where('[recordId+order]').between([id, 0], [id, Infinity]).delete()),
    ]);
    return true;
  });
  if (!done) return false;
  recordCache.packMark = packSeq + packs.length;
  const changes: CacheChange[] = [
    ...dropped.map((id) => ({ id, record: null })),
    ...kept.filter((r) => r.row).map((r) => ({ id: r.id, record: { ...r, row: null } })),
  ];
  recordCache.apply(changes);
  return true;
}

function sameRow(a: StoredRecord | undefined, b: StoredRecord | undefined): boolean {
  return !!a && !!b && a.version === b.version && a.pending === b.pending && a.seq === b.seq;
}

let scheduled: ReturnType<typeof setTimeout> | null = null;

/**
 * Compacts a few seconds after an unlock or a sync, off the path of what the user waits for; a failure
 * only means the packs stay as they are until the next time.
 */
export function scheduleCompaction(delayMs = 3000): void {
  if (scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = null;
    // Locked (or the cache dropped) meanwhile: nothing to compact until the next unlock reads the packs.
    if (!isUnlocked() || !recordCache.isReady) return;
    void (async () => {
      if (await needsCompaction()) await compactPacks();
    })().catch((error: unknown) => console.warn('packs not compacted', error));
  }, delayMs);
}

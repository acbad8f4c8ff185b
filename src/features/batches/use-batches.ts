// Reads of exchange batches and their entries for the batch screens, live: a pulled page or a local write
// shows at once. Counts are computed from the entries, never typed.
import { useLiveQuery } from 'dexie-react-hooks';
import { countEntries, type BatchCounts, type BatchEntry, type ExchangeBatch } from '@schema/batch.ts';
import { getRecord, listRecords } from '@/db/records.ts';

export interface BatchSummary {
  batch: ExchangeBatch;
  counts: BatchCounts;
  pending: boolean;
}

async function readBatches(): Promise<BatchSummary[]> {
  const [batches, entries] = await Promise.all([listRecords('exchangeBatch'), listRecords('batchEntry')]);
  const byBatch = new Map<string, BatchEntry[]>();
  for (const { data } of entries) byBatch.set(data.batchId, [...(byBatch.get(data.batchId) ?? []), data]);
  return batches
    .map(({ row, data }) => ({ batch: data, counts: countEntries(byBatch.get(data.id) ?? []), pending: row.pending === 1 }))
    .sort((a, b) => b.batch.date.localeCompare(a.batch.date));
}

/** undefined while reading. */
export function useBatches(): BatchSummary[] | undefined {
  return useLiveQuery(readBatches, []);
}

export interface BatchDetail extends BatchSummary {
  entries: { entry: BatchEntry; pending: boolean }[];
}

async function readBatch(id: string): Promise<BatchDetail | null> {
  // Both reads start before any unsealing: a live query only observes what it reads before its first
  // non-database await (WebCrypto), so sequential reads would leave the entries unobserved.
  const [found, all] = await Promise.all([getRecord('exchangeBatch', id), listRecords('batchEntry')]);
  if (!found) return null;
  const entries = all.filter((e) => e.data.batchId === id);
  return {
    batch: found.data,
    pending: found.row.pending === 1,
    counts: countEntries(entries.map((e) => e.data)),
    entries: entries.map(({ row, data }) => ({ entry: data, pending: row.pending === 1 })),
  };
}

/** undefined while reading, null when this device holds no such batch. */
export function useBatch(id: string): BatchDetail | null | undefined {
  return useLiveQuery(() => readBatch(id), [id]);
}

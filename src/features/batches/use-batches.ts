// Reads of exchange batches and their entries for the batch screens, live: a pulled page or a local write
// shows at once. Counts are computed from the entries, never typed.
import { countEntries, type BatchCounts, type BatchEntry, type ExchangeBatch } from '@schema/batch.ts';
import { useRecordQuery } from '@/components/use-record-query.ts';
import { getRecord, listLinked, listRecords } from '@/db/records.ts';

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
    .map(({ pending, data }) => ({ batch: data, counts: countEntries(byBatch.get(data.id) ?? []), pending }))
    .sort((a, b) => b.batch.date.localeCompare(a.batch.date));
}

/** undefined while reading. */
export function useBatches(): BatchSummary[] | undefined {
  return useRecordQuery(readBatches, []);
}

export interface BatchDetail extends BatchSummary {
  entries: { entry: BatchEntry; pending: boolean }[];
}

async function readBatch(id: string): Promise<BatchDetail | null> {
  const [found, entries] = await Promise.all([getRecord('exchangeBatch', id), listLinked('batchEntry', 'batchId', id)]);
  if (!found) return null;
  return {
    batch: found.data,
    pending: found.pending,
    counts: countEntries(entries.map((e) => e.data)),
    entries: entries.map(({ pending, data }) => ({ entry: data, pending })),
  };
}

/** undefined while reading, null when this device holds no such batch. */
export function useBatch(id: string): BatchDetail | null | undefined {
  return useRecordQuery(() => readBatch(id), [id]);
}

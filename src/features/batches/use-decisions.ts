// The candidate matches this device holds for a batch's entries, live: decisions made here or pulled from
// other coordinators of the same gathering points.
import type { CandidateMatch } from '@schema/candidate.ts';
import { useRecordQuery } from '@/components/use-record-query.ts';
import { listRecords } from '@/db/records.ts';

/** Candidate match id → the decision, for the entries given; undefined while reading. */
export function useDecisions(entryIds: readonly string[] | undefined): Map<string, CandidateMatch> | undefined {
  return useRecordQuery(async () => {
    if (!entryIds) return undefined;
    const wanted = new Set(entryIds);
    const all = await listRecords('candidateMatch');
    return new Map(all.filter((m) => m.data.batchEntryId !== null && wanted.has(m.data.batchEntryId)).map((m) => [m.data.id, m.data]));
  }, [entryIds]);
}

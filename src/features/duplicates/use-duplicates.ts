// Probable duplicates among the sought persons this coordinator's device holds: every person matched against
// all the others in the matching worker, pairs within one inquiry left out, each pair once, with the
// coordinators' decisions so far.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CandidateMatch, OtherPersonSummary } from '@schema/candidate.ts';
import { isDecided, pairId } from '@schema/candidate.ts';
import type { Candidate } from '@schema/matching.ts';
import { useRecordQuery } from '@/components/use-record-query.ts';
import { duplicatePair, listRecords } from '@/db/records.ts';
import { inquiryIndex, type MatchablePerson } from '@/db/search-index.ts';
import { createMatchClient } from '@/lib/match-client.ts';

export interface DuplicatePair {
  id: string;
  persons: [MatchablePerson, MatchablePerson];
  candidate: Candidate;
}

/** undefined while computing. */
export function useDuplicatePairs(): DuplicatePair[] | undefined {
  const version = useSyncExternalStore(inquiryIndex.subscribe, () => inquiryIndex.version);
  const [pairs, setPairs] = useState<DuplicatePair[] | undefined>(undefined);
  useEffect(() => {
    const client = createMatchClient();
    let isCurrent = true;
    void (async () => {
      if (!inquiryIndex.isReady) await inquiryIndex.build();
      const people = inquiryIndex.matchablePersons();
      const byId = new Map(people.map((p) => [p.id, p]));
      await client.load(people.map((p) => ({ id: p.id, surname: p.surname, givenName: p.givenName, patronymic: p.patronymic, birthDate: p.birthDate, unit: p.unit })));
      const answers = await client.candidates(people.map((p) => ({ id: p.id, key: p })), 6);
      const found = new Map<string, DuplicatePair>();
      for (const { id, candidates } of answers) {
        const person = byId.get(id);
        for (const candidate of candidates) {
          const other = byId.get(candidate.caseId);
          if (!person || !other || other.id === person.id || other.inquiryId === person.inquiryId) continue;
          const [a, b] = duplicatePair(person.id, other.id);
          const key = pairId(a, b);
          const pair = byId.get(a) && byId.get(b) ? ([byId.get(a), byId.get(b)] as [MatchablePerson, MatchablePerson]) : null;
          if (pair && !found.has(key)) found.set(key, { id: key, persons: pair, candidate });
        }
      }
      if (isCurrent) setPairs([...found.values()].sort((x, y) => y.candidate.score - x.candidate.score));
    })().finally(() => client.dispose());
    return () => {
      isCurrent = false;
    };
  }, [version]);
  return pairs;
}

/** Duplicate decisions on this device, by pair id (the server's suggestions are not decisions). */
export function useDuplicateDecisions(): Map<string, CandidateMatch> | undefined {
  return useRecordQuery(async () => {
    const all = await listRecords('candidateMatch');
    return new Map(all.filter((m) => m.data.kind === 'duplicate' && isDecided(m.data)).map((m) => [m.data.id, m.data]));
  }, []);
}

export interface OtherPointPair {
  id: string;
  person: MatchablePerson;
  other: OtherPersonSummary;
  match: CandidateMatch;
}

/**
 * The server's probable duplicates whose other person is sought at a point this device does not see: only
 * the server's summary of that person comes (docs/matching.md, "On the server"). undefined while reading.
 */
export function useOtherPointPairs(): OtherPointPair[] | undefined {
  const version = useSyncExternalStore(inquiryIndex.subscribe, () => inquiryIndex.version);
  return useRecordQuery(async () => {
    if (!inquiryIndex.isReady) await inquiryIndex.build();
    const byId = new Map(inquiryIndex.matchablePersons().map((p) => [p.id, p]));
    return (await listRecords('candidateMatch'))
      .flatMap(({ data }) => {
        const person = byId.get(data.soughtPersonId);
        // A pair whose two persons this device holds is among the pairs it finds itself.
        if (data.kind !== 'duplicate' || !data.other || !person || data.otherSoughtPersonId === null || byId.has(data.otherSoughtPersonId)) return [];
        return [{ id: data.id, person, other: data.other, match: data }];
      })
      .sort((x, y) => y.match.score - x.match.score || (x.id < y.id ? -1 : 1));
  }, [version]);
}

// Candidates for every entry of a batch, computed in the app's own worker over the sought persons this device
// holds (from the unlocked in-memory index). Recomputed only when the persons or the entries' names change,
// not when a decision is written.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BatchEntry } from '@schema/batch.ts';
import { splitFullName, type Candidate, type PersonKey } from '@schema/matching.ts';
import { inquiryIndex, type MatchablePerson } from '@/db/search-index.ts';
import { createMatchClient, type MatchClient } from '@/lib/match-client.ts';

export interface EntryCandidates {
  /** Entry id → its candidates, best first; undefined while computing. */
  byEntry: Map<string, Candidate[]> | undefined;
  persons: Map<string, MatchablePerson>;
}

export function entryKey(entry: BatchEntry): PersonKey {
  const names = entry.surname || entry.givenName ? entry : { ...entry, ...splitFullName(entry.fullName) };
  return { surname: names.surname, givenName: names.givenName, patronymic: names.patronymic, birthDate: entry.birthDate, unit: entry.unit };
}

export function useCandidates(entries: BatchEntry[] | undefined): EntryCandidates {
  const version = useSyncExternalStore(inquiryIndex.subscribe, () => inquiryIndex.version);
  const [state, setState] = useState<EntryCandidates>({ byEntry: undefined, persons: new Map() });
  const remote = useRef<MatchClient | null>(null);
  const queries = useMemo(() => (entries ?? []).map((e) => ({ id: e.id, key: entryKey(e) })), [entries]);
  const signature = useMemo(() => JSON.stringify(queries), [queries]);

  useEffect(() => {
    const client = createMatchClient();
    remote.current = client;
    return () => {
      client.dispose();
      remote.current = null;
    };
  }, []);

  useEffect(() => {
    const bridge = remote.current;
    if (!bridge || entries === undefined) return;
    let isCurrent = true;
    void (async () => {
      if (!inquiryIndex.isReady) await inquiryIndex.build();
      const people = inquiryIndex.matchablePersons();
      await bridge.load(people.map((p) => ({ id: p.id, surname: p.surname, givenName: p.givenName, patronymic: p.patronymic, birthDate: p.birthDate, unit: p.unit })));
      const answers = await bridge.candidates(JSON.parse(signature) as { id: string; key: PersonKey }[]);
      if (isCurrent) setState({ byEntry: new Map(answers.map((a) => [a.id, a.candidates])), persons: new Map(people.map((p) => [p.id, p])) });
    })();
    return () => {
      isCurrent = false;
    };
    // `entries` only says whether they have been read; their names are in `signature`.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recompute on names and persons, not on every decision
  }, [signature, version, entries === undefined]);
  return state;
}

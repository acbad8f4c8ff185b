// The batch review's matching, off the main thread: the sought persons the device holds go in once, then
// candidates are asked entry by entry, so a 1,212-row list against 50,000 persons never freezes the page.
import * as Comlink from 'comlink';
import { Matcher, type Candidate, type PersonKey } from '@schema/matching.ts';

let matcher: Matcher | null = null;

const api = {
  /** Builds the matcher over the cases; returns how many it holds. */
  load(cases: ({ id: string } & PersonKey)[]): number {
    matcher = new Matcher(cases);
    return cases.length;
  },
  candidates(queries: { id: string; key: PersonKey }[], limit = 5): { id: string; candidates: Candidate[] }[] {
    const current = matcher;
    if (!current) throw new Error('load the cases first');
    return queries.map((q) => ({ id: q.id, candidates: current.candidates(q.key, limit) }));
  },
};

export type MatchWorker = typeof api;

Comlink.expose(api);

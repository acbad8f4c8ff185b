// The app's matching worker behind a small typed client (comlink): the batch review and the intake's
// duplicate warning build the matcher there, so a large case set never blocks the page.
import * as Comlink from 'comlink';
import type { Candidate, PersonKey } from '@schema/matching.ts';
import type { MatchWorker } from './match.worker.ts';

export interface MatchClient {
  load(cases: ({ id: string } & PersonKey)[]): Promise<number>;
  candidates(queries: { id: string; key: PersonKey }[], limit?: number): Promise<{ id: string; candidates: Candidate[] }[]>;
  dispose(): void;
}

export function createMatchClient(): MatchClient {
  const worker = new Worker(new URL('./match.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<MatchWorker>(worker);
  return {
    load: (cases) => remote.load(cases),
    candidates: (queries, limit) => remote.candidates(queries, limit),
    dispose: () => worker.terminate(),
  };
}

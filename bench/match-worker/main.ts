// The matching-worker benchmark page: exposes `window.rodynaMatchBench`, which scripts/bench.mjs (section 6)
// calls through Playwright. It times the app's own worker (src/lib/match.worker.ts) through the app's own client
// (src/lib/match-client.ts) — the path the batch review takes — on the labelled set the Node figures use.
import type { PersonKey } from '@schema/matching.ts';
import { readList } from '@/lib/list-csv.ts';
import { createMatchClient } from '@/lib/match-client.ts';
import { makeEvalSet, toCsv } from '../match-data.ts';

export interface WorkerTiming {
  cases: number;
  rows: number;
  /** A fresh worker answering its first (empty) load: module fetch, parse and start. */
  startMs: number;
  /** load(cases): copying the cases into the worker and building the matcher there. */
  loadMs: number;
  /** candidates(rows): every row of the list, asked in one call, answers copied back. */
  matchMs: number;
  /** The same list again on the warm worker (the next list of the day). */
  warmMatchMs: number;
  candidatesPerRow: number;
}

const now = () => performance.now();

// The generated set and its list as read, kept between repeats (generating 50,000 cases is not what is timed).
const sets = new Map<string, { cases: ReturnType<typeof makeEvalSet>['cases']; queries: { id: string; key: PersonKey }[] }>();
function evalSet(caseCount: number, listRows: number, seed: number) {
  const name = `${caseCount}/${listRows}/${seed}`;
  let set = sets.get(name);
  if (set === undefined) {
    const { cases, rows } = makeEvalSet({ cases: caseCount, rows: listRows, seed: seed + caseCount });
    const list = readList(toCsv(rows));
    if (list.errors.length > 0) throw new Error(`the generated list has broken rows: ${JSON.stringify(list.errors.slice(0, 3))}`);
    set = { cases, queries: list.rows.map((row, index) => ({ id: String(index), key: row })) };
    sets.clear();
    sets.set(name, set);
  }
  return set;
}

const api = {
  /** The same set bench/match-bench.ts times in Node (seed + case count), so the two figures compare. */
  async time(caseCount: number, listRows: number, seed: number): Promise<WorkerTiming> {
    const { cases, queries } = evalSet(caseCount, listRows, seed);
    // A fresh worker each time, as the batch review makes one per screen.
    const client = createMatchClient();
    try {
      const t0 = now();
      await client.load([]);
      const t1 = now();
      await client.load(cases);
      const t2 = now();
      const answers = await client.candidates(queries);
      const t3 = now();
      await client.candidates(queries);
      const t4 = now();
      const shown = answers.reduce((sum, answer) => sum + answer.candidates.length, 0);
      return { cases: caseCount, rows: listRows, startMs: t1 - t0, loadMs: t2 - t1, matchMs: t3 - t2, warmMatchMs: t4 - t3, candidatesPerRow: shown / listRows };
    } finally {
      client.dispose();
    }
  },

  /** `time` repeated on the same set, each run with a fresh worker. */
  async timeRepeated(caseCount: number, listRows: number, seed: number, repeats: number): Promise<WorkerTiming[]> {
    const runs: WorkerTiming[] = [];
    for (let index = 0; index < repeats; index++) runs.push(await api.time(caseCount, listRows, seed));
    return runs;
  },
};

declare global {
  interface Window {
    rodynaMatchBench: typeof api;
  }
}

window.rodynaMatchBench = api;

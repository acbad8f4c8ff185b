// 6. Matching batch lists to sought persons: quality and Node times (bench/match-bench.ts, its own process)
// and 6b, the same matching through the app's worker in Chromium (bench/match-worker/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, options, ROOT, PAGE_HELPERS } from './options.ts';
import { fail, heading, ms, results, verdict, type MatchingResults, type MatchWorkerRow } from './report.ts';
import { runCommand, serveStatic } from './servers.ts';

const { matchWorkerRepeats, matchWorkerRows, matchWorkerSizes } = options;

/**
 * Matching quality on the labelled set, matching time in Node for 1,212 rows × 5,000 and 50,000 cases, and
 * the CLI as a whole process (bench/match-bench.ts; docs/matching.md); then the browser worker.
 */
export async function benchMatching(): Promise<void> {
  heading('6. Matching batch lists to sought persons (bench/match-bench.ts)');
  const matchJson = path.join('.tmp', 'match-bench.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/match-bench.ts', `--json=${matchJson}`], { stdio: 'inherit' });
  if (r.status !== 0) fail('matching benchmark (bench/match-bench.ts)', new Error(`exit ${r.status ?? r.signal}`));
  else results.matching = JSON.parse(readFileSync(matchJson, 'utf8')) as MatchingResults;
  if (!options.skip.has('match-worker')) {
    try {
      results.matchingWorker = await benchMatchWorker();
    } catch (error) {
      fail('matching in the browser worker', error);
    }
  }
}

/**
 * A 1,212-row list against 5,000 … 50,000 sought persons in Chromium, through the app's own matching worker and
 * client (bench/match-worker/, built by vite.match-bench.config.ts): the worker's start, loading the
 * cases into it (copy + index), and matching the list (one call, answers copied back), then the warm re-run.
 */
async function benchMatchWorker(): Promise<MatchWorkerRow[]> {
  heading(`6b. Matching in the browser worker (Chromium; src/lib/match.worker.ts through src/lib/match-client.ts), ${matchWorkerRows.toLocaleString('en')} rows`);
  runCommand('build the matching-worker page', process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.match-bench.config.ts']);
  const { chromium } = await import('playwright');
  const site = await serveStatic(path.join(ROOT, '.tmp', 'match-bench-dist'));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  await context.addInitScript({ content: PAGE_HELPERS });
  const rows: MatchWorkerRow[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(site.url);
    await page.waitForFunction(() => typeof window.rodynaMatchBench === 'object');
    for (const cases of matchWorkerSizes) {
      const load = os.loadavg()[0] ?? 0;
      const runs = await page.evaluate(([n, listRows, repeats]) => window.rodynaMatchBench.timeRepeated(n, listRows, 9, repeats), [cases, matchWorkerRows, matchWorkerRepeats] as const);
      const totals = runs.map((run) => ({ ...run, totalMs: run.startMs + run.loadMs + run.matchMs })).sort((a, b) => a.totalMs - b.totalMs);
      const r = totals[Math.floor(totals.length / 2)];
      if (!r) throw new Error(`no run for ${cases} cases`);
      const total = r.totalMs;
      rows.push({ ...r, runsMs: totals.map((run) => run.totalMs), loadavg1: load });
      const budget = cases === 50000 ? `  (≤ 2,000 ms) ${verdict(total <= 2000)}` : '';
      console.log(`  ${cases.toLocaleString('en').padStart(6)} cases: worker start ${ms(r.startMs)} + load (copy + index) ${ms(r.loadMs)} + match ${ms(r.matchMs)} = ${ms(total)}${budget} [median of ${totals.length}: ${totals.map((run) => ms(run.totalMs)).join(', ')}]; warm re-run ${ms(r.warmMatchMs)}; ${r.candidatesPerRow.toFixed(2)} candidates/row; load average ${load.toFixed(2)}`);
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first && last && last !== first) console.log(`  growth ${first.cases.toLocaleString('en')} → ${last.cases.toLocaleString('en')} cases: × ${(last.totalMs / first.totalMs).toFixed(1)} (start + load + match)`);
  } finally {
    await context.close();
    await site.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  return rows;
}

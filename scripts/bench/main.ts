// `npm run bench`: prints the figures the issues budget — first-load size, Lighthouse (mobile) on the real
// server, device speed (unlock, search as you type, save) in Chromium with 5,000 and 50,000 inquiries, a
// fresh coordinator device pulling 50,000 inquiries from the real server end to end, the sync server's
// throughput and matching. It reports; it does not fail on a missed budget. It
// exits non-zero only when a benchmark could not run at all. Options: scripts/bench/options.ts and
// docs/benchmarks.md. One module per section; servers.ts starts every server they use.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printBudgets } from './budgets.ts';
import { benchDevice } from './device.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchMatching } from './matching.ts';
import { options, ROOT } from './options.ts';
import { benchPullE2e } from './pull-e2e.ts';
import { benchServerThroughput } from './server-throughput.ts';
import { fail, heading, progress, results, startedAt } from './report.ts';
import { runCommand } from './servers.ts';
import { benchSize } from './size.ts';

const { skip, noBuild, distSource, jsonOut } = options;
process.chdir(ROOT);

const cleanups: (() => void)[] = [];

async function main(): Promise<void> {
  console.log(`Rodyna benchmarks — ${results.date} — ${results.machine}`);
  mkdirSync('.tmp', { recursive: true });
  const needDist = !skip.has('size') || !skip.has('lighthouse') || !skip.has('pull-e2e');
  let distDir: string | null = null;
  if (needDist) {
    try {
      if (distSource !== 'dist') progress(`--dist: using ${distSource}`);
      else if (noBuild && existsSync('dist/index.html')) progress('--no-build: using the existing dist/');
      else runCommand('npm run build', 'npm', ['run', '--silent', 'build']);
      // A private copy: another engineer's build must not swap files under the running benchmark. Not under
      // .tmp/: the server's static files plugin refuses paths with a dot folder (403).
      const copy = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-dist-'));
      distDir = copy;
      cpSync(distSource, copy, { recursive: true });
      cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    } catch (error) {
      fail('npm run build (needed for size, Lighthouse and the end-to-end pull)', error);
    }
  }
  if (!skip.has('size') && distDir) {
    try {
      benchSize(distDir);
    } catch (error) {
      fail('first-load size', error);
    }
  }
  if (!skip.has('lighthouse') && distDir) {
    try {
      await benchLighthouse(distDir);
    } catch (error) {
      fail('Lighthouse', error);
    }
  }
  if (!skip.has('device')) {
    try {
      await benchDevice();
    } catch (error) {
      fail('device speed', error);
    }
  }
  if (!skip.has('pull-e2e') && distDir) {
    try {
      await benchPullE2e(distDir);
    } catch (error) {
      fail('end-to-end pull', error);
    }
  }
  if (!skip.has('server')) {
    heading('5. Sync server throughput (scripts/bench/server-throughput.ts)');
    try {
      await benchServerThroughput();
    } catch (error) {
      fail('sync server benchmark (scripts/bench/server-throughput.ts)', error);
    }
  }
  if (!skip.has('match')) await benchMatching();
  for (const cleanup of cleanups) cleanup();
  writeFileSync(jsonOut, JSON.stringify(results, null, 2));
  heading(`Done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s (load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}). Figures also in ${jsonOut}.`);
  printBudgets();
  if (results.failures.length) {
    console.log(`${results.failures.length} benchmark(s) could not run:`);
    for (const f of results.failures) console.log(`  - ${f.benchmark}: ${f.error}`);
    process.exitCode = 1;
  }
}

await main();

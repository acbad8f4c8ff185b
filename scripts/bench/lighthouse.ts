// 2. Lighthouse (mobile, simulated throttling) on the built app served by the real server: `/` and /setup,
// each in a fresh Chromium, with the failing audits and the largest performance opportunities.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type lighthouseRun from 'lighthouse';
import type { Result } from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS, LIGHTHOUSE_TARGETS } from './options.ts';
import { heading, progress, results, verdict, type LighthouseRow } from './report.ts';
import { startServer } from './servers.ts';

type Lighthouse = typeof lighthouseRun;

export async function benchLighthouse(distDir: string): Promise<void> {
  heading('2. Lighthouse 12.2.3, mobile (simulated throttling), on the built app served by the real server');
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const server = await startServer({ distDir });
  try {
    // `/` is what a volunteer opens (it redirects to /setup on a fresh device); /setup is also audited directly
    // so a problem with the redirect or the server's `/` shows up as a difference between the two.
    const pages = ['/', '/setup'];
    const rows: LighthouseRow[] = (results.lighthouse = []);
    for (const page of pages) {
      let row: LighthouseRow | undefined;
      for (let attempt = 1; attempt <= 2 && !row?.scores; attempt++) {
        // A fresh browser per attempt: a failed run must not leave state that spoils the next one.
        const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
        try {
          row = await auditPage(lighthouse, chrome.port, server.url, page);
        } catch (error) {
          const message = String(error instanceof Error ? error.message : error);
          console.log(`\n  !! ${page} (attempt ${attempt}): ${message}`);
          row = { page, error: message };
          // An HTTP error status will not change on a retry; a flaky trace (NO_NAVSTART, NO_FCP) may.
          if (/Status code: \d+/.test(message)) attempt = 2;
        } finally {
          await chrome.kill();
        }
      }
      if (row) rows.push(row);
    }
    if (!rows.some((r) => r.scores)) throw new Error('no page could be audited');
  } finally {
    await server.stop();
  }
}

async function auditPage(lighthouse: Lighthouse, port: number, origin: string, page: string): Promise<LighthouseRow> {
  progress(`lighthouse ${origin}${page} …`);
  const t0 = Date.now();
  const run = await lighthouse(`${origin}${page}`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: Object.keys(LIGHTHOUSE_TARGETS),
  });
  if (!run) throw new Error('lighthouse returned no result');
  const lhr: Result = run.lhr;
  writeFileSync(`.tmp/lighthouse${page === '/' ? '-root' : page.replace(/\W+/g, '-')}.json`, JSON.stringify(lhr));
  progress(`lighthouse done in ${((Date.now() - t0) / 1000).toFixed(0)} s; final URL ${lhr.finalDisplayedUrl}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  for (const w of lhr.runWarnings ?? []) console.log(`  warning: ${w}`);
  // Lighthouse's own CPU score for this machine (a 2020 mid-range desktop scores about 1000-2000).
  console.log(`  host CPU benchmarkIndex ${Math.round(lhr.environment?.benchmarkIndex ?? 0)}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const scores: Record<string, number> = {};
  const metrics: Record<string, number | null> = {};
  const row: LighthouseRow = { page, finalUrl: lhr.finalDisplayedUrl, benchmarkIndex: lhr.environment?.benchmarkIndex, scores, metrics };
  console.log(`\n  Page ${page}  →  ${lhr.finalDisplayedUrl}`);
  for (const [id, target] of Object.entries(LIGHTHOUSE_TARGETS)) {
    const score = lhr.categories[id]?.score;
    const value = score == null ? NaN : Math.round(score * 100);
    scores[id] = value;
    console.log(`  ${lhr.categories[id]?.title.padEnd(20) ?? id.padEnd(20)} ${String(value).padStart(4)}   target ${target === 100 ? '100' : `≥ ${target}`}  ${verdict(value >= target, 'PASS', 'BELOW')}`);
  }
  const metric = (audit: string) => lhr.audits[audit];
  for (const [label, audit] of <const>[['LCP', 'largest-contentful-paint'], ['TBT', 'total-blocking-time'], ['CLS', 'cumulative-layout-shift'], ['FCP', 'first-contentful-paint'], ['Speed Index', 'speed-index']]) {
    const a = metric(audit);
    metrics[label] = a?.numericValue ?? null;
    console.log(`  ${label.padEnd(20)} ${(a?.displayValue ?? 'n/a').padStart(8)}`);
  }
  // What to fix: every failing audit of the categories with a target of 100, and the top perf opportunities.
  const failing: string[] = [];
  for (const id of ['accessibility', 'best-practices']) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push(`${id}: ${a.id} — ${a.title}`);
    }
  }
  const perfOps = Object.values(lhr.audits)
    .flatMap((a) => (a.details?.type === 'opportunity' && (a.details.overallSavingsMs ?? 0) > 0 ? [{ a, savingsMs: a.details.overallSavingsMs ?? 0 }] : []))
    .sort((x, y) => y.savingsMs - x.savingsMs)
    .slice(0, 3)
    .map(({ a, savingsMs }) => `performance: ${a.id} — ${a.title} (~${Math.round(savingsMs)} ms)`);
  if (failing.length || perfOps.length) {
    console.log('  Failing audits / opportunities:');
    for (const f of [...failing, ...perfOps]) console.log(`    - ${f}`);
  }
  row.failing = failing;
  return row;
}

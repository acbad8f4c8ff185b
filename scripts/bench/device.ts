// 3. Device speed in Chromium, on the bench page (bench/main.ts: the app's real crypto/ and db/ modules):
// unlock, search as you type and save with 5,000 and 50,000 inquiries (and CPU ×4 for the smaller), the
// local sync apply (3b) and a batch list imported in the browser (3c).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserType, CDPSession, Page } from 'playwright';
import { CHROMIUM, CHROMIUM_FLAGS, KEYSTROKE_BUDGET_MS, options, PASSPHRASE, ROOT, SAVE_BUDGET_MS, PAGE_HELPERS } from './options.ts';
import { heading, mb, ms, percentile, progress, results, stats, verdict, type DeviceRow, type Measurement, type PullApplyRow } from './report.ts';
import { runCommand, serveStatic } from './servers.ts';

const { sizes, skip, importRows, pullCount, saveCount, seedOverride } = options;

function queriesFor(samples: { references: string[]; phones: string[] }): string[] {
  const phone = (samples.phones[5] ?? samples.phones[0] ?? '+380 67 123 45 67').replace(/\D/g, '');
  const ref = samples.references[3] ?? samples.references[0] ?? 'ABCDEFGH';
  return [
    'Олійник', 'Oliinyk', 'Олейник', 'Коваленко Юрій', 'Kovalenko Iurii', 'Шевченко Олександр Миколайович',
    'Shevchenko Oleksandr', 'Aleksandr', 'Бондаренко Ганна', 'Bondarenko', 'Ткаченко', 'Мельник Василь',
    'Melnyk Vasyl', 'Дем’яненко', 'Lukianenko', 'Кравчук Петро', 'Kravchenko', 'Tkachuk Mykola',
    ref.slice(0, 6),
    `0${phone.slice(3, 5)} ${phone.slice(5, 8)} ${phone.slice(8, 10)}`,
  ];
}

export async function benchDevice(): Promise<void> {
  heading('3. Device speed in Chromium: unlock, search as you type, save (real crypto/ and db/ modules)');
  runCommand('build the bench page', process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.bench.config.ts']);
  const { chromium } = await import('playwright');
  const site = await serveStatic(path.join(ROOT, '.tmp', 'bench-dist'));
  try {
    for (const count of sizes) {
      await benchDeviceSize(chromium, site.url, count);
    }
    printDeviceSummary();
    if (!skip.has('pull')) await benchPullApply(chromium, site.url);
    if (!skip.has('import')) await benchListImport(chromium, site.url);
  } finally {
    await site.close();
  }
}

// A batch list imported in the browser: a generated semicolon CSV (every 500th row broken) read in the app's
// list worker — the import page's preview — then its good rows written by createRecords in one commitWrites;
// the page's longest task (PerformanceObserver 'longtask') over both. The bench page, not the React screen.
async function benchListImport(chromium: BrowserType, url: string): Promise<void> {
  heading(`3c. Importing a ${importRows.toLocaleString('en')}-row batch list in Chromium: preview in the list worker, all-or-nothing import`);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  await context.addInitScript({ content: PAGE_HELPERS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => 'rodynaBench' in window);
    await page.evaluate((p) => window.rodynaBench.setUp(p, 20261201), PASSPHRASE);
    const r = await page.evaluate((n) => window.rodynaBench.importList(n), importRows);
    results.listImport = r;
    console.log(`  list: ${r.rows.toLocaleString('en')} rows, ${(r.bytes / 1024).toFixed(0)} KB; ${r.entries.toLocaleString('en')} entries, ${r.broken} broken rows listed`);
    console.log(`  preview (read, dates, checks in the worker): ${ms(r.previewMs)}`);
    console.log(`  import (${r.entries.toLocaleString('en')} createRecord mutations, one commitWrites): ${ms(r.importMs)}; largest mutation ${r.largestMutationBytes} bytes`);
    console.log(`  page's longest task over both: ${r.longTasks === 0 ? 'none over 50 ms' : `${ms(r.longestTaskMs)} (${r.longTasks} tasks over 50 ms)`}`);
    if (r.tasks.length > 0) {
      const at = (v: number) => `${Math.round(v)} ms`;
      console.log(`  when (ms from the start): read done ${at(r.phases.readDone)}, the one write begun ${at(r.phases.savingAt)}, done ${at(r.phases.done)}; tasks ${r.tasks.map((t) => `${at(t.ms)} at ${at(t.at)}`).join(', ')}`);
    }
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

async function benchDeviceSize(chromium: BrowserType, url: string, count: number): Promise<void> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  // A persistent profile: IndexedDB on disk as on a real device, not the in-memory store of incognito.
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  await context.addInitScript({ content: PAGE_HELPERS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    const open = async () => {
      await page.goto(url);
      await page.waitForFunction(() => 'rodynaBench' in window);
    };
    await open();
    const label = `${count.toLocaleString('en')} inquiries`;
    progress(`[${label}] fresh device (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}): first-run set-up with the real Argon2id parameters`);
    const setUp = await page.evaluate((p) => window.rodynaBench.setUp(p, 20261126), PASSPHRASE);
    progress(`[${label}] key created in ${ms(setUp.ms)}; KDF ${JSON.stringify(setUp.kdf)}`);

    // Seeding goes through the real code of the path records take, only faster than people type. A
    // coordinator's laptop gets its inquiries by sync: pulled pages applied by the real db/sync-store
    // applyPage(), one sealed pack each, then compacted as the app does after a sync. A volunteer's phone holds
    // the same plus its own unsynced registrations: the last 10% (at most 500) go through createInquiry,
    // 50 in flight, so the outbox and timeline tables are filled as on a real phone.
    const method = seedOverride || (count <= 10_000 ? 'mixed' : 'bulk');
    const createShare = method === 'create' ? count : method === 'mixed' ? Math.min(500, Math.round(count / 10)) : 0;
    const describe = ({
      mixed: `${(count - createShare).toLocaleString('en')} pulled (applyPage, pages of 500 inquiries) + ${createShare.toLocaleString('en')} through createInquiry (row + outbox + timeline)`,
      create: 'createInquiry, 50 in flight (row + outbox + timeline, one transaction each)',
      bulk: 'pulled pages of 500 inquiries applied by db/sync-store applyPage() (one sealed pack each)',
      pull: 'pull pages of 500 inquiries applied by db/sync-store applyPage()',
    } as Record<string, string | undefined>)[method];
    if (!describe) throw new Error(`unknown --seed=${method}`);
    progress(`[${label}] seeding: ${describe}`);
    let seedMs = 0;
    const plan: [how: 'pull' | 'bulk' | 'create', n: number][] = [];
    for (let done = 0; done < count - createShare; done += 5000) plan.push([method === 'pull' ? 'pull' : 'bulk', Math.min(5000, count - createShare - done)]);
    for (let done = 0; done < createShare; done += 1000) plan.push(['create', Math.min(1000, createShare - done)]);
    let seeded = 0;
    for (const [how, n] of plan) {
      seedMs += await page.evaluate(
        ([how2, n2]) => (how2 === 'create' ? window.rodynaBench.seedCreate(n2, 50) : how2 === 'pull' ? window.rodynaBench.seedPulled(n2, 500) : window.rodynaBench.seedBulk(n2, 500)),
        [how, n] as const,
      );
      seeded += n;
      progress(`[${label}] seeded ${seeded.toLocaleString('en')} (${how}; ${Math.round((seeded / seedMs) * 1000)} inquiries/s overall)`);
    }
    const samples = await page.evaluate(() => window.rodynaBench.samples());
    // As the app does a few seconds after a sync: the pulled pages rewritten as packs of 1,000 records.
    const compaction = await page.evaluate(() => window.rodynaBench.compact());
    progress(`[${label}] compacted ${compaction.packsBefore} packs into ${compaction.packsAfter} in ${ms(compaction.ms)}`);
    const storage = await page.evaluate(() => window.rodynaBench.storage());
    progress(`[${label}] ${storage.records.toLocaleString('en')} records (${storage.packs.toLocaleString('en')} sealed packs, ${storage.rows.toLocaleString('en')} rows), ${storage.outbox.toLocaleString('en')} outbox entries, IndexedDB usage ${mb(storage.usage)}`);

    const queries = queriesFor(samples);
    const row: DeviceRow = { count, seedMethod: describe, seedMs, storage, compaction, queries };
    row.normal = await measure(page, open, label, queries);

    if (count === sizes[0] && count <= 10_000) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      try {
        row.throttled = await measure(page, open, `${label}, CPU ×4`, queries, cdp);
      } finally {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
      }
    }
    results.device.push(row);
    printDeviceRow(row);
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * Issue 3 asks how long a fresh coordinator device takes to pull 50,000 inquiries. Local cost only: pages of
 * 500 records (the engine's PULL_LIMIT) applied by the real applyPage(), without and with the search index
 * built (it is whenever the app is unlocked, and sync only runs unlocked). Measured on `pullCount`
 * inquiries and extrapolated to 50,000 with a linear fit of page time against records already stored.
 */
async function benchPullApply(chromium: BrowserType, url: string): Promise<void> {
  const count = pullCount;
  const target = 50_000;
  console.log(`\n  Sync apply (issue 3): ${count.toLocaleString('en')} inquiries pulled as pages of 500 records into a fresh device, applied by db/sync-store applyPage() — no network`);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  await context.addInitScript({ content: PAGE_HELPERS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => 'rodynaBench' in window);
    const pull: Partial<Record<'noIndex' | 'withIndex', PullApplyRow>> = (results.pull = {});
    for (const withIndex of [false, true]) {
      const label = withIndex ? 'index built (as when unlocked)' : 'no search index';
      await page.evaluate((p) => window.rodynaBench.setUp(p, 4242), PASSPHRASE);
      progress(`[sync apply, ${label}] applying ${count.toLocaleString('en')} inquiries …`);
      const { pages } = await page.evaluate(([n, w]) => window.rodynaBench.pullApply(n, 500, w), [count, withIndex] as const);
      const totalMs = pages.reduce((sum, p) => sum + p.ms, 0);
      const records = pages.reduce((sum, p) => sum + p.changes, 0);
      const n = pages.length;
      const rate = (count / totalMs) * 1000;
      // The index is updated incrementally per page (only the summaries a page touches), so the cost
      // per page does not grow with what is already on the device: extrapolate linearly.
      const extrapolatedMs = (target / count) * totalMs;
      console.log(
        `    ${label.padEnd(32)} ${n} pages, ${(totalMs / 1000).toFixed(1)} s = ${rate.toFixed(0)} inquiries/s (page p50 ${ms(percentile(pages.map((p) => p.ms), 50))})` +
          ` → ${target.toLocaleString('en')} inquiries ≈ ${(extrapolatedMs / 60_000).toFixed(1)} min (linear, ${records.toLocaleString('en')} records)`,
      );
      pull[withIndex ? 'withIndex' : 'noIndex'] = { count, pageTimes: pages.map((p) => Math.round(p.ms)), pages: n, totalMs, rate, extrapolatedMsFor50k: extrapolatedMs };
    }
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Reload (cold: no key, no index, Dexie closed), unlock, type the queries, then save inquiries. */
async function measure(page: Page, open: () => Promise<void>, label: string, queries: string[], cdp?: CDPSession): Promise<Measurement> {
  await open();
  if (cdp) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }); // a navigation can reset it
  progress(`[${label}] unlock (Argon2id + unwrap, then unseal every record and build the index)`);
  const unlock = await page.evaluate((p) => window.rodynaBench.unlock(p), PASSPHRASE);
  progress(`[${label}] unlocked in ${ms(unlock.totalMs)} (derive ${ms(unlock.deriveMs)}, build ${ms(unlock.buildMs)}), ${unlock.indexed.toLocaleString('en')} inquiries indexed`);
  const r = unlock.read;
  progress(`[${label}]   the build: read ${r.packs} packs and ${r.rows} rows ${ms(r.storage)}, unseal ${ms(r.unseal)}, hold ${ms(r.hold)}, search index ${ms(r.listeners)}`);
  const typed = await page.evaluate((q) => window.rodynaBench.typeQueries(q), queries);
  const keystrokes = typed.flatMap((t) => t.times);
  const slowest = [...typed].sort((a, b) => Math.max(...b.times) - Math.max(...a.times))[0];
  if (!slowest) throw new Error('no query was typed');
  progress(`[${label}] ${keystrokes.length} keystrokes over ${typed.length} queries; slowest query "${slowest.query}"`);
  const saves = await page.evaluate(([n, seed]) => window.rodynaBench.saves(n, seed), [saveCount, 777] as const);
  progress(`[${label}] ${saves.length} saves done`);
  return { unlock, search: stats(keystrokes), perQuery: typed.map((t) => ({ query: t.query, hits: t.hits, max: Math.max(...t.times) })), save: stats(saves) };
}

function deviceLines(m: Measurement): [string, string, string][] {
  const s = m.search;
  const v = m.save;
  return [
    ['unlock: Argon2id derive + unwrap key', ms(m.unlock.deriveMs), ''],
    ['unlock: unseal all + build index', ms(m.unlock.buildMs), ''],
    ['unlock: total', ms(m.unlock.totalMs), `JS heap after unlock ${mb(m.unlock.heapBytes)}`],
    [`search per keystroke (${s.n} keys, 20 queries)`, `p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · max ${ms(s.max)}`, `p95 ≤ ${KEYSTROKE_BUDGET_MS} ms ${verdict(s.p95 <= KEYSTROKE_BUDGET_MS)}`],
    [`save one inquiry (createInquiry ×${v.n})`, `p50 ${ms(v.p50)} · p95 ${ms(v.p95)} · max ${ms(v.max)}`, `p95 ≤ ${SAVE_BUDGET_MS} ms ${verdict(v.p95 <= SAVE_BUDGET_MS)}`],
  ];
}

function printDeviceRow(row: DeviceRow): void {
  const title = (extra: string) => `\n  ${row.count.toLocaleString('en')} inquiries on the device${extra}`;
  const print = (lines: [string, string, string][]) => {
    for (const [a, b, c] of lines) console.log(`    ${a.padEnd(44)} ${b.padEnd(48)} ${c}`);
  };
  console.log(title(` — ${row.storage.records.toLocaleString('en')} sealed records, IndexedDB usage ${mb(row.storage.usage)}, seeded in ${(row.seedMs / 1000).toFixed(1)} s via ${row.seedMethod}`));
  if (row.normal) print(deviceLines(row.normal));
  if (row.throttled) {
    console.log(title(' — CPU throttled 4× via CDP (cheap-phone approximation; storage not throttled)'));
    print(deviceLines(row.throttled));
  }
}

function printDeviceSummary(): void {
  if (results.device.length === 0) return;
  console.log('\n  Summary (Chromium, this machine):');
  const cols = results.device.flatMap((r) => [
    ...(r.normal ? [{ head: `${r.count.toLocaleString('en')}`, m: r.normal, r }] : []),
    ...(r.throttled ? [{ head: `${r.count.toLocaleString('en')} @ CPU×4`, m: r.throttled, r }] : []),
  ]);
  const line = (label: string, f: (c: (typeof cols)[number]) => string) => console.log(`    ${label.padEnd(30)}${cols.map((c) => f(c).padStart(18)).join('')}`);
  line('inquiries on the device', (c) => c.head);
  line('IndexedDB usage', (c) => mb(c.r.storage.usage));
  line('unlock total', (c) => ms(c.m.unlock.totalMs));
  line('  of which Argon2id + unwrap', (c) => ms(c.m.unlock.deriveMs));
  line('  of which unseal + index', (c) => ms(c.m.unlock.buildMs));
  line('JS heap after unlock', (c) => mb(c.m.unlock.heapBytes));
  line('search/keystroke p50', (c) => ms(c.m.search.p50));
  line(`search/keystroke p95 (≤${KEYSTROKE_BUDGET_MS})`, (c) => `${ms(c.m.search.p95)} ${verdict(c.m.search.p95 <= KEYSTROKE_BUDGET_MS)}`);
  line('search/keystroke max', (c) => ms(c.m.search.max));
  line('save p50', (c) => ms(c.m.save.p50));
  line(`save p95 (≤${SAVE_BUDGET_MS})`, (c) => `${ms(c.m.save.p95)} ${verdict(c.m.save.p95 <= SAVE_BUDGET_MS)}`);
}


// 4. A fresh coordinator device pulling 50,000 inquiries in Chromium, end to end: the server's database
// filled by scripts/seed-server.ts, the real server on it, and a fresh profile timed from the sign-in form
// to fully synced — on PGlite, and on PostgreSQL when DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowserType } from 'playwright';
import { CHROMIUM, CHROMIUM_FLAGS, options, PASSPHRASE, ROOT, PAGE_HELPERS } from './options.ts';
import { fail, heading, mb, minutes, ms, percentile, progress, results, type PullE2eFirst, type PullE2eRow, type PullE2eTimes, type SeedResult } from './report.ts';
import { startServer } from './servers.ts';

const { pullE2eCount, pullE2eDatabases, pullE2eProfile, pullE2eView } = options;

/** What the monitor installed in the page keeps (performance.now() times, null until it happens). */
interface PullMonitorState {
  submitAt: number | null;
  firstPageAt: number | null;
  firstVisibleAt: number | null;
  listAllAt: number | null;
  syncedAt: number | null;
  openListAt: number | null;
  cursor: string;
  lastError: string | null;
  shown: number;
}

declare global {
  interface Window {
    rodynaPullBench: PullMonitorState;
  }
}

/** A V8 CPU profile as CDP's Profiler.stop returns it (the parts read here). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

// The coordinator scripts/seed-server.ts creates (or reuses) with the inquiries; a benchmark account only.
const BENCH_COORDINATOR = { login: 'bench-coordinator', password: 'benchmark coordinator password' };
const PULL_E2E_TIMEOUT_MS = 40 * 60_000;

/**
 * Issue 3: a fresh coordinator device pulling `pullE2eCount` inquiries in Chromium, end to end. The server's
 * database is filled by scripts/seed-server.ts (createInquiry mutations through the real push()), then the
 * real server runs on it and a fresh Chromium profile sets up a passphrase, signs in as the coordinator and is
 * timed from submitting the sign-in form until it is fully synced. On PGlite, and on PostgreSQL when
 * DATABASE_URL is set (a fresh schema, dropped afterwards).
 */
export async function benchPullE2e(distDir: string): Promise<void> {
  heading(`4. A fresh coordinator device pulling ${pullE2eCount.toLocaleString('en')} inquiries in Chromium, end to end (real server over HTTP, sign-in to fully synced)`);
  const { chromium } = await import('playwright');
  const rows: PullE2eRow[] = (results.pullE2e = []);
  if (!process.env.DATABASE_URL) console.log('  (DATABASE_URL is not set: PostgreSQL skipped)');
  for (const kind of pullE2eDatabases) {
    if (kind !== 'pglite' && kind !== 'postgres') {
      fail('end-to-end pull', new Error(`unknown --pull-e2e-db=${kind}: pglite or postgres`));
      continue;
    }
    if (kind === 'postgres' && !process.env.DATABASE_URL) {
      fail('end-to-end pull on postgres', new Error('DATABASE_URL is not set'));
      continue;
    }
    try {
      const row = await pullE2eOn(chromium, distDir, kind);
      rows.push(row);
      printPullE2e(row);
    } catch (error) {
      fail(`end-to-end pull on ${kind}`, error);
    }
  }
}

async function pullE2eOn(chromium: BrowserType, distDir: string, kind: 'pglite' | 'postgres'): Promise<PullE2eRow> {
  const label = `pull e2e, ${kind}`;
  let dataDir: string | undefined;
  let databaseUrl: string | undefined;
  let dropSchema = async () => {};
  if (kind === 'pglite') {
    // A fresh folder: no server can be on it, and the seeder takes (and releases) its lock before the server does.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-pull-'));
  } else {
    const { default: pg } = await import('pg');
    const schema = `rodyna_bench_pull_${randomBytes(4).toString('hex')}`;
    const adminQuery = async (text: string) => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    };
    await adminQuery(`create schema ${schema}`);
    dropSchema = async () => {
      await adminQuery(`drop schema if exists ${schema} cascade`);
      progress(`[${label}] schema ${schema} dropped`);
    };
    const url = new URL(process.env.DATABASE_URL ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
    progress(`[${label}] fresh schema ${schema}`);
  }
  try {
    const seed = await runSeeder(label, { dataDir, databaseUrl });
    const server = await startServer({ distDir, ...(dataDir ? { dataDir } : {}), ...(databaseUrl ? { databaseUrl } : {}) });
    try {
      const times = await measurePullE2e(chromium, server.url, seed, label);
      if (!('syncedMs' in times)) throw new Error('the pull was measured only to its first inquiry');
      const row: PullE2eRow = { database: kind, view: pullE2eView, seed, ...times };
      if (pullE2eView !== 'list') {
        // A second fresh device whose coordinator goes straight on to the list: when does an inquiry show?
        const first = await measurePullE2e(chromium, server.url, seed, `${label}, list open`, { view: 'list', untilFirstInquiry: true });
        row.firstVisibleMs = first.firstVisibleMs;
      }
      return row;
    } finally {
      await server.stop();
    }
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dropSchema();
  }
}

/** Runs scripts/seed-server.ts on the database, passing its progress through; resolves with its SEED_RESULT. */
function runSeeder(label: string, { dataDir, databaseUrl }: { dataDir?: string | undefined; databaseUrl?: string | undefined }): Promise<SeedResult> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.RODYNA_DATA;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else if (dataDir) env.RODYNA_DATA = dataDir;
  const cmdArgs = ['scripts/seed-server.ts', `--count=${pullE2eCount}`, `--login=${BENCH_COORDINATOR.login}`, `--password=${BENCH_COORDINATOR.password}`, '--json'];
  progress(`[${label}] seeding the server: tsx scripts/seed-server.ts --count=${pullE2eCount} --json`);
  return new Promise((resolve, reject) => {
    // Not detached: Ctrl-C reaches the seeder too, which then closes the database and releases its lock.
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), cmdArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let result: SeedResult | null = null;
    const tail: string[] = [];
    const onLine = (line: string) => {
      if (line.startsWith('SEED_RESULT ')) {
        result = JSON.parse(line.slice('SEED_RESULT '.length)) as SeedResult;
        return;
      }
      tail.push(line);
      if (tail.length > 25) tail.shift();
      progress(`[${label}] ${line}`);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`scripts/seed-server.ts exited with ${code ?? signal}:\n${tail.join('\n')}`));
    });
  });
}

/**
 * Installed in the page before signing in; reads only cheap things, every 100 ms while the main thread is
 * free: the inquiry list's count line and the sync cursor and status in IndexedDB (on its own connection,
 * read-only). A CSS selector on purpose: role queries over a list of 50,000 rows would cost the page more
 * than what is measured.
 */
function installPullMonitor([clock, expected]: readonly [string, number]): void {
  const state: PullMonitorState = { submitAt: null, firstPageAt: null, firstVisibleAt: null, listAllAt: null, syncedAt: null, openListAt: null, cursor: '0', lastError: null, shown: 0 };
  window.rodynaPullBench = state;
  document.addEventListener('submit', () => (state.submitAt ??= performance.now()), true);
  let connection: Promise<IDBDatabase> | null = null;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = window.indexedDB.open('rodyna');
      request.onsuccess = () => {
        const idb = request.result;
        idb.onversionchange = () => {
          idb.close();
          connection = null;
        };
        resolve(idb);
      };
      request.onerror = () => reject(request.error);
    });
  const readMeta = async () => {
    connection ??= open();
    const idb = await connection;
    return new Promise<{ cursor: string; lastSyncAt: string | null; lastError: string | null }>((resolve, reject) => {
      const tx = idb.transaction('meta', 'readonly');
      const cursor: IDBRequest<{ value?: string } | undefined> = tx.objectStore('meta').get('syncCursor');
      const status: IDBRequest<{ value?: { lastSyncAt?: string | null; lastError?: string | null } } | undefined> = tx.objectStore('meta').get('syncStatus');
      tx.oncomplete = () => resolve({ cursor: cursor.result?.value ?? '0', lastSyncAt: status.result?.value?.lastSyncAt ?? null, lastError: status.result?.value?.lastError ?? null });
      tx.onerror = () => reject(tx.error);
    });
  };
  let busy = false;
  setInterval(async () => {
    if (busy || state.submitAt === null) return;
    busy = true;
    try {
      if (window.location.pathname === '/') {
        const text = document.querySelector('main [role="status"]')?.textContent ?? '';
        const match = /^\s*(\d[\d\s\u00a0\u202f,]*)\s/.exec(text);
        state.shown = match ? Number((match[1] ?? '').replace(/\D/g, '')) : 0;
        if (state.shown > 0) state.firstVisibleAt ??= performance.now();
        if (state.shown === expected) state.listAllAt ??= performance.now();
      }
      const meta = await readMeta();
      state.cursor = meta.cursor;
      state.lastError = meta.lastError;
      if (meta.cursor !== '0') state.firstPageAt ??= performance.now();
      // The cursor is saved in the transaction that stores the last page, so at the clock everything is on the
      // device. (The sync status, with its time of the last sync, is sealed since issue 7: not readable here.)
      if (BigInt(meta.cursor) >= BigInt(clock)) state.syncedAt ??= performance.now();
    } catch (error) {
      state.lastError = String(error);
    } finally {
      busy = false;
    }
  }, 100);
}

/**
 * One fresh device signing in and syncing. `view`: the screen open during the sync (the app lands on the
 * coordinator page; `list` goes straight on to the inquiry list). `untilFirstInquiry`: stop once the list
 * shows its first inquiry.
 */
async function measurePullE2e(chromium: BrowserType, origin: string, seed: SeedResult, label: string, { view = pullE2eView, untilFirstInquiry = false } = {}): Promise<PullE2eFirst | PullE2eTimes> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  // A coordinator's laptop: a fresh profile on disk (IndexedDB on disk, not incognito's memory), 1280×800.
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: PAGE_HELPERS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    const pulls: Promise<{ ms: number; waitMs: number; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      if (!request.url().endsWith('/v1/sync/pull')) return;
      const timing = request.timing();
      pulls.push(request.sizes().then((sizes) => ({ ms: timing.responseEnd, waitMs: timing.responseStart - timing.requestStart, bytes: sizes.responseBodySize }), () => ({ ms: timing.responseEnd, waitMs: NaN, bytes: 0 })));
    });

    progress(`[${label}] fresh Chromium profile at 1280×800 (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}): first-run set-up with the real Argon2id parameters`);
    await page.goto(`${origin}/`);
    await page.waitForURL(/\/setup$/, { timeout: 60_000 });
    await page.getByLabel(/^(Парольна фраза|Passphrase)$/).fill(PASSPHRASE);
    await page.getByLabel(/^(Повторіть парольну фразу|Repeat the passphrase)$/).fill(PASSPHRASE);
    await page.getByRole('button', { name: /^(Зберегти й почати|Save and start)$/ }).click();
    await page.getByRole('banner').getByRole('button', { name: /^(Заблокувати|Lock now)$/ }).waitFor({ timeout: 60_000 });
    // To the sign-in form through the app's own links: loading /sign-in anew would lock the app again.
    await page.getByRole('navigation').getByRole('link', { name: /^(Синхронізація|Sync)$/ }).click();
    await page.getByRole('main').getByRole('link', { name: /^(Увійти як координатор|Sign in as coordinator)$/ }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel(/^(Логін|Login)$/).fill(seed.login);
    await page.getByLabel(/^(Пароль|Password)$/).fill(BENCH_COORDINATOR.password);
    await page.evaluate(installPullMonitor, [seed.clock, seed.inquiries] as const);

    progress(`[${label}] signing in as "${seed.login}"; the server holds ${seed.inquiries.toLocaleString('en')} inquiries in ${seed.records.toLocaleString('en')} records (clock ${seed.clock}); watching the ${view === 'list' ? 'inquiry list' : 'coordinator page'}${untilFirstInquiry ? ' until it shows an inquiry' : ''}`);
    const profiler = pullE2eProfile && !untilFirstInquiry ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 1000 });
      await profiler.send('Profiler.start');
    }
    const startedAt = performance.now();
    await page.getByRole('button', { name: /^(Увійти|Sign in)$/ }).click();
    await page.waitForURL(/\/coordinator$/, { timeout: 120_000 });
    const signedIn = await page.evaluate(() => performance.now() - (window.rodynaPullBench.submitAt ?? 0));
    // The app lands on the coordinator page; what the coordinator wants next is the inquiries.
    if (view === 'list') await page.getByRole('navigation').getByRole('link', { name: /^(Звернення|Inquiries)$/ }).click();

    let state: PullMonitorState;
    let lastReport = performance.now();
    const done = (s: PullMonitorState) => (untilFirstInquiry ? s.firstVisibleAt !== null : s.syncedAt !== null && (view !== 'list' || s.listAllAt !== null));
    for (;;) {
      state = await page.evaluate(() => window.rodynaPullBench);
      if (done(state)) break;
      if (performance.now() - startedAt > PULL_E2E_TIMEOUT_MS) throw new Error(`not fully synced after ${minutes(PULL_E2E_TIMEOUT_MS)}: cursor ${state.cursor} of ${seed.clock}, ${pulls.length} pull pages, last error ${state.lastError}`);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const share = Number((BigInt(state.cursor) * 1000n) / BigInt(seed.clock || '1')) / 10;
        progress(`[${label}] ${minutes(performance.now() - startedAt)} after sign-in: cursor ${state.cursor} of ${seed.clock} (${share}%), ${pulls.length} pull pages${view === 'list' ? `, the list shows ${state.shown.toLocaleString('en')}` : ''}${state.lastError ? `, last error ${state.lastError}` : ''}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const submitAt = state.submitAt ?? 0;
    const at = (t: number | null) => (t === null ? null : t - submitAt);
    if (untilFirstInquiry) {
      progress(`[${label}] first inquiry on the list ${minutes(at(state.firstVisibleAt) ?? 0)} after signing in`);
      return { signedInMs: signedIn, firstPageMs: at(state.firstPageAt), firstVisibleMs: at(state.firstVisibleAt) };
    }
    if (profiler) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: CpuProfile };
      const file = `.tmp/pull-e2e-${label.replace(/\W+/g, '-')}.cpuprofile`;
      writeFileSync(file, JSON.stringify(profile));
      printProfileSummary(profile, file);
    }
    // Opening the list after the sync, when the coordinator page was the one open during it.
    let openListMs: number | null = null;
    if (view !== 'list') {
      progress(`[${label}] fully synced in ${minutes(at(state.syncedAt) ?? 0)}; opening the inquiry list`);
      await page.evaluate(() => (window.rodynaPullBench.openListAt = performance.now()));
      // The click returns only once the page has rendered the list, which takes long with every row drawn.
      await page.getByRole('navigation').getByRole('link', { name: /^(Звернення|Inquiries)$/ }).click({ timeout: 600_000 });
      await page.waitForFunction(() => window.rodynaPullBench.listAllAt !== null, null, { timeout: 600_000, polling: 500 });
      state = await page.evaluate(() => window.rodynaPullBench);
      openListMs = (state.listAllAt ?? 0) - (state.openListAt ?? 0);
    }
    const device = await page.evaluate(async () => {
      const idb = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = window.indexedDB.open('rodyna');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      // Rows (local changes) plus what the packs hold; a pack's size is its one plaintext figure. Before a
      // compaction a record pulled twice counts twice.
      const [rows, packs] = await Promise.all([
        new Promise<number>((resolve, reject) => {
          const request = idb.transaction('records', 'readonly').objectStore('records').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        }),
        new Promise<{ count: number }[]>((resolve, reject) => {
          const request = idb.transaction('packs', 'readonly').objectStore('packs').getAll();
          request.onsuccess = () => resolve(request.result as { count: number }[]);
          request.onerror = () => reject(request.error);
        }),
      ]);
      const records = rows + packs.reduce((sum, p) => sum + p.count, 0);
      idb.close();
      const estimate = await navigator.storage.estimate();
      return { records, usage: estimate.usage ?? 0 };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const pages = await Promise.all(pulls);
    const syncedMs = at(state.syncedAt) ?? NaN;
    const totalMs = view === 'list' ? Math.max(syncedMs, at(state.listAllAt) ?? 0) : syncedMs;
    return {
      signedInMs: signedIn,
      firstPageMs: at(state.firstPageAt),
      firstVisibleMs: view === 'list' ? at(state.firstVisibleAt) : null,
      syncedMs,
      listAllMs: at(state.listAllAt),
      openListMs,
      totalMs,
      pages: pages.length,
      pageMs: pages.map((p) => Math.round(p.ms)),
      serverMs: pages.reduce((sum, p) => sum + p.ms, 0),
      serverWaitP50: percentile(pages.map((p) => p.waitMs), 50),
      pulledBytes: pages.reduce((sum, p) => sum + p.bytes, 0),
      recordsOnDevice: device.records,
      recordsPerSecond: (seed.records / totalMs) * 1000,
      inquiriesPerSecond: (seed.inquiries / totalMs) * 1000,
      heapUsedBeforeGc: metrics.JSHeapUsedSize ?? null,
      heapUsed: heap.usedSize,
      domNodes: metrics.Nodes ?? null,
      indexedDbUsage: device.usage,
      loadAverage: os.loadavg(),
    };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Self time per function of a CPU profile (the renderer's main thread), the largest first. */
function printProfileSummary(profile: CpuProfile, file: string): void {
  const self = new Map<string, number>();
  const dt = new Map<number, number>();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const where = f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    const us = dt.get(node.id) ?? 0;
    total += us;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  console.log(`\n  CPU profile of the page, sign-in to synced (${file}; load in Chromium DevTools): self time, top 15 of ${(total / 1e6).toFixed(1)} s`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`    ${(us / 1e6).toFixed(2).padStart(7)} s ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key.slice(0, 110)}`);
  }
}

function printPullE2e(r: PullE2eRow): void {
  const s = r.seed;
  console.log(`\n  ${r.database}: ${s.inquiries.toLocaleString('en')} inquiries (${s.records.toLocaleString('en')} records) seeded through push() in ${minutes(s.totalMs)} = ${s.inquiriesPerSecond} inquiries/s (batches of ${s.batchSize}, push p50 ${ms(s.batchMsP50)} per batch)`);
  // A time not reached prints as 0 (as null / 1000 did).
  const at = (v: number | null) => minutes(v ?? 0);
  const rows: (readonly [string, string])[] = [
    ['sign-in answered, on the coordinator page', minutes(r.signedInMs)],
    ['first page stored on the device', at(r.firstPageMs)],
    ...(r.firstVisibleMs !== null ? [[r.view === 'list' ? 'first inquiry on the list' : 'first inquiry on the list (2nd device, list open)', minutes(r.firstVisibleMs)] as const] : []),
    ['fully synced (cursor = server clock: every page stored)', minutes(r.syncedMs)],
    ...(r.view === 'list' ? [[`the list shows all ${s.inquiries.toLocaleString('en')}`, at(r.listAllMs)] as const] : [[`then opening the list until it shows all ${s.inquiries.toLocaleString('en')}`, at(r.openListMs)] as const]),
    ['TOTAL sign-in → fully synced', `${minutes(r.totalMs)}   ${Math.round(r.recordsPerSecond).toLocaleString('en')} records/s, ${Math.round(r.inquiriesPerSecond).toLocaleString('en')} inquiries/s`],
    ['pulled', `${r.pages} pages, ${r.recordsOnDevice.toLocaleString('en')} records on the device (server: ${s.records.toLocaleString('en')}), ${mb(r.pulledBytes)} of JSON`],
    ['of which pull requests in flight (sum)', `${minutes(r.serverMs)} (server wait p50 ${ms(r.serverWaitP50)} per page); the rest is the device: seal, apply, index, render`],
    ['JS heap afterwards', `${mb(r.heapUsed)} after GC (${mb(r.heapUsedBeforeGc ?? 0)} before); ${Math.round(r.domNodes ?? 0).toLocaleString('en')} DOM nodes; IndexedDB ${mb(r.indexedDbUsage)}`],
  ];
  for (const [a, b] of rows) console.log(`    ${a.padEnd(52)} ${b}`);
}


#!/usr/bin/env node
// `npm run bench`: prints the figures the issues budget — first-load size, Lighthouse (mobile) on the real
// server, device speed (unlock, search as you type, save) in Chromium with 5,000 and 50,000 inquiries, and a
// fresh coordinator device pulling 50,000 inquiries from the real server end to end — then runs
// scripts/bench-server.mjs if it exists. It reports; it does not fail on a missed budget. It exits non-zero
// only when a benchmark could not run at all. See docs/benchmarks.md.
//
// Options: --no-build (reuse dist/ if present)  --sizes=5000,50000
//          --skip=size,lighthouse,device,pull,import,pull-e2e,server,match,match-worker
//          --match-sizes=5000,10000,20000,50000 --match-rows=1212 --match-repeats=3 (the matching worker in
//          Chromium, median of the repeats; part of match)
//          --import=5000 (rows of the batch list imported in the browser; part of the device section)
//          --pull=1500 (inquiries for the local sync-apply measurement)
//          --pull-e2e=50000 (inquiries seeded on the server for the end-to-end pull)
//          --pull-e2e-view=list|coordinator (the screen open while the device syncs; default list)
//          --pull-e2e-db=pglite,postgres (default: both when DATABASE_URL is set, else pglite)
//          --pull-e2e-profile (CPU profile of the page from sign-in to synced, in .tmp/, with its top functions)
//          --saves=50  --json=.tmp/bench-results.json  --seed=mixed|create|bulk|pull
//          --dist=dist (another build of the app to serve, e.g. from `vite build --outDir`; implies --no-build)
/* global window, document, navigator -- only inside page.evaluate() callbacks, which run in the browser */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const CHROMIUM = process.env.RODYNA_CHROMIUM || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the networking flags Chromium floods a closed network with background requests.
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const FIRST_LOAD_BUDGET_KB = 150;
const LIGHTHOUSE_TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 };
const KEYSTROKE_BUDGET_MS = 50;
// Issue 8: a coordinator's laptop with 50,000 inquiries.
const KEYSTROKE_50K_BUDGET_MS = 20;
const UNLOCK_50K_BUDGET_MS = 2000;
const FULL_PULL_BUDGET_MS = 40_000;
const SAVE_BUDGET_MS = 50;
const PASSPHRASE = 'тиха вода греблю рве 2026';

// ---------------------------------------------------------------------------------------------- options
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const noBuild = args.includes('--no-build');
const skip = new Set(option('skip', '').split(',').filter(Boolean));
const sizes = option('sizes', '5000,50000').split(',').map(Number).filter((n) => n > 0);
const saveCount = Number(option('saves', '50'));
const pullCount = Number(option('pull', '1500'));
const importRows = Number(option('import', '5000'));
const matchWorkerSizes = option('match-sizes', '5000,10000,20000,50000').split(',').map(Number).filter((n) => n > 0);
const matchWorkerRows = Number(option('match-rows', '1212'));
const matchWorkerRepeats = Math.max(1, Number(option('match-repeats', '3')));
const pullE2eCount = Number(option('pull-e2e', '50000'));
const pullE2eView = option('pull-e2e-view', 'list');
const pullE2eProfile = args.includes('--pull-e2e-profile');
// Databases for the end-to-end pull: PGlite, and PostgreSQL when DATABASE_URL is set.
const pullE2eDatabases = option('pull-e2e-db', process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite').split(',').filter(Boolean);
const jsonOut = option('json', '.tmp/bench-results.json');
const seedOverride = option('seed', '');
const distSource = option('dist', 'dist'); // a build elsewhere (`vite build --outDir …`), compared against dist/ // mixed | create | bulk | pull: force one seeding path for every size

const startedAt = Date.now();
const results = { date: new Date().toISOString(), machine: machine(), size: null, lighthouse: null, device: [], failures: [] };

// ---------------------------------------------------------------------------------------------- helpers
function machine() {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s`;
const progress = (text) => console.log(`[${elapsed()}] ${text}`);
const heading = (text) => console.log(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (v) => (v >= 100 ? `${Math.round(v).toLocaleString('en')} ms` : `${v.toFixed(1)} ms`);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const verdict = (ok, good = 'PASS', bad = 'OVER') => (ok ? good : bad);

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const stats = (values) => ({ n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) });

function fail(benchmark, error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  results.failures.push({ benchmark, error: message.split('\n')[0] });
  console.log(`\n!! ${benchmark} could not run: ${message}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runCommand(label, cmd, cmdArgs, { env = {} } = {}) {
  progress(`${label}: ${cmd} ${cmdArgs.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${label} failed (exit ${r.status}) after ${seconds} s:\n${output}`);
  }
  progress(`${label}: done in ${seconds} s`);
}

/** Serves a folder of static files on 127.0.0.1 (a secure context, so WebCrypto and storage work). */
async function serveStatic(folder) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(folder, path.normalize(urlPath).replace(/^([/\\])+/, ''));
    if (!file.startsWith(folder)) file = path.join(folder, 'index.html');
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(folder, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Starts the real server (`tsx server/main.ts`) on a free port. By default on an empty, temporary PGlite
 * folder it removes when stopped; given `dataDir` (a PGlite folder the caller owns, no other process on it)
 * or `databaseUrl` (PostgreSQL), on that instead, left in place.
 */
async function startServer(distDir, { dataDir: givenDataDir, databaseUrl } = {}) {
  const port = await freePort();
  const ownsData = !givenDataDir && !databaseUrl;
  const dataDir = ownsData ? mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-data-')) : givenDataDir;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', RODYNA_DIST: distDir };
  delete env.DATABASE_URL;
  delete env.RODYNA_DATA;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.RODYNA_DATA = dataDir;
  const removeData = () => {
    if (ownsData) rmSync(dataDir, { recursive: true, force: true });
  };
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  // Its own process group, so stopping it also stops the node process tsx starts — and nothing else.
  const child = spawn(tsx, ['server/main.ts'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // PGlite's first open plus tsx compiling the server: 20 s here when quiet, over 90 s under heavy load
  while (true) {
    if (exited) {
      removeData();
      throw new Error(`the server exited while starting:\n${log.trim().split('\n').slice(-20).join('\n')}`);
    }
    try {
      const r = await fetch(`${url}/v1/health`);
      if (r.ok) {
        progress(`server up on ${url} (${JSON.stringify(await r.json())}), ${databaseUrl ? 'on PostgreSQL' : `data in ${dataDir}`}`);
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopGroup(child, 'SIGKILL');
      removeData();
      throw new Error(`the server did not answer /v1/health within 180 s:\n${log.trim().split('\n').slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    async stop() {
      if (!exited) {
        stopGroup(child, 'SIGTERM');
        const until = Date.now() + 15_000;
        while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        if (!exited) stopGroup(child, 'SIGKILL');
      }
      removeData();
      progress(ownsData ? 'server stopped, temporary data folder removed' : 'server stopped');
    },
  };
}

function stopGroup(child, signal = 'SIGTERM') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// --------------------------------------------------------------------------------- 1. first-load size
/** Every JS and CSS file index.html makes the browser fetch before the first paint. */
function firstLoadFiles(distDir) {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attrs = {};
    for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4];
    const isScript = /^<script/i.test(tag);
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const ref = isScript ? attrs.src : rel.includes('stylesheet') || rel.includes('modulepreload') ? attrs.href : undefined;
    if (!ref || /^(https?:)?\/\//.test(ref) || ref.startsWith('data:')) continue;
    const rel2 = ref.split(/[?#]/)[0].replace(/^\.?\//, '');
    if (!files.includes(rel2)) files.push(rel2);
  }
  return files;
}

/** Static imports reachable from the first-load scripts (a cross-check: they load before the first paint too). */
function staticClosure(distDir, entries) {
  const seen = new Set(entries);
  const queue = entries.filter((f) => f.endsWith('.js'));
  while (queue.length) {
    const file = queue.shift();
    const code = readFileSync(path.join(distDir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
      if (!seen.has(target) && existsSync(path.join(distDir, target))) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
  );
}

function benchSize(distDir) {
  heading('1. First-load size of the volunteer app (JS + CSS referenced by dist/index.html, gzip level 9)');
  const files = firstLoadFiles(distDir);
  if (files.length === 0) throw new Error('dist/index.html references no JS or CSS');
  let total = 0;
  const rows = files.map((f) => {
    const buf = readFileSync(path.join(distDir, f));
    const size = gz(buf);
    total += size;
    return { file: f, raw: buf.length, gzip: size };
  });
  for (const r of rows) console.log(`  ${r.file.padEnd(60)} ${kb(r.raw).padStart(10)} raw  ${kb(r.gzip).padStart(10)} gzip`);
  const pass = total <= FIRST_LOAD_BUDGET_KB * 1024;
  console.log(`  ${'TOTAL first load'.padEnd(60)} ${''.padStart(14)} ${kb(total).padStart(10)} gzip   budget ${FIRST_LOAD_BUDGET_KB} KB  ${verdict(pass)}`);

  const closure = staticClosure(distDir, files);
  const missing = closure.filter((f) => !files.includes(f));
  if (missing.length) {
    const extra = missing.reduce((s, f) => s + gz(readFileSync(path.join(distDir, f))), 0);
    console.log(`  note: ${missing.length} more file(s) are statically imported but not preloaded (+${kb(extra)} gzip): ${missing.join(', ')}`);
  }

  // Precache: what the service worker downloads on the first online visit, for information.
  let precache = null;
  const swFile = ['sw.js', 'service-worker.js'].find((f) => existsSync(path.join(distDir, f)));
  if (swFile) {
    const sw = readFileSync(path.join(distDir, swFile), 'utf8');
    const urls = [...new Set([...sw.matchAll(/url:\s*["']([^"']+)["']/g)].map((m) => m[1].replace(/^\//, '')))];
    let raw = 0;
    let zipped = 0;
    for (const u of urls) {
      const p = path.join(distDir, u.split(/[?#]/)[0]);
      if (!existsSync(p)) continue;
      const buf = readFileSync(p);
      raw += buf.length;
      zipped += gz(buf);
    }
    precache = { entries: urls.length, raw, gzip: zipped };
    console.log(`\n  Service-worker precache (${swFile}): ${urls.length} entries, ${mb(raw)} raw, ${kb(zipped)} gzip — downloaded once, in the background`);
  } else {
    console.log('\n  Service-worker precache: no sw.js in dist/');
  }

  const lazy = listFiles(distDir)
    .filter((f) => /\.(js|css)$/.test(f) && !closure.includes(f) && !/^(sw|workbox-[\w-]+|registerSW)\.js$/.test(f))
    .map((f) => ({ file: f, gzip: gz(readFileSync(path.join(distDir, f))) }))
    .sort((a, b) => b.gzip - a.gzip);
  console.log(`  Lazy chunks (loaded when a screen needs them): ${lazy.length}, ${kb(lazy.reduce((s, l) => s + l.gzip, 0))} gzip in all; largest:`);
  for (const l of lazy.slice(0, 6)) console.log(`    ${l.file.padEnd(58)} ${kb(l.gzip).padStart(10)} gzip`);
  results.size = { files: rows, totalGzip: total, budgetKB: FIRST_LOAD_BUDGET_KB, pass, precache, largestLazy: lazy.slice(0, 6) };
}

// ------------------------------------------------------------------------------------------ 2. Lighthouse
async function benchLighthouse(distDir) {
  heading('2. Lighthouse 12.2.3, mobile (simulated throttling), on the built app served by the real server');
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const server = await startServer(distDir);
  try {
    // `/` is what a volunteer opens (it redirects to /setup on a fresh device); /setup is also audited directly
    // so a problem with the redirect or the server's `/` shows up as a difference between the two.
    const pages = ['/', '/setup'];
    results.lighthouse = [];
    for (const page of pages) {
      let row;
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
      results.lighthouse.push(row);
    }
    if (!results.lighthouse.some((r) => r.scores)) throw new Error('no page could be audited');
  } finally {
    await server.stop();
  }
}

async function auditPage(lighthouse, port, origin, page) {
  progress(`lighthouse ${origin}${page} …`);
  const t0 = Date.now();
  const run = await lighthouse(`${origin}${page}`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: Object.keys(LIGHTHOUSE_TARGETS),
  });
  if (!run) throw new Error('lighthouse returned no result');
  const lhr = run.lhr;
  writeFileSync(`.tmp/lighthouse${page === '/' ? '-root' : page.replace(/\W+/g, '-')}.json`, JSON.stringify(lhr));
  progress(`lighthouse done in ${((Date.now() - t0) / 1000).toFixed(0)} s; final URL ${lhr.finalDisplayedUrl}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  for (const w of lhr.runWarnings ?? []) console.log(`  warning: ${w}`);
  // Lighthouse's own CPU score for this machine (a 2020 mid-range desktop scores about 1000-2000).
  console.log(`  host CPU benchmarkIndex ${Math.round(lhr.environment?.benchmarkIndex ?? 0)}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const row = { page, finalUrl: lhr.finalDisplayedUrl, benchmarkIndex: lhr.environment?.benchmarkIndex, scores: {}, metrics: {} };
  console.log(`\n  Page ${page}  →  ${lhr.finalDisplayedUrl}`);
  for (const [id, target] of Object.entries(LIGHTHOUSE_TARGETS)) {
    const score = lhr.categories[id]?.score;
    const value = score == null ? NaN : Math.round(score * 100);
    row.scores[id] = value;
    console.log(`  ${lhr.categories[id]?.title.padEnd(20) ?? id.padEnd(20)} ${String(value).padStart(4)}   target ${target === 100 ? '100' : `≥ ${target}`}  ${verdict(value >= target, 'PASS', 'BELOW')}`);
  }
  const metric = (audit) => lhr.audits[audit];
  for (const [label, audit] of [['LCP', 'largest-contentful-paint'], ['TBT', 'total-blocking-time'], ['CLS', 'cumulative-layout-shift'], ['FCP', 'first-contentful-paint'], ['Speed Index', 'speed-index']]) {
    const a = metric(audit);
    row.metrics[label] = a?.numericValue ?? null;
    console.log(`  ${label.padEnd(20)} ${(a?.displayValue ?? 'n/a').padStart(8)}`);
  }
  // What to fix: every failing audit of the categories with a target of 100, and the top perf opportunities.
  const failing = [];
  for (const id of ['accessibility', 'best-practices']) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push(`${id}: ${a.id} — ${a.title}`);
    }
  }
  const perfOps = Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.details.overallSavingsMs ?? 0) > 0)
    .sort((a, b) => b.details.overallSavingsMs - a.details.overallSavingsMs)
    .slice(0, 3)
    .map((a) => `performance: ${a.id} — ${a.title} (~${Math.round(a.details.overallSavingsMs)} ms)`);
  if (failing.length || perfOps.length) {
    console.log('  Failing audits / opportunities:');
    for (const f of [...failing, ...perfOps]) console.log(`    - ${f}`);
  }
  row.failing = failing;
  return row;
}

// ------------------------------------------------------------------------------------- 3. device speed
function queriesFor(samples) {
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

async function benchDevice() {
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
async function benchListImport(chromium, url) {
  heading(`3c. Importing a ${importRows.toLocaleString('en')}-row batch list in Chromium: preview in the list worker, all-or-nothing import`);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
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
      const at = (v) => `${Math.round(v)} ms`;
      console.log(`  when (ms from the start): read done ${at(r.phases.readDone)}, the one write begun ${at(r.phases.savingAt)}, done ${at(r.phases.done)}; tasks ${r.tasks.map((t) => `${at(t.ms)} at ${at(t.at)}`).join(', ')}`);
    }
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

async function benchDeviceSize(chromium, url, count) {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  // A persistent profile: IndexedDB on disk as on a real device, not the in-memory store of incognito.
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
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
    const describe = {
      mixed: `${(count - createShare).toLocaleString('en')} pulled (applyPage, pages of 500 inquiries) + ${createShare.toLocaleString('en')} through createInquiry (row + outbox + timeline)`,
      create: 'createInquiry, 50 in flight (row + outbox + timeline, one transaction each)',
      bulk: 'pulled pages of 500 inquiries applied by db/sync-store applyPage() (one sealed pack each)',
      pull: 'pull pages of 500 inquiries applied by db/sync-store applyPage()',
    }[method];
    if (!describe) throw new Error(`unknown --seed=${method}`);
    progress(`[${label}] seeding: ${describe}`);
    let seedMs = 0;
    const plan = [];
    for (let done = 0; done < count - createShare; done += 5000) plan.push([method === 'pull' ? 'pull' : 'bulk', Math.min(5000, count - createShare - done)]);
    for (let done = 0; done < createShare; done += 1000) plan.push(['create', Math.min(1000, createShare - done)]);
    let seeded = 0;
    for (const [how, n] of plan) {
      seedMs += await page.evaluate(
        ([how2, n2]) => (how2 === 'create' ? window.rodynaBench.seedCreate(n2, 50) : how2 === 'pull' ? window.rodynaBench.seedPulled(n2, 500) : window.rodynaBench.seedBulk(n2, 500)),
        [how, n],
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
    const row = { count, seedMethod: describe, seedMs, storage, compaction, queries };
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
async function benchPullApply(chromium, url) {
  const count = pullCount;
  const target = 50_000;
  console.log(`\n  Sync apply (issue 3): ${count.toLocaleString('en')} inquiries pulled as pages of 500 records into a fresh device, applied by db/sync-store applyPage() — no network`);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => 'rodynaBench' in window);
    results.pull = {};
    for (const withIndex of [false, true]) {
      const label = withIndex ? 'index built (as when unlocked)' : 'no search index';
      await page.evaluate((p) => window.rodynaBench.setUp(p, 4242), PASSPHRASE);
      progress(`[sync apply, ${label}] applying ${count.toLocaleString('en')} inquiries …`);
      const { pages } = await page.evaluate(([n, w]) => window.rodynaBench.pullApply(n, 500, w), [count, withIndex]);
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
      results.pull[withIndex ? 'withIndex' : 'noIndex'] = { count, pageTimes: pages.map((p) => Math.round(p.ms)), pages: n, totalMs, rate, extrapolatedMsFor50k: extrapolatedMs };
    }
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Reload (cold: no key, no index, Dexie closed), unlock, type the queries, then save inquiries. */
async function measure(page, open, label, queries, cdp) {
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
  progress(`[${label}] ${keystrokes.length} keystrokes over ${typed.length} queries; slowest query "${slowest.query}"`);
  const saves = await page.evaluate(([n, seed]) => window.rodynaBench.saves(n, seed), [saveCount, 777]);
  progress(`[${label}] ${saves.length} saves done`);
  return { unlock, search: stats(keystrokes), perQuery: typed.map((t) => ({ query: t.query, hits: t.hits, max: Math.max(...t.times) })), save: stats(saves) };
}

function deviceLines(m) {
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

function printDeviceRow(row) {
  const title = (extra) => `\n  ${row.count.toLocaleString('en')} inquiries on the device${extra}`;
  const print = (lines) => {
    for (const [a, b, c] of lines) console.log(`    ${a.padEnd(44)} ${b.padEnd(48)} ${c}`);
  };
  console.log(title(` — ${row.storage.records.toLocaleString('en')} sealed records, IndexedDB usage ${mb(row.storage.usage)}, seeded in ${(row.seedMs / 1000).toFixed(1)} s via ${row.seedMethod}`));
  print(deviceLines(row.normal));
  if (row.throttled) {
    console.log(title(' — CPU throttled 4× via CDP (cheap-phone approximation; storage not throttled)'));
    print(deviceLines(row.throttled));
  }
}

function printDeviceSummary() {
  if (results.device.length === 0) return;
  console.log('\n  Summary (Chromium, this machine):');
  const cols = results.device.flatMap((r) => [
    { head: `${r.count.toLocaleString('en')}`, m: r.normal, r },
    ...(r.throttled ? [{ head: `${r.count.toLocaleString('en')} @ CPU×4`, m: r.throttled, r }] : []),
  ]);
  const line = (label, f) => console.log(`    ${label.padEnd(30)}${cols.map((c) => f(c).padStart(18)).join('')}`);
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

// ---------------------------------------------------------------- 4. end-to-end pull by a fresh coordinator
// The coordinator scripts/seed-server.ts creates (or reuses) with the inquiries; a benchmark account only.
const BENCH_COORDINATOR = { login: 'bench-coordinator', password: 'benchmark coordinator password' };
const PULL_E2E_TIMEOUT_MS = 40 * 60_000;
const minutes = (v) => (v >= 60_000 ? `${(v / 60_000).toFixed(2)} min` : `${(v / 1000).toFixed(1)} s`);

/**
 * Issue 3: a fresh coordinator device pulling `pullE2eCount` inquiries in Chromium, end to end. The server's
 * database is filled by scripts/seed-server.ts (createInquiry mutations through the real push()), then the
 * real server runs on it and a fresh Chromium profile sets up a passphrase, signs in as the coordinator and is
 * timed from submitting the sign-in form until it is fully synced. On PGlite, and on PostgreSQL when
 * DATABASE_URL is set (a fresh schema, dropped afterwards).
 */
async function benchPullE2e(distDir) {
  heading(`4. A fresh coordinator device pulling ${pullE2eCount.toLocaleString('en')} inquiries in Chromium, end to end (real server over HTTP, sign-in to fully synced)`);
  const { chromium } = await import('playwright');
  results.pullE2e = [];
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
      results.pullE2e.push(row);
      printPullE2e(row);
    } catch (error) {
      fail(`end-to-end pull on ${kind}`, error);
    }
  }
}

async function pullE2eOn(chromium, distDir, kind) {
  const label = `pull e2e, ${kind}`;
  let dataDir;
  let databaseUrl;
  let dropSchema = async () => {};
  if (kind === 'pglite') {
    // A fresh folder: no server can be on it, and the seeder takes (and releases) its lock before the server does.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-pull-'));
  } else {
    const { default: pg } = await import('pg');
    const schema = `rodyna_bench_pull_${randomBytes(4).toString('hex')}`;
    const adminQuery = async (text) => {
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
    const url = new URL(process.env.DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
    progress(`[${label}] fresh schema ${schema}`);
  }
  try {
    const seed = await runSeeder(label, { dataDir, databaseUrl });
    const server = await startServer(distDir, { dataDir, databaseUrl });
    try {
      const row = { database: kind, view: pullE2eView, seed, ...(await measurePullE2e(chromium, server.url, seed, label)) };
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
function runSeeder(label, { dataDir, databaseUrl }) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.RODYNA_DATA;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.RODYNA_DATA = dataDir;
  const cmdArgs = ['scripts/seed-server.ts', `--count=${pullE2eCount}`, `--login=${BENCH_COORDINATOR.login}`, `--password=${BENCH_COORDINATOR.password}`, '--json'];
  progress(`[${label}] seeding the server: tsx scripts/seed-server.ts --count=${pullE2eCount} --json`);
  return new Promise((resolve, reject) => {
    // Not detached: Ctrl-C reaches the seeder too, which then closes the database and releases its lock.
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), cmdArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let result = null;
    const tail = [];
    const onLine = (line) => {
      if (line.startsWith('SEED_RESULT ')) {
        result = JSON.parse(line.slice('SEED_RESULT '.length));
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
function installPullMonitor([clock, expected]) {
  const state = { submitAt: null, firstPageAt: null, firstVisibleAt: null, listAllAt: null, syncedAt: null, openListAt: null, cursor: '0', lastError: null, shown: 0 };
  window.rodynaPullBench = state;
  document.addEventListener('submit', () => (state.submitAt ??= performance.now()), true);
  let connection = null;
  const open = () =>
    new Promise((resolve, reject) => {
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
    return new Promise((resolve, reject) => {
      const tx = idb.transaction('meta', 'readonly');
      const cursor = tx.objectStore('meta').get('syncCursor');
      const status = tx.objectStore('meta').get('syncStatus');
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
        state.shown = match ? Number(match[1].replace(/\D/g, '')) : 0;
        if (state.shown > 0) state.firstVisibleAt ??= performance.now();
        if (state.shown === expected) state.listAllAt ??= performance.now();
      }
      const meta = await readMeta();
      state.cursor = meta.cursor;
      state.lastError = meta.lastError;
      if (meta.cursor !== '0') state.firstPageAt ??= performance.now();
      if (meta.lastSyncAt !== null && BigInt(meta.cursor) >= BigInt(clock)) state.syncedAt ??= performance.now();
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
async function measurePullE2e(chromium, origin, seed, label, { view = pullE2eView, untilFirstInquiry = false } = {}) {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  // A coordinator's laptop: a fresh profile on disk (IndexedDB on disk, not incognito's memory), 1280×800.
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 800 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    const pulls = [];
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
    await page.evaluate(installPullMonitor, [seed.clock, seed.inquiries]);

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
    const signedIn = await page.evaluate(() => performance.now() - window.rodynaPullBench.submitAt);
    // The app lands on the coordinator page; what the coordinator wants next is the inquiries.
    if (view === 'list') await page.getByRole('navigation').getByRole('link', { name: /^(Звернення|Inquiries)$/ }).click();

    let state;
    let lastReport = performance.now();
    const done = (s) => (untilFirstInquiry ? s.firstVisibleAt !== null : s.syncedAt !== null && (view !== 'list' || s.listAllAt !== null));
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
    const at = (t) => (t === null ? null : t - state.submitAt);
    if (untilFirstInquiry) {
      progress(`[${label}] first inquiry on the list ${minutes(at(state.firstVisibleAt))} after signing in`);
      return { signedInMs: signedIn, firstPageMs: at(state.firstPageAt), firstVisibleMs: at(state.firstVisibleAt) };
    }
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      const file = `.tmp/pull-e2e-${label.replace(/\W+/g, '-')}.cpuprofile`;
      writeFileSync(file, JSON.stringify(profile));
      printProfileSummary(profile, file);
    }
    // Opening the list after the sync, when the coordinator page was the one open during it.
    let openListMs = null;
    if (view !== 'list') {
      progress(`[${label}] fully synced in ${minutes(at(state.syncedAt))}; opening the inquiry list`);
      await page.evaluate(() => (window.rodynaPullBench.openListAt = performance.now()));
      // The click returns only once the page has rendered the list, which takes long with every row drawn.
      await page.getByRole('navigation').getByRole('link', { name: /^(Звернення|Inquiries)$/ }).click({ timeout: 600_000 });
      await page.waitForFunction(() => window.rodynaPullBench.listAllAt !== null, null, { timeout: 600_000, polling: 500 });
      state = await page.evaluate(() => window.rodynaPullBench);
      openListMs = state.listAllAt - state.openListAt;
    }
    const device = await page.evaluate(async () => {
      const idb = await new Promise((resolve, reject) => {
        const request = window.indexedDB.open('rodyna');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const records = await new Promise((resolve, reject) => {
        const request = idb.transaction('records', 'readonly').objectStore('records').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
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
    const syncedMs = at(state.syncedAt);
    const totalMs = view === 'list' ? Math.max(syncedMs, at(state.listAllAt)) : syncedMs;
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
function printProfileSummary(profile, file) {
  const self = new Map();
  const dt = new Map();
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

function printPullE2e(r) {
  const s = r.seed;
  console.log(`\n  ${r.database}: ${s.inquiries.toLocaleString('en')} inquiries (${s.records.toLocaleString('en')} records) seeded through push() in ${minutes(s.totalMs)} = ${s.inquiriesPerSecond} inquiries/s (batches of ${s.batchSize}, push p50 ${ms(s.batchMsP50)} per batch)`);
  const rows = [
    ['sign-in answered, on the coordinator page', minutes(r.signedInMs)],
    ['first page stored on the device', minutes(r.firstPageMs)],
    ...(r.firstVisibleMs !== null ? [[r.view === 'list' ? 'first inquiry on the list' : 'first inquiry on the list (2nd device, list open)', minutes(r.firstVisibleMs)]] : []),
    ['fully synced (cursor = server clock, sync done)', minutes(r.syncedMs)],
    ...(r.view === 'list' ? [[`the list shows all ${s.inquiries.toLocaleString('en')}`, minutes(r.listAllMs)]] : [[`then opening the list until it shows all ${s.inquiries.toLocaleString('en')}`, minutes(r.openListMs)]]),
    ['TOTAL sign-in → fully synced', `${minutes(r.totalMs)}   ${Math.round(r.recordsPerSecond).toLocaleString('en')} records/s, ${Math.round(r.inquiriesPerSecond).toLocaleString('en')} inquiries/s`],
    ['pulled', `${r.pages} pages, ${r.recordsOnDevice.toLocaleString('en')} records on the device (server: ${s.records.toLocaleString('en')}), ${mb(r.pulledBytes)} of JSON`],
    ['of which pull requests in flight (sum)', `${minutes(r.serverMs)} (server wait p50 ${ms(r.serverWaitP50)} per page); the rest is the device: seal, apply, index, render`],
    ['JS heap afterwards', `${mb(r.heapUsed)} after GC (${mb(r.heapUsedBeforeGc ?? 0)} before); ${Math.round(r.domNodes ?? 0).toLocaleString('en')} DOM nodes; IndexedDB ${mb(r.indexedDbUsage)}`],
  ];
  for (const [a, b] of rows) console.log(`    ${a.padEnd(52)} ${b}`);
}

/** One line per budget, so a reader sees at a glance what passed. */
// ---------------------------------------------------------------------------------------------- matching worker
/**
 * A 1,212-row list against 5,000 … 50,000 sought persons in Chromium, through the app's own matching worker and
 * client (bench/match-worker/, built by vite.match-bench.config.ts): the worker's start, loading the
 * cases into it (copy + index), and matching the list (one call, answers copied back), then the warm re-run.
 */
async function benchMatchWorker() {
  heading(`6b. Matching in the browser worker (Chromium; src/lib/match.worker.ts through src/lib/match-client.ts), ${matchWorkerRows.toLocaleString('en')} rows`);
  runCommand('build the matching-worker page', process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.match-bench.config.ts']);
  const { chromium } = await import('playwright');
  const site = await serveStatic(path.join(ROOT, '.tmp', 'match-bench-dist'));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const rows = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(site.url);
    await page.waitForFunction(() => typeof window.rodynaMatchBench === 'object');
    for (const cases of matchWorkerSizes) {
      const load = os.loadavg()[0];
      const runs = await page.evaluate(([n, listRows, repeats]) => window.rodynaMatchBench.timeRepeated(n, listRows, 9, repeats), [cases, matchWorkerRows, matchWorkerRepeats]);
      const totals = runs.map((run) => ({ ...run, totalMs: run.startMs + run.loadMs + run.matchMs })).sort((a, b) => a.totalMs - b.totalMs);
      const r = totals[Math.floor(totals.length / 2)];
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

function printBudgets() {
  console.log('Budgets:');
  const line = (label, value, ok) => console.log(`  ${label.padEnd(52)} ${value.padEnd(16)} ${ok}`);
  if (results.size) line(`first load, gzip (≤ ${FIRST_LOAD_BUDGET_KB} KB)`, kb(results.size.totalGzip), verdict(results.size.pass));
  for (const r of results.lighthouse ?? []) {
    if (!r.scores) {
      line(`Lighthouse ${r.page}`, 'not audited', r.error.slice(0, 60));
      continue;
    }
    for (const [id, target] of Object.entries(LIGHTHOUSE_TARGETS)) {
      line(`Lighthouse ${r.page} ${id} (${target === 100 ? '100' : `≥ ${target}`})`, String(r.scores[id]), verdict(r.scores[id] >= target, 'PASS', 'BELOW'));
    }
  }
  for (const r of results.pullE2e ?? []) {
    const fast = r.seed.inquiries < 50_000 || r.totalMs <= FULL_PULL_BUDGET_MS;
    line(`fresh coordinator pull, ${r.seed.inquiries.toLocaleString('en')} inquiries, ${r.database} (50,000 ≤ 40 s)`, minutes(r.totalMs), `${verdict(fast)}; ${Math.round(r.recordsPerSecond).toLocaleString('en')} records/s, heap ${mb(r.heapUsed)}`);
  }
  // Matching (section 6): quality on the labelled set at 5,000 cases, and the 50,000-case times.
  const quality = results.matching?.quality;
  if (quality) {
    line('matching recall of the true case (≥ 0.995)', quality.recall.toFixed(4), verdict(quality.recall >= 0.995, 'PASS', 'BELOW'));
    line('matching top-1 (≥ 0.98)', quality.top1.toFixed(4), verdict(quality.top1 >= 0.98, 'PASS', 'BELOW'));
    line('matching strong precision (≥ 0.995)', quality.strongPrecision.toFixed(4), verdict(quality.strongPrecision >= 0.995, 'PASS', 'BELOW'));
    line('matching strong recall (≥ 0.90)', quality.strongRecall.toFixed(4), verdict(quality.strongRecall >= 0.9, 'PASS', 'BELOW'));
    line('matching strong for absent people (≤ 0.01)', quality.strongAbsent.toFixed(4), verdict(quality.strongAbsent <= 0.01));
  }
  const node50k = results.matching?.timing?.find((t) => t.cases === 50000);
  if (node50k) line('matching 1,212 × 50,000 in Node (≤ 1,000 ms)', ms(node50k.totalMs), verdict(node50k.totalMs <= 1000));
  const worker50k = results.matchingWorker?.find((t) => t.cases === 50000);
  if (worker50k) line("matching 1,212 × 50,000 in Chromium's worker (≤ 2 s)", ms(worker50k.totalMs), verdict(worker50k.totalMs <= 2000));
  if (results.matching?.cli) line('matching CLI as a process, 50,000 cases (≤ 3,000 ms)', ms(results.matching.cli.ms), verdict(results.matching.cli.ms <= 3000));
  for (const d of results.device) {
    for (const [tag, m] of [['', d.normal], [' @ CPU×4', d.throttled]]) {
      if (!m) continue;
      const n = `${d.count.toLocaleString('en')}${tag}`;
      if (d.count === 50_000 && !tag) line(`unlock with 50,000 inquiries (≤ ${UNLOCK_50K_BUDGET_MS} ms)`, ms(m.unlock.totalMs), verdict(m.unlock.totalMs <= UNLOCK_50K_BUDGET_MS));
      const keystrokeBudget = d.count === 50_000 && !tag ? KEYSTROKE_50K_BUDGET_MS : KEYSTROKE_BUDGET_MS;
      line(`search p95 per keystroke, ${n} (≤ ${keystrokeBudget} ms)`, ms(m.search.p95), verdict(m.search.p95 <= keystrokeBudget));
      line(`save one inquiry p95, ${n} (≤ ${SAVE_BUDGET_MS} ms)`, ms(m.save.p95), verdict(m.save.p95 <= SAVE_BUDGET_MS));
    }
  }
}

// ----------------------------------------------------------------------------------------------- main
const cleanups = [];

async function main() {
  console.log(`Rodyna benchmarks — ${results.date} — ${results.machine}`);
  mkdirSync('.tmp', { recursive: true });
  const needDist = !skip.has('size') || !skip.has('lighthouse') || !skip.has('pull-e2e');
  let distDir = null;
  if (needDist) {
    try {
      if (distSource !== 'dist') progress(`--dist: using ${distSource}`);
      else if (noBuild && existsSync('dist/index.html')) progress('--no-build: using the existing dist/');
      else runCommand('npm run build', 'npm', ['run', '--silent', 'build']);
      // A private copy: another engineer's build must not swap files under the running benchmark. Not under
      // .tmp/: the server's static files plugin refuses paths with a dot folder (403).
      distDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-dist-'));
      cpSync(distSource, distDir, { recursive: true });
      cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
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
  if (!skip.has('server') && existsSync('scripts/bench-server.mjs')) {
    heading('5. Sync server throughput (scripts/bench-server.mjs)');
    const r = spawnSync(process.execPath, ['scripts/bench-server.mjs'], { stdio: 'inherit' });
    if (r.status !== 0) fail('sync server benchmark (scripts/bench-server.mjs)', new Error(`exit ${r.status ?? r.signal}`));
  } else if (!skip.has('server')) {
    console.log('\n(scripts/bench-server.mjs not present yet: sync throughput skipped)');
  }
  if (!skip.has('match')) {
    // Matching quality on the labelled set, matching time in Node for 1,212 rows × 5,000 and 50,000 cases, and
    // the CLI as a whole process (bench/match-bench.ts; docs/matching.md).
    heading('6. Matching batch lists to sought persons (bench/match-bench.ts)');
    const matchJson = path.join('.tmp', 'match-bench.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/match-bench.ts', `--json=${matchJson}`], { stdio: 'inherit' });
    if (r.status !== 0) fail('matching benchmark (bench/match-bench.ts)', new Error(`exit ${r.status ?? r.signal}`));
    else results.matching = JSON.parse(readFileSync(matchJson, 'utf8'));
    if (!skip.has('match-worker')) {
      try {
        results.matchingWorker = await benchMatchWorker();
      } catch (error) {
        fail('matching in the browser worker', error);
      }
    }
  }
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

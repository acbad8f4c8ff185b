#!/usr/bin/env node
// `npm run bench`: prints the figures the issues budget — first-load size, Lighthouse (mobile) on the real
// server, and device speed (unlock, search as you type, save) in Chromium with 5,000 and 50,000 inquiries —
// then runs scripts/bench-server.mjs if it exists. It reports; it does not fail on a missed budget. It exits
// non-zero only when a benchmark could not run at all. See docs/benchmarks.md.
//
// Options: --no-build (reuse dist/ if present)  --sizes=5000,50000  --skip=size,lighthouse,device,pull,server
//          --pull=1500 (inquiries for the sync-apply measurement)
//          --saves=50  --json=.tmp/bench-results.json  --seed=mixed|create|bulk|pull
/* global window -- only inside page.evaluate() callbacks, which run in the browser */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
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
const jsonOut = option('json', '.tmp/bench-results.json');
const seedOverride = option('seed', ''); // mixed | create | bulk | pull: force one seeding path for every size

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

/** Starts the real server (`tsx server/main.ts`) on a free port with an empty, temporary PGlite folder. */
async function startServer(distDir) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-data-'));
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', RODYNA_DATA: dataDir, RODYNA_DIST: distDir };
  delete env.DATABASE_URL;
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
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`the server exited while starting:\n${log.trim().split('\n').slice(-20).join('\n')}`);
    }
    try {
      const r = await fetch(`${url}/v1/health`);
      if (r.ok) {
        progress(`server up on ${url} (${JSON.stringify(await r.json())}), data in ${dataDir}`);
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopGroup(child, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
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
      rmSync(dataDir, { recursive: true, force: true });
      progress('server stopped, temporary data folder removed');
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
  } finally {
    await site.close();
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
    // coordinator's laptop gets its inquiries by sync: synced rows sealed with the real seal() and written
    // with bulkPut in the shape db/sync-store writes (applyPage() itself runs at ~80 inquiries/s here, too
    // slow for 50,000 in a 10-minute run; its rate is measured separately below). A volunteer's phone holds
    // the same plus its own unsynced registrations: the last 10% (at most 500) go through createInquiry,
    // 50 in flight, so the outbox and timeline tables are filled as on a real phone.
    const method = seedOverride || (count <= 10_000 ? 'mixed' : 'bulk');
    const createShare = method === 'create' ? count : method === 'mixed' ? Math.min(500, Math.round(count / 10)) : 0;
    const describe = {
      mixed: `${(count - createShare).toLocaleString('en')} synced rows (seal() + bulkPut, sync-store's shape) + ${createShare.toLocaleString('en')} through createInquiry (row + outbox + timeline)`,
      create: 'createInquiry, 50 in flight (row + outbox + timeline, one transaction each)',
      bulk: "synced rows sealed with seal() and bulkPut in sync-store's shape, 500 inquiries per transaction",
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
    const storage = await page.evaluate(() => window.rodynaBench.storage());
    progress(`[${label}] ${storage.records.toLocaleString('en')} records, ${storage.outbox.toLocaleString('en')} outbox entries, IndexedDB usage ${mb(storage.usage)}`);

    const queries = queriesFor(samples);
    const row = { count, seedMethod: describe, seedMs, storage, queries };
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

/** One line per budget, so a reader sees at a glance what passed. */
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
  for (const d of results.device) {
    for (const [tag, m] of [['', d.normal], [' @ CPU×4', d.throttled]]) {
      if (!m) continue;
      const n = `${d.count.toLocaleString('en')}${tag}`;
      line(`search p95 per keystroke, ${n} (≤ ${KEYSTROKE_BUDGET_MS} ms)`, ms(m.search.p95), verdict(m.search.p95 <= KEYSTROKE_BUDGET_MS));
      line(`save one inquiry p95, ${n} (≤ ${SAVE_BUDGET_MS} ms)`, ms(m.save.p95), verdict(m.save.p95 <= SAVE_BUDGET_MS));
    }
  }
}

// ----------------------------------------------------------------------------------------------- main
const cleanups = [];

async function main() {
  console.log(`Rodyna benchmarks — ${results.date} — ${results.machine}`);
  mkdirSync('.tmp', { recursive: true });
  const needDist = !skip.has('size') || !skip.has('lighthouse');
  let distDir = null;
  if (needDist) {
    try {
      if (noBuild && existsSync('dist/index.html')) progress('--no-build: using the existing dist/');
      else runCommand('npm run build', 'npm', ['run', '--silent', 'build']);
      // A private copy: another engineer's build must not swap files under the running benchmark. Not under
      // .tmp/: the server's static files plugin refuses paths with a dot folder (403).
      distDir = mkdtempSync(path.join(os.tmpdir(), 'rodyna-bench-dist-'));
      cpSync('dist', distDir, { recursive: true });
      cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
    } catch (error) {
      fail('npm run build (needed for size and Lighthouse)', error);
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
  if (!skip.has('server') && existsSync('scripts/bench-server.mjs')) {
    heading('4. Sync server throughput (scripts/bench-server.mjs)');
    const r = spawnSync(process.execPath, ['scripts/bench-server.mjs'], { stdio: 'inherit' });
    if (r.status !== 0) fail('sync server benchmark (scripts/bench-server.mjs)', new Error(`exit ${r.status ?? r.signal}`));
  } else if (!skip.has('server')) {
    console.log('\n(scripts/bench-server.mjs not present yet: sync throughput skipped)');
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

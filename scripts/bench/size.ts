// 1. First-load size: every JS and CSS file dist/index.html makes the browser fetch before the first paint,
// gzipped, against the budget; the service worker's precache and the largest lazy chunks, for information.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIRST_LOAD_BUDGET_KB } from './options.ts';
import { gz, heading, kb, mb, results, verdict } from './report.ts';

/** Every JS and CSS file index.html makes the browser fetch before the first paint. */
function firstLoadFiles(distDir: string): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attrs: Record<string, string | undefined> = {};
    for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4];
    const isScript = /^<script/i.test(tag);
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const ref = isScript ? attrs.src : rel.includes('stylesheet') || rel.includes('modulepreload') ? attrs.href : undefined;
    if (!ref || /^(https?:)?\/\//.test(ref) || ref.startsWith('data:')) continue;
    const rel2 = ref.split(/[?#]/)[0]!.replace(/^\.?\//, '');
    if (!files.includes(rel2)) files.push(rel2);
  }
  return files;
}

/** Static imports reachable from the first-load scripts (a cross-check: they load before the first paint too). */
function staticClosure(distDir: string, entries: readonly string[]): string[] {
  const seen = new Set(entries);
  const queue = entries.filter((f) => f.endsWith('.js'));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const code = readFileSync(path.join(distDir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      if (!seen.has(target) && existsSync(path.join(distDir, target))) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
  );
}

export function benchSize(distDir: string): void {
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
  let precache: { entries: number; raw: number; gzip: number } | null = null;
  const swFile = ['sw.js', 'service-worker.js'].find((f) => existsSync(path.join(distDir, f)));
  if (swFile) {
    const sw = readFileSync(path.join(distDir, swFile), 'utf8');
    const urls = [...new Set([...sw.matchAll(/url:\s*["']([^"']+)["']/g)].map((m) => m[1]!.replace(/^\//, '')))];
    let raw = 0;
    let zipped = 0;
    for (const u of urls) {
      const p = path.join(distDir, u.split(/[?#]/)[0]!);
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

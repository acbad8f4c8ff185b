// The matcher's figures for `npm run bench` (section "match"): quality on the labelled set of bench/match-data.ts
// read through the app's list reader, matching time for a 1,212-row list against 5,000, 10,000, 20,000 and
// 50,000 cases in Node (--timing-sizes=…), and the CLI as a whole process. The browser worker's figures are
// scripts/bench.mjs's (section 6b, bench/match-worker/). Prints a report and writes the figures as JSON (--json=<file>).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Candidate, Matcher } from '../schema/matching.ts';
import { readList } from '../src/lib/list-csv.ts';
import { type EvalCase, type EvalRow, makeEvalSet, toCsv } from './match-data.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const jsonOut = option('json', '.tmp/match-bench.json');
const qualityCases = Number(option('cases', '5000'));
const qualityRows = Number(option('rows', '2500'));
const seed = Number(option('seed', '9'));
const TARGETS = { recall: 0.995, top1: 0.98, strongPrecision: 0.995, strongRecall: 0.9, strongAbsent: 0.01 };

function readRows(rows: readonly EvalRow[]) {
  const list = readList(toCsv(rows));
  if (list.errors.length > 0) throw new Error(`the generated list has broken rows: ${JSON.stringify(list.errors.slice(0, 3))}`);
  return list.rows;
}

function quality(cases: readonly EvalCase[], rows: readonly EvalRow[]) {
  const matcher = new Matcher(cases);
  const read = readRows(rows);
  let present = 0, found = 0, top1 = 0, strongTrue = 0, strongAll = 0, strongOfPresent = 0, absent = 0, absentStrong = 0;
  let possibleCount = 0, presentDated = 0, strongOfDated = 0;
  const misses: Record<string, number> = {};
  const notStrong: Record<string, number> = {};
  const notStrongPattern: Record<string, number> = {};
  const examples: string[] = [];
  read.forEach((listRow, index) => {
    const row = rows[index] as EvalRow;
    const candidates: Candidate[] = matcher.candidates(listRow);
    possibleCount += candidates.length;
    const strong = candidates.filter((c) => c.band === 'strong');
    strongAll += strong.length;
    strongTrue += strong.filter((c) => c.caseId === row.truth).length;
    if (row.truth === null) {
      absent++;
      if (strong.length > 0) {
        absentStrong++;
        const other = cases.find((c) => c.id === strong[0]?.caseId);
        if (examples.length < 40) examples.push(`absent got strong: ${row.full_name || `${row.surname} ${row.given_name} ${row.patronymic}`} ${row.birth_date} [${row.how}] ↔ ${other?.surname} ${other?.givenName} ${other?.patronymic} ${other?.birthDate} ${JSON.stringify(strong[0]?.fields)} ${strong[0]?.score}`);
      }
      return;
    }
    present++;
    const at = candidates.findIndex((c) => c.caseId === row.truth);
    if (at >= 0) found++;
    if (at === 0) top1++;
    const truthCase = cases.find((c) => c.id === row.truth);
    const dated = row.birth_date !== '' && truthCase?.birthDate !== '';
    if (dated) presentDated++;
    if (candidates[at]?.band === 'strong') {
      strongOfPresent++;
      if (dated) strongOfDated++;
    }
    else {
      for (const tag of row.how.split(' ')) notStrong[tag] = (notStrong[tag] ?? 0) + 1;
      const c = candidates[at];
      const pattern = c ? `${Object.values(c.fields).join(',')}` : 'not found';
      notStrongPattern[pattern] = (notStrongPattern[pattern] ?? 0) + 1;
    }
    const wrongStrong = strong.find((c) => c.caseId !== row.truth);
    if (wrongStrong && examples.length < 40) {
      const other = cases.find((c) => c.id === wrongStrong.caseId);
      examples.push(`wrong strong: ${row.full_name || `${row.surname} ${row.given_name} ${row.patronymic}`} ${row.birth_date} [${row.how}] ↔ ${other?.surname} ${other?.givenName} ${other?.patronymic} ${other?.birthDate} ${JSON.stringify(wrongStrong.fields)}`);
    }
    if (at !== 0) {
      for (const tag of row.how.split(' ')) misses[tag] = (misses[tag] ?? 0) + 1;
      if (examples.length < 40) {
        const truth = cases.find((c) => c.id === row.truth);
        examples.push(`${at < 0 ? 'missed' : `true case at ${at + 1}`}: ${row.full_name || `${row.surname} ${row.given_name} ${row.patronymic}`} ${row.birth_date} [${row.how}] ↔ ${truth?.surname} ${truth?.givenName} ${truth?.patronymic} ${truth?.birthDate}`);
      }
    }
  });
  return {
    cases: cases.length, rows: rows.length, present, absent,
    recall: found / present, top1: top1 / present,
    strongPrecision: strongAll === 0 ? 1 : strongTrue / strongAll, strongRecall: strongOfPresent / present,
    strongRecallDated: strongOfDated / Math.max(1, presentDated), presentDated,
    strongRecallUndated: (strongOfPresent - strongOfDated) / Math.max(1, present - presentDated),
    strongAbsent: absentStrong / Math.max(1, absent), candidatesPerRow: possibleCount / rows.length,
    missesByKind: misses, notStrongByKind: notStrong, notStrongPattern, examples,
  };
}

/** Repeats per size: the figures are the median run by total (the machine is shared; single runs move ±30 %). */
const repeats = Math.max(1, Number(option('repeats', '3')));

function timeOnce(cases: readonly EvalCase[], read: ReturnType<typeof readRows>) {
  const t0 = performance.now();
  const matcher = new Matcher(cases);
  const t1 = performance.now();
  let candidates = 0;
  for (const row of read) candidates += matcher.candidates(row).length;
  const t2 = performance.now();
  // A second pass on the warm matcher (what a worker does for the next list).
  for (const row of read) matcher.candidates(row);
  const t3 = performance.now();
  return { buildMs: t1 - t0, matchMs: t2 - t1, warmMatchMs: t3 - t2, totalMs: t2 - t0, candidates };
}

function timing(caseCount: number, listRows = 1212) {
  const { cases, rows } = makeEvalSet({ cases: caseCount, rows: listRows, seed: seed + caseCount });
  const read = readRows(rows);
  const runs = Array.from({ length: repeats }, () => timeOnce(cases, read)).sort((a, b) => a.totalMs - b.totalMs);
  const median = runs[Math.floor(runs.length / 2)] as ReturnType<typeof timeOnce>;
  return {
    cases: caseCount, rows: listRows, repeats, buildMs: median.buildMs, matchMs: median.matchMs, warmMatchMs: median.warmMatchMs, totalMs: median.totalMs,
    totalMsRange: [runs[0]?.totalMs ?? 0, runs[runs.length - 1]?.totalMs ?? 0], candidatesPerRow: median.candidates / listRows, cases_: cases, rows_: rows,
  };
}

function cli(cases: readonly EvalCase[], rows: readonly EvalRow[]) {
  mkdirSync('.tmp', { recursive: true });
  const casesFile = path.join('.tmp', `match-cases-${cases.length}.jsonl`);
  const batchFile = path.join('.tmp', `match-batch-${rows.length}.csv`);
  writeFileSync(casesFile, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
  writeFileSync(batchFile, toCsv(rows));
  const t0 = performance.now();
  const result = spawnSync('npm', ['run', '--silent', 'match', '--', '--cases', casesFile, '--batch', batchFile], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`the CLI failed (exit ${result.status}): ${result.stderr}`);
  const lines = result.stdout.trim().split('\n').length;
  return { cases: cases.length, rows: rows.length, ms, lines };
}

const fmt = (v: number) => v.toFixed(4);
const msf = (v: number) => `${Math.round(v)} ms`;
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');

const evalSet = makeEvalSet({ cases: qualityCases, rows: qualityRows, seed });
const q = quality(evalSet.cases, evalSet.rows);
console.log(`Matching quality: ${q.rows} list rows (${q.present} present, ${q.absent} absent) against ${q.cases} cases, seed ${seed}`);
console.log(`  recall of the true case among candidates  ${fmt(q.recall)}  (≥ ${TARGETS.recall})  ${mark(q.recall >= TARGETS.recall)}`);
console.log(`  top-1 accuracy                             ${fmt(q.top1)}  (≥ ${TARGETS.top1})  ${mark(q.top1 >= TARGETS.top1)}`);
console.log(`  strong band precision                      ${fmt(q.strongPrecision)}  (≥ ${TARGETS.strongPrecision})  ${mark(q.strongPrecision >= TARGETS.strongPrecision)}`);
console.log(`  strong band recall                         ${fmt(q.strongRecall)}  (≥ ${TARGETS.strongRecall})  ${mark(q.strongRecall >= TARGETS.strongRecall)}`);
console.log(`    of which, rows where both the row and the case give a date (${q.presentDated}): ${fmt(q.strongRecallDated)}; where one side gives none (${q.present - q.presentDated}): ${fmt(q.strongRecallUndated)} (strong only alone and rare enough: docs/matching.md)`);
console.log(`  absent people with a strong candidate      ${fmt(q.strongAbsent)}  (≤ ${TARGETS.strongAbsent})  ${mark(q.strongAbsent <= TARGETS.strongAbsent)}`);
console.log(`  candidates shown per row (mean)            ${q.candidatesPerRow.toFixed(2)}`);
console.log(`  not first, by how the row was written:     ${JSON.stringify(q.missesByKind)}`);
console.log(`  true case not strong, by how the row was written: ${JSON.stringify(q.notStrongByKind)}`);
if (args.includes('--verbose')) console.log(`  true case not strong, by agreement (surname, given, patronymic, date, unit): ${JSON.stringify(q.notStrongPattern, null, 1)}`);
for (const example of q.examples) console.log(`    ${example}`);

const large = makeEvalSet({ cases: 50000, rows: qualityRows, seed: seed + 1 });
const q50 = quality(large.cases, large.rows);
console.log(`Same measures against ${q50.cases.toLocaleString('en')} cases (seed ${seed + 1}): recall ${fmt(q50.recall)}, top-1 ${fmt(q50.top1)}, strong precision ${fmt(q50.strongPrecision)}, strong recall ${fmt(q50.strongRecall)} (dated ${fmt(q50.strongRecallDated)}), strong for absent ${fmt(q50.strongAbsent)}, ${q50.candidatesPerRow.toFixed(2)} candidates/row`);
if (args.includes('--quality-only')) process.exit(0);
// How the time grows with the case set: the same 1,212-row list shape against 5,000 … 50,000 cases.
const timingSizes = option('timing-sizes', '5000,10000,20000,50000').split(',').map(Number).filter((n) => n > 0);
const times = timingSizes.map((size) => ({ ...timing(size), loadavg1: loadavg()[0] ?? 0 }));
for (const t of times) {
  console.log(`Matching time, ${t.rows} rows × ${t.cases.toLocaleString('en').padStart(6)} cases (Node ${process.version}, median of ${t.repeats}): index ${msf(t.buildMs)} + match ${msf(t.matchMs)} = ${msf(t.totalMs)}${t.cases === 50000 ? `  (≤ 1000 ms) ${mark(t.totalMs <= 1000)}` : ''} [runs ${msf(t.totalMsRange[0] ?? 0)}–${msf(t.totalMsRange[1] ?? 0)}]; warm re-run ${msf(t.warmMatchMs)}; ${t.candidatesPerRow.toFixed(2)} candidates/row; load average ${t.loadavg1.toFixed(2)}`);
}
const smallest = times[0] as (typeof times)[number];
for (const t of times.slice(1)) {
  console.log(`  growth ${smallest.cases.toLocaleString('en')} → ${t.cases.toLocaleString('en')} cases (× ${t.cases / smallest.cases}): total × ${(t.totalMs / smallest.totalMs).toFixed(1)}, index × ${(t.buildMs / smallest.buildMs).toFixed(1)}, match × ${(t.matchMs / smallest.matchMs).toFixed(1)}`);
}
const big = times.find((t) => t.cases === 50000) ?? (times[times.length - 1] as (typeof times)[number]);
const c = cli(big.cases_, big.rows_);
console.log(`CLI as a whole process (npm run --silent match), ${c.rows} rows × ${c.cases.toLocaleString('en')} cases: ${msf(c.ms)}  (≤ 3000 ms) ${mark(c.ms <= 3000)}; ${c.lines} lines out`);
console.log(`Load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
mkdirSync(path.dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify({ quality: q, quality50000: { ...q50, examples: undefined }, timing: times.map(({ cases_: _c, rows_: _r, ...t }) => t), cli: c, loadavg: loadavg() }, null, 2));

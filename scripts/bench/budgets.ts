// The closing summary: one line per budget, so a reader sees at a glance what passed.
import { FIRST_LOAD_BUDGET_KB, FULL_PULL_BUDGET_MS, KEYSTROKE_50K_BUDGET_MS, KEYSTROKE_BUDGET_MS, LIGHTHOUSE_TARGETS, SAVE_BUDGET_MS, UNLOCK_50K_BUDGET_MS } from './options.ts';
import { kb, mb, minutes, ms, results, verdict } from './report.ts';

export function printBudgets(): void {
  console.log('Budgets:');
  const line = (label: string, value: string, ok: string) => console.log(`  ${label.padEnd(52)} ${value.padEnd(16)} ${ok}`);
  if (results.size) line(`first load, gzip (≤ ${FIRST_LOAD_BUDGET_KB} KB)`, kb(results.size.totalGzip), verdict(results.size.pass));
  for (const r of results.lighthouse ?? []) {
    if (!r.scores) {
      line(`Lighthouse ${r.page}`, 'not audited', (r.error ?? '').slice(0, 60));
      continue;
    }
    for (const [id, target] of Object.entries(LIGHTHOUSE_TARGETS)) {
      line(`Lighthouse ${r.page} ${id} (${target === 100 ? '100' : `≥ ${target}`})`, String(r.scores[id]), verdict((r.scores[id] ?? NaN) >= target, 'PASS', 'BELOW'));
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
    for (const [tag, m] of [['', d.normal], [' @ CPU×4', d.throttled]] as const) {
      if (!m) continue;
      const n = `${d.count.toLocaleString('en')}${tag}`;
      if (d.count === 50_000 && !tag) line(`unlock with 50,000 inquiries (≤ ${UNLOCK_50K_BUDGET_MS} ms)`, ms(m.unlock.totalMs), verdict(m.unlock.totalMs <= UNLOCK_50K_BUDGET_MS));
      const keystrokeBudget = d.count === 50_000 && !tag ? KEYSTROKE_50K_BUDGET_MS : KEYSTROKE_BUDGET_MS;
      line(`search p95 per keystroke, ${n} (≤ ${keystrokeBudget} ms)`, ms(m.search.p95), verdict(m.search.p95 <= keystrokeBudget));
      line(`save one inquiry p95, ${n} (≤ ${SAVE_BUDGET_MS} ms)`, ms(m.save.p95), verdict(m.save.p95 <= SAVE_BUDGET_MS));
    }
  }
}

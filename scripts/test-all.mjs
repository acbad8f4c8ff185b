#!/usr/bin/env node
// Runs every suite — typecheck, lint, the lint rules' own fixtures, unit/integration (Vitest), build,
// end-to-end (Playwright) — and ends with one line of totals, `N passed, N failed[, N skipped]`, exiting
// non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function count(label, passed, failed, skipped, seconds) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label.padEnd(12)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds}s)`);
}

function check(label, cmd, args) {
  const { ok, seconds } = run(label, cmd, args);
  count(label, ok ? 1 : 0, ok ? 0 : 1, 0, seconds);
  return ok;
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
// The architecture rules still reject the deliberate wrong imports of eslint/fixtures/ (and pass the allowed ones).
check('lint rules', 'node', ['scripts/check-lint-rules.mjs']);

const vitestJson = '.tmp/vitest.json';
rmSync(vitestJson, { force: true });
const unit = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  const failed = r.numFailedTests + (unit.ok || r.numFailedTests ? 0 : 1);
  count('unit', r.numPassedTests, failed, r.numPendingTests + r.numTodoTests, unit.seconds);
} else {
  count('unit', 0, 1, 0, unit.seconds);
}

const built = check('build', 'npm', ['run', '--silent', 'build']);
if (built) {
  const e2eJson = '.tmp/playwright.json';
  rmSync(e2eJson, { force: true });
  const e2e = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  if (existsSync(e2eJson)) {
    const s = JSON.parse(readFileSync(e2eJson, 'utf8')).stats;
    const failed = s.unexpected + s.flaky + (e2e.ok || s.unexpected || s.flaky ? 0 : 1);
    count('e2e', s.expected, failed, s.skipped, e2e.seconds);
  } else {
    count('e2e', 0, 1, 0, e2e.seconds);
  }
} else {
  count('e2e', 0, 1, 0, '0.0');
}

console.log('\n=== Summary');
for (const line of lines) console.log(line);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);

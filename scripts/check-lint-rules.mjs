#!/usr/bin/env node
// Proves the architecture lint still bites: every file in eslint/fixtures/rejected/ (and the cycle in
// eslint/fixtures/cycle/) is a deliberate wrong import that lint must reject with the rule it names;
// every file in eslint/fixtures/allowed/ is an import the architecture allows, which must pass untouched
// (the control: a rule that rejected everything would fail here). Each fixture is linted with the real
// eslint.config.js as if it lived at the path in its `// lint as:` line, so its imports resolve from
// there. Each zone of the config must be exercised by a rejected fixture, so a new rule comes with its
// proof. Exits non-zero on any miss; a step of `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { boundaries } from '../eslint.config.js';

const root = path.resolve(import.meta.dirname, '..');
const fixturesDir = path.join(root, 'eslint/fixtures');
// The fixture folder is ignored by `eslint .`; here its files are linted on purpose.
const eslint = new ESLint({ cwd: root, ignore: false });

/** `// lint as: <path>` and `// expect: pass | <rule id> ["message fragment"]` from a fixture's header. */
function readFixture(file) {
  const code = readFileSync(file, 'utf8');
  const lintAs = /^\/\/ lint as: (\S+)$/m.exec(code)?.[1];
  const expect = /^\/\/ expect: (pass|(\S+)(?: "([^"]+)")?)$/m.exec(code);
  if (!lintAs || !expect) throw new Error(`${path.relative(root, file)}: needs '// lint as: <path>' and '// expect: …' lines`);
  return { code, lintAs, pass: expect[1] === 'pass', ruleId: expect[2], fragment: expect[3] };
}

const files = (dir) => readdirSync(path.join(fixturesDir, dir)).sort().map((name) => path.join(fixturesDir, dir, name));
const fixtures = [...files('rejected'), path.join(fixturesDir, 'cycle/a.ts'), ...files('allowed')];

let failed = 0;
const covered = new Set();
for (const file of fixtures) {
  const fixture = readFixture(file);
  const [result] = await eslint.lintText(fixture.code, { filePath: path.join(root, fixture.lintAs), warnIgnored: true });
  const messages = result?.messages ?? [];
  const shown = messages.map((m) => `      ${m.ruleId ?? '(fatal)'}: ${m.message}`).join('\n');
  const name = path.relative(fixturesDir, file);
  let ok;
  if (fixture.pass) {
    ok = messages.length === 0;
  } else {
    const hits = messages.filter((m) => m.ruleId === fixture.ruleId && (!fixture.fragment || m.message.includes(fixture.fragment)));
    // Only the named rule may fire, so the fixture proves that rule and not a neighbour.
    ok = hits.length > 0 && hits.length === messages.length;
    if (ok) for (const m of hits) covered.add(m.message);
  }
  if (!ok) failed += 1;
  const verdict = fixture.pass ? (ok ? 'allowed ' : 'REJECTED') : ok ? 'rejected' : 'MISSED  ';
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${verdict} ${name.padEnd(44)} as ${fixture.lintAs}${fixture.pass ? '' : `  [${fixture.ruleId}]`}`);
  if (!ok) console.log(shown || '      (no message: lint accepted it)');
}

// Every zone's message must have been seen on a rejected fixture.
const zoneMessages = new Set([...boundaries(), ...boundaries({ test: true })].map((zone) => zone.message));
for (const message of zoneMessages) {
  if (![...covered].some((seen) => seen.endsWith(message))) {
    failed += 1;
    console.log(`FAIL no rejected fixture exercises the zone "${message}"`);
  }
}

console.log(`\n${fixtures.length} fixtures, ${zoneMessages.size} zones: ${failed ? `${failed} failed` : 'all as expected'}`);
process.exit(failed ? 1 : 0);

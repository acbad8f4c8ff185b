#!/usr/bin/env node
// The benchmark driver now lives in scripts/bench/ (typed modules, one per section; `npm run bench` runs
// scripts/bench/main.ts with tsx). This file keeps `node scripts/bench.mjs [options]` working, as the docs
// and older notes call it: same options, same output, same exit code.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const main = path.join(import.meta.dirname, 'bench', 'main.ts');
const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

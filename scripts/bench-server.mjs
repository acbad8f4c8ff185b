#!/usr/bin/env node
// The sync server throughput benchmark now lives in scripts/bench/server-throughput.ts (section 5 of
// `npm run bench`, on the benchmarks' one server helper). This file keeps `node scripts/bench-server.mjs`
// working: same environment variables (BENCH_DEVICES, BENCH_SECONDS, BENCH_BATCH, BENCH_ONLY), same table.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const main = path.join(import.meta.dirname, 'bench', 'server-throughput.ts');
const r = spawnSync(process.execPath, ['--import', 'tsx', main], { stdio: 'inherit' });
process.exit(r.status ?? 1);

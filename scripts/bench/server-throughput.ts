// 5. Push and pull throughput of the sync server over HTTP on loopback: 50 simulated devices pushing at
// once, then pulling everything, on PGlite and (when DATABASE_URL is set) PostgreSQL. Prints a table.
// Part of `npm run bench`; alone: `npx tsx scripts/bench/server-throughput.ts` (or node scripts/bench-server.mjs)
// (env: BENCH_DEVICES, BENCH_SECONDS, BENCH_BATCH, BENCH_ONLY=pglite|postgres).
// The load average is printed before and after each phase: on a shared 2-core machine it moves the figures.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { PullResponse, PushResponse, SessionResponse } from '../../schema/protocol.ts';
import { makeCreateInquiryMutation } from '../../schema/testing/factories.ts';
import { startServer, type ServerOptions } from './servers.ts';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const PASSWORD = 'benchmark password';
const ONLY = process.env.BENCH_ONLY ?? '';
const load = () => (os.loadavg()[0] ?? 0).toFixed(1);
// The first coordinator, created by the server at start, and limits no simulated fleet reaches.
const SERVER_ENV = { RODYNA_ADMIN_LOGIN: 'bench', RODYNA_ADMIN_PASSWORD: PASSWORD, RODYNA_AUTH_PER_MINUTE: '100000', RODYNA_PUSH_PER_MINUTE: '100000000', RODYNA_PUSH_BYTES_PER_MINUTE: '100000000000' };

async function call<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Row { db: string; phase: string; requests: number; items: number; perSecond: number; p50: number; p99: number; unit: string; load: string }

async function run(label: string, where: ServerOptions): Promise<Row[]> {
  const server = await startServer({ ...where, env: SERVER_ENV, quiet: true });
  try {
    const base = server.url;
    const coordinator = await call<SessionResponse>(`${base}/v1/auth/sign-in`, { login: 'bench', password: PASSWORD, deviceLabel: 'bench' });
    const { space } = await call<{ space: { id: string } }>(`${base}/v1/spaces`, { name: `Bench ${randomUUID().slice(0, 6)}` }, coordinator.accessToken);
    const devices: { token: string; seq: number }[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const { volunteer } = await call<{ volunteer: { id: string } }>(`${base}/v1/spaces/${space.id}/volunteers`, { name: `V${i}` }, coordinator.accessToken);
      const { code } = await call<{ code: string }>(`${base}/v1/spaces/${space.id}/enrolment-codes`, { volunteerId: volunteer.id }, coordinator.accessToken);
      const session = await call<SessionResponse>(`${base}/v1/devices/enrol`, { code, deviceLabel: `phone ${i}` });
      devices.push({ token: session.accessToken, seq: 1 });
    }

    // Push: every device sends batches back to back until the time is up.
    const pushTimes: number[] = [];
    let pushed = 0;
    const pushLoad = load();
    const pushStart = performance.now();
    const deadline = pushStart + SECONDS * 1000;
    await Promise.all(devices.map(async (d) => {
      while (performance.now() < deadline) {
        const batch = Array.from({ length: BATCH }, () => makeCreateInquiryMutation(d.seq++));
        const t = performance.now();
        const res = await call<PushResponse>(`${base}/v1/sync/push`, { mutations: batch }, d.token);
        pushTimes.push(performance.now() - t);
        pushed += res.results.filter((r) => r.result === 'applied').length;
      }
    }));
    const pushSeconds = (performance.now() - pushStart) / 1000;

    // Pull: every device pulls the whole space from scratch, pages of 1000.
    const pullTimes: number[] = [];
    let pulled = 0;
    const pullLoad = `${pushLoad}→${load()}`;
    const pullStart = performance.now();
    const pullDeadline = pullStart + SECONDS * 1000;
    await Promise.all(devices.map(async (d) => {
      let cursor = '0';
      while (performance.now() < pullDeadline) {
        const t = performance.now();
        const page = await call<PullResponse>(`${base}/v1/sync/pull`, { cursor, limit: 1000 }, d.token);
        pullTimes.push(performance.now() - t);
        pulled += page.changes.length;
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
    }));
    const pullSeconds = (performance.now() - pullStart) / 1000;
    const pulledLoad = `${pullLoad.split('→')[1]}→${load()}`;
    pushTimes.sort((a, b) => a - b);
    pullTimes.sort((a, b) => a - b);
    return [
      { db: label, phase: `push (${BATCH}/batch)`, requests: pushTimes.length, items: pushed, perSecond: pushed / pushSeconds, p50: percentile(pushTimes, 50), p99: percentile(pushTimes, 99), unit: 'mutations', load: pullLoad },
      { db: label, phase: 'pull (≤1000/page)', requests: pullTimes.length, items: pulled, perSecond: pulled / pullSeconds, p50: percentile(pullTimes, 50), p99: percentile(pullTimes, 99), unit: 'changes', load: pulledLoad },
    ];
  } finally {
    await server.stop();
  }
}

export async function benchServerThroughput(): Promise<void> {
  const rows: Row[] = [];
  // PGlite on a temporary folder the server helper makes and removes.
  if (ONLY !== 'postgres') rows.push(...(await run('pglite', {})));
  if (process.env.DATABASE_URL && ONLY !== 'pglite') {
    const schema = `rodyna_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const url = new URL(process.env.DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      rows.push(...(await run('postgres', { databaseUrl: url.toString() })));
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }

  console.log(`\nRodyna sync server benchmark — ${DEVICES} devices at once, ${SECONDS} s per phase, loopback HTTP, ${os.cpus().length} CPUs (load ${load()})\n`);
  const header = ['database', 'phase', 'requests', 'items', 'items/s', 'p50 ms/request', 'p99 ms/request', 'load before→after'];
  const table = rows.map((r) => [r.db, r.phase, String(r.requests), `${r.items} ${r.unit}`, r.perSecond.toFixed(0), r.p50.toFixed(0), r.p99.toFixed(0), r.load]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}

// Run alone (node scripts/bench-server.mjs, or tsx on this file): the table only.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchServerThroughput();

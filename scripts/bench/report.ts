// What every section of the benchmark prints with and writes into: the results (saved as JSON at the end),
// timestamps on progress lines, headings, units, percentiles, and the record of a benchmark that could not run.
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import type { WorkerTiming } from '../../bench/match-worker/main.ts';

export type BenchApi = Window['rodynaBench'];
export type Unlock = Awaited<ReturnType<BenchApi['unlock']>>;
export interface Stats { n: number; p50: number; p95: number; max: number }
export interface Measurement {
  unlock: Unlock;
  search: Stats;
  perQuery: { query: string; hits: number; max: number }[];
  save: Stats;
}
export interface DeviceRow {
  count: number;
  seedMethod: string;
  seedMs: number;
  storage: Awaited<ReturnType<BenchApi['storage']>>;
  compaction: Awaited<ReturnType<BenchApi['compact']>>;
  queries: string[];
  normal?: Measurement;
  throttled?: Measurement;
}
export interface LighthouseRow {
  page: string;
  finalUrl?: string;
  benchmarkIndex?: number;
  scores?: Record<string, number>;
  metrics?: Record<string, number | null>;
  failing?: string[];
  error?: string;
}
export interface PullApplyRow { count: number; pageTimes: number[]; pages: number; totalMs: number; rate: number; extrapolatedMsFor50k: number }
/** The SEED_RESULT line of scripts/seed-server.ts --json. */
export interface SeedResult {
  where: string; login: string; spaceId: string; deviceId: string; pushed: number; applied: number; notApplied: number; batchSize: number;
  inquiries: number; records: number; clock: string; totalMs: number; buildMs: number; pushMs: number; inquiriesPerSecond: number;
  batchMsP50: number; batchMsMax: number;
}
/** How long until the list shows a first inquiry (a second device, list open). */
export interface PullE2eFirst {
  signedInMs: number;
  firstPageMs: number | null;
  firstVisibleMs: number | null;
}
export interface PullE2eTimes extends PullE2eFirst {
  syncedMs: number;
  listAllMs: number | null;
  openListMs: number | null;
  totalMs: number;
  pages: number;
  pageMs: number[];
  serverMs: number;
  serverWaitP50: number;
  pulledBytes: number;
  recordsOnDevice: number;
  recordsPerSecond: number;
  inquiriesPerSecond: number;
  heapUsedBeforeGc: number | null;
  heapUsed: number;
  domNodes: number | null;
  indexedDbUsage: number;
  loadAverage: number[];
}
export type PullE2eRow = { database: string; view: string; seed: SeedResult } & PullE2eTimes;
/** What bench/match-bench.ts writes with --json (the parts the budgets read). */
export interface MatchingResults {
  quality?: { recall: number; top1: number; strongPrecision: number; strongRecall: number; strongAbsent: number };
  timing?: { cases: number; totalMs: number }[];
  cli?: { ms: number };
}
export type MatchWorkerRow = WorkerTiming & { totalMs: number; runsMs: number[]; loadavg1: number };

export const startedAt = Date.now();

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export const results: {
  date: string;
  machine: string;
  size: null | { files: { file: string; raw: number; gzip: number }[]; totalGzip: number; budgetKB: number; pass: boolean; precache: { entries: number; raw: number; gzip: number } | null; largestLazy: { file: string; gzip: number }[] };
  lighthouse: LighthouseRow[] | null;
  device: DeviceRow[];
  failures: { benchmark: string; error: string }[];
  pull?: Partial<Record<'noIndex' | 'withIndex', PullApplyRow>>;
  listImport?: Awaited<ReturnType<BenchApi['importList']>>;
  pullE2e?: PullE2eRow[];
  matching?: MatchingResults;
  matchingWorker?: MatchWorkerRow[];
} = { date: new Date().toISOString(), machine: machine(), size: null, lighthouse: null, device: [], failures: [] };

const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s`;
export const progress = (text: string): void => console.log(`[${elapsed()}] ${text}`);
export const heading = (text: string): void => console.log(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}`);
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const ms = (v: number): string => (v >= 100 ? `${Math.round(v).toLocaleString('en')} ms` : `${v.toFixed(1)} ms`);
export const minutes = (v: number): string => (v >= 60_000 ? `${(v / 60_000).toFixed(2)} min` : `${(v / 1000).toFixed(1)} s`);
export const gz = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length;
export const verdict = (ok: boolean, good = 'PASS', bad = 'OVER'): string => (ok ? good : bad);
export const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
export const stats = (values: readonly number[]): Stats => ({ n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) });

export function fail(benchmark: string, error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  results.failures.push({ benchmark, error: message.split('\n')[0] ?? '' });
  console.log(`\n!! ${benchmark} could not run: ${message}\n`);
}

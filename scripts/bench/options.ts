// The benchmark driver's command line and constants: every option of `npm run bench` (docs/benchmarks.md),
// the budgets it reports against, and how Chromium is launched.
//
// Options: --no-build (reuse dist/ if present)  --sizes=5000,50000
//          --skip=size,lighthouse,device,pull,import,pull-e2e,server,match,match-worker
//          --match-sizes=5000,10000,20000,50000 --match-rows=1212 --match-repeats=3 (the matching worker in
//          Chromium, median of the repeats; part of match)
//          --import=5000 (rows of the batch list imported in the browser; part of the device section)
//          --pull=1500 (inquiries for the local sync-apply measurement)
//          --pull-e2e=50000 (inquiries seeded on the server for the end-to-end pull)
//          --pull-e2e-view=list|coordinator (the screen open while the device syncs; default list)
//          --pull-e2e-db=pglite,postgres (default: both when DATABASE_URL is set, else pglite)
//          --pull-e2e-profile (CPU profile of the page from sign-in to synced, in .tmp/, with its top functions)
//          --saves=50  --json=.tmp/bench-results.json  --seed=mixed|create|bulk|pull
//          --dist=dist (another build of the app to serve, e.g. from `vite build --outDir`; implies --no-build)
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export const CHROMIUM = process.env.RODYNA_CHROMIUM || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the networking flags Chromium floods a closed network with background requests.
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const FIRST_LOAD_BUDGET_KB = 150;
export const LIGHTHOUSE_TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 } as const;
export const KEYSTROKE_BUDGET_MS = 50;
export const SAVE_BUDGET_MS = 50;
// Issue 8: a coordinator's laptop with 50,000 inquiries.
export const KEYSTROKE_50K_BUDGET_MS = 20;
export const UNLOCK_50K_BUDGET_MS = 2000;
export const FULL_PULL_BUDGET_MS = 40_000;
export const PASSPHRASE = 'тиха вода греблю рве 2026';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const numbers = (text: string) => text.split(',').map(Number).filter((n) => n > 0);

export const options = {
  noBuild: args.includes('--no-build'),
  skip: new Set(option('skip', '').split(',').filter(Boolean)),
  sizes: numbers(option('sizes', '5000,50000')),
  saveCount: Number(option('saves', '50')),
  pullCount: Number(option('pull', '1500')),
  importRows: Number(option('import', '5000')),
  matchWorkerSizes: numbers(option('match-sizes', '5000,10000,20000,50000')),
  matchWorkerRows: Number(option('match-rows', '1212')),
  matchWorkerRepeats: Math.max(1, Number(option('match-repeats', '3'))),
  pullE2eCount: Number(option('pull-e2e', '50000')),
  pullE2eView: option('pull-e2e-view', 'list'),
  pullE2eProfile: args.includes('--pull-e2e-profile'),
  // Databases for the end-to-end pull: PGlite, and PostgreSQL when DATABASE_URL is set.
  pullE2eDatabases: option('pull-e2e-db', process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite').split(',').filter(Boolean),
  jsonOut: option('json', '.tmp/bench-results.json'),
  /** mixed | create | bulk | pull: force one seeding path for every size. */
  seedOverride: option('seed', ''),
  /** A build elsewhere (`vite build --outDir …`), compared against dist/. */
  distSource: option('dist', 'dist'),
} as const;

/**
 * tsx compiles this driver with esbuild's keepNames, which wraps named functions in `__name(…)`; the
 * functions given to page.evaluate are sent as their source, so the page needs that helper too.
 */
export const PAGE_HELPERS = 'globalThis.__name = (fn) => fn;';

// Lint rules, including the architecture (docs/architecture.md, "Import boundaries"): the direction of
// imports is checked on resolved paths (import-x's no-restricted-paths zones over the tsconfig resolver,
// so `@/`, `@schema/` and relative imports are judged alike), features are isolated by a local rule that
// reads the feature from the path, and import-x/no-cycle forbids cycles. scripts/check-lint-rules.mjs
// proves on eslint/fixtures/ that each rule still rejects what it should (a step of `npm test`).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { featureIsolation } from './eslint/feature-isolation.js';

const root = import.meta.dirname;
// Imports resolve to real paths, so packages are named by node_modules' real path (it may be a link, as
// in a worktree sharing another's). A package resolves to its own folder or, for its types, to
// @types/<name>: a zone names both.
const NODE_MODULES = realpathSync(path.join(root, 'node_modules'));
const nodeModules = (...names) => names.flatMap((name) => [path.join(NODE_MODULES, name), ...(name.startsWith('@') ? [] : [path.join(NODE_MODULES, '@types', name)])]);
// import-x's TypeScript settings (which extensions and parsers its module reader knows; without them
// no-cycle reads no .ts file and finds nothing), minus its legacy resolver: ours is below.
const { 'import-x/resolver': _legacyResolver, ...importXTypeScript } = importX.flatConfigs.typescript.settings;
/** React and the libraries that only make sense inside React. */
const REACT_PACKAGES = ['react', 'react-dom', 'react-i18next', 'dexie-react-hooks', 'wouter', 'react-hook-form', 'react-error-boundary', '@hookform'];
const REACT = nodeModules(...REACT_PACKAGES);
/** Everything in src/ except db/ (a target glob: `!(db)` is any folder but db). */
const SRC_OUTSIDE_DB = ['src/!(db)/**', 'src/*'];

/**
 * The import boundaries as import-x zones: files in `target` may not import anything that resolves into
 * `from`, unless it lies in `except` (relative to `from`). A later config block replaces a rule's options
 * rather than merging them, so the few narrow exceptions are parameters of this one list.
 * @param {{ test?: boolean, serverTestSupport?: boolean, syncReactHook?: boolean }} allow
 */
export function boundaries({ test = false, serverTestSupport = false, syncReactHook = false } = {}) {
  const zones = [
    {
      target: 'schema',
      from: '.',
      except: ['./schema', './node_modules'],
      message: test ? 'schema/ tests import only schema/ and packages, never src/ or server/.' : 'schema/ imports only zod and schema/ itself: both sides import it, it imports neither.',
    },
    // Of the packages, only zod; tests may also use the test packages (vitest, fast-check) and Node.
    ...(test ? [] : [{ target: 'schema', from: NODE_MODULES, except: ['./zod'], message: 'schema/ imports no package but zod: it is the shared language, light on both sides.' }]),
    {
      target: 'server',
      from: '.',
      except: ['./server', './schema', './node_modules'],
      message: 'server/ imports only schema/, itself and packages, never the PWA (src/) or the tools.',
    },
    {
      target: 'src',
      from: '.',
      // The sync engine's tests and the typed client's run the device code against the real server
      // (server/test-support builds it in-process), so those named tests, and only they, may import that folder.
      except: ['./src', './schema', './node_modules', './package.json', ...(serverTestSupport ? ['./server/test-support'] : [])],
      message: 'src/ imports only src/, schema/ and packages (package.json for the version), never server/.',
    },
    { target: 'src/db', from: ['src/sync', 'src/api', 'src/features', 'src/app', 'src/components'], message: 'db/ sits below sync, features, components and the app: schema ← db ← sync.' },
    { target: 'src/crypto', from: ['src/db', 'src/sync', 'src/api', 'src/features', 'src/app', 'src/components'], message: 'crypto/ sits below db and everything above it.' },
    { target: 'src/lib', from: ['src/db', 'src/sync', 'src/api', 'src/features', 'src/app', 'src/components'], message: 'lib/ holds small helpers below db, sync, features, components and the app.' },
    // The engine's transport (sync/api.ts) is what api/ sends through, so sync/ never imports api/ back.
    { target: 'src/sync', from: ['src/api', 'src/features', 'src/app', 'src/components'], message: 'sync/ sits below features and the app.' },
    {
      target: 'src/api',
      from: ['src/features', 'src/app', 'src/components'],
      message: 'api/ (the typed server client every feature uses) sits below features, components and the app.',
    },
    { target: 'src/components', from: ['src/features', 'src/app'], message: 'Shared components do not know features or the app.' },
    { target: 'src/features', from: 'src/app', message: 'Features do not import the app shell: the app composes features.' },
    {
      target: [...SRC_OUTSIDE_DB, 'schema', 'server', 'e2e', 'bench', 'scripts'],
      from: nodeModules('dexie'),
      message: 'Only src/db/ imports dexie: everything else goes through its repositories.',
    },
    {
      // useLiveQuery is how React reads repositories: in features (their hooks and pages), in the hooks of
      // shared components (use-*.ts) and in sync/use-sync-status.ts; nowhere else.
      target: ['src/app', 'src/db', 'src/crypto', 'src/lib', 'src/api', 'src/components/**/!(use-*).{ts,tsx}', 'schema', 'server'],
      from: nodeModules('dexie-react-hooks'),
      message: 'useLiveQuery (dexie-react-hooks) belongs in feature code, shared hooks (use-*.ts) and sync/use-sync-status.ts.',
    },
    { target: ['src/db', 'src/crypto'], from: REACT, message: 'db/ and crypto/ are plain TypeScript: no React.' },
    // lib/i18n.ts binds i18next to React (initReactI18next), so react-i18next is the one React package lib/ may use.
    { target: 'src/lib', from: nodeModules(...REACT_PACKAGES.filter((name) => name !== 'react-i18next')), message: 'lib/ is plain TypeScript: no React (only i18n.ts binds react-i18next).' },
    // api/'s loading hooks (use-api-data.ts, use-paged-data.ts) are React; the client and its errors are not.
    { target: 'src/api/**/!(use-*).{ts,tsx}', from: REACT, message: 'api/ is plain TypeScript but for its loading hooks (use-*.ts).' },
    ...(syncReactHook ? [] : [{ target: 'src/sync', from: REACT, message: 'sync/ is plain TypeScript: no React except its one hook, use-sync-status.ts.' }]),
    {
      target: 'server/sync',
      from: ['server/http', ...nodeModules('fastify', '@fastify')],
      message: 'The sync domain knows no HTTP: throw a SyncError (server/sync/errors.ts) and let http/ map it.',
    },
    { target: 'server/db', from: ['server/http', 'server/sync', 'server/auth', ...nodeModules('fastify', '@fastify')], message: 'server/db/ holds the SQL, below http, auth and sync.' },
  ];
  // Tests may open the Dexie instance (src/db/db.ts) to set up or inspect state; code never does.
  if (!test) zones.push({ target: SRC_OUTSIDE_DB, from: 'src/db/db.ts', message: 'Only src/db/ touches the Dexie instance: call a repository function in src/db/.' });
  // The test factories are for tests, their support modules (src/db/test-support.ts, server/test-support/),
  // e2e, benchmarks and scripts: the app, the server and schema/ itself never ship them.
  if (!test) {
    zones.push({
      target: ['src/**/!(test-support).{ts,tsx}', 'server/!(test-support)/**', 'server/*.ts', 'schema/!(testing)/**', 'schema/*.ts'],
      from: 'schema/testing',
      message: 'schema/testing/ (the test factories) is for tests and their support modules, never app or server code.',
    });
  }
  // A test of server/sync may drive the routes (fastify) and watch what they answer.
  return test ? zones.filter((zone) => zone.target !== 'server/sync') : zones;
}

const restrictedPaths = (allow) => ({ 'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaries(allow) }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.tmp/', 'data/', 'dev-dist/', 'eslint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX, rodyna: { rules: { 'feature-isolation': featureIsolation(path.join(root, 'src/features')) } } },
    settings: {
      ...importXTypeScript,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'server/tsconfig.json', 'e2e/tsconfig.json', 'bench/tsconfig.json'], alwaysTryTypes: true, noWarnOnMultipleProjects: true }),
        createNodeResolver(),
      ],
    },
    rules: {
      // An import that resolves nowhere would slip past every zone; Vite's virtual modules are the exception.
      'import-x/no-unresolved': ['error', { ignore: ['^virtual:'] }],
      // Packages never import our modules back, so the cycle search need not walk into node_modules (half the time).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'rodyna/feature-isolation': 'error',
      ...restrictedPaths(),
    },
  },
  { files: ['**/*.test.{ts,tsx}'], rules: restrictedPaths({ test: true }) },
  // The sync engine's and the typed client's tests that run against the real server (see boundaries above).
  { files: ['src/sync/api.test.ts', 'src/sync/engine.test.ts', 'src/sync/engine-batches.test.ts', 'src/sync/convergence.property.test.ts', 'src/api/client.test.ts'], rules: restrictedPaths({ test: true, serverTestSupport: true }) },
  { files: ['src/sync/use-sync-status.ts'], rules: restrictedPaths({ syncReactHook: true }) },
  {
    // Node's modules resolve to no file, so the zones cannot see them: schema/ runs in the browser too.
    files: ['schema/**/*.ts'],
    ignores: ['schema/**/*.test.ts'],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'use the @/ alias, not relative paths out of the feature' }] }] },
  },
);

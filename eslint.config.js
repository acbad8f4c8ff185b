// Lint rules, including the direction of imports from DESIGN.md: schema ← db ← sync; features never import
// each other; server imports only schema; schema imports only zod.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const group = (message, ...group) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.tmp/', 'data/', 'dev-dist/'] },
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
    files: ['schema/**/*.ts'],
    ignores: ['schema/**/*.test.ts'],
    rules: restrict([group('schema/ imports only zod and itself', '@/*', 'react', 'react-*', 'dexie', 'dexie-*', 'fastify', '@fastify/*', 'kysely', 'pg', '../src/*', '../server/*', 'node:*')]),
  },
  {
    files: ['src/db/**/*.ts', 'src/crypto/**/*.ts', 'src/lib/**/*.ts'],
    rules: restrict([group('db/, crypto/ and lib/ sit below sync, features and app', '@/features/*', '@/app/*', '@/sync/*', '@/components/*', 'react', 'react-dom')]),
  },
  {
    files: ['src/sync/**/*.ts'],
    ignores: ['src/sync/use-sync-status.ts'],
    rules: restrict([group('sync/ is plain TypeScript below features and app', '@/features/*', '@/app/*', '@/components/*', 'react', 'react-dom')]),
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: restrict([group('shared components do not know features or the app', '@/features/*', '@/app/*')]),
  },
  ...['intake', 'inquiries', 'unlock', 'settings', 'sync', 'coordinator', 'enrol', 'conflicts', 'devices'].map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: restrict([
      group('a feature never imports another feature', '@/features/*', `!@/features/${feature}/*`),
      group('features do not import the app shell', '@/app/*'),
      group('use the @/ alias, not relative paths out of the feature', '../../*'),
    ]),
  })),
  {
    files: ['server/**/*.ts'],
    rules: restrict([group('server/ imports only schema/, never the PWA', '@/*', '../src/*', '../../src/*', 'react', 'dexie')]),
  },
);

// The databases every DB test runs on: embedded PGlite always, real PostgreSQL when DATABASE_URL is
// set (each run in its own fresh schema, dropped afterwards, so parallel runs never collide).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS } from '../db/migrate.ts';
import { dropPostgresSchema, openPGlite, openPostgres, type DatabaseKind, type OpenDatabase } from '../db/open.ts';

export const DATABASE_URL = process.env['DATABASE_URL'] || undefined;

export const DATABASES: { kind: DatabaseKind; skip: boolean }[] = [
  { kind: 'pglite', skip: false },
  { kind: 'postgres', skip: DATABASE_URL === undefined },
];

export interface TestDatabase extends OpenDatabase {
  /** For PostgreSQL: the schema of this run. */
  schema?: string;
}

/**
 * A migrated empty PGlite database as a tarball, cached in the temp folder per migration set: loading
 * it takes a few seconds where initdb takes many more on a busy 2-core machine.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const digest = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 12);
  const file = path.join(os.tmpdir(), `rodyna-pglite-0.5.16-${digest}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const fresh = await openPGlite(undefined);
  const dump = await fresh.dump?.();
  await fresh.close();
  if (!dump) throw new Error('PGlite dump failed');
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, new Uint8Array(await dump.arrayBuffer()));
  fs.renameSync(temp, file);
  return dump;
}

/** Puts a migrated empty database into a folder, for tests that start the real server on it. */
export async function seedPGliteFolder(folder: string): Promise<void> {
  const seeded = await openPGlite(folder, await pgliteTemplate());
  await seeded.close();
}

export async function openTestDatabase(kind: DatabaseKind, options: { max?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') return openPGlite(undefined, await pgliteTemplate());
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const url = DATABASE_URL;
  const schema = `rodyna_t_${randomBytes(6).toString('hex')}`;
  const opened = await openPostgres({ url, schema, ...(options.max === undefined ? {} : { max: options.max }) });
  return {
    ...opened,
    schema,
    async close() {
      await opened.close();
      await dropPostgresSchema(url, schema);
    },
  };
}

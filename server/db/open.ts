// Opens the database the server runs on: embedded PGlite in a folder (default) or PostgreSQL by URL.
// Both get the same migrations and the same Kysely API; int8 stays a decimal string on both.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import fs from 'node:fs';
import pg from 'pg';
import { migrate, type MigrationHooks } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './types.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** PGlite only: the whole database as a tarball (tests start new databases from it). */
  dump?: () => Promise<Blob>;
  /** Flushes and closes; for PGlite runs CHECKPOINT first so the folder is consistent. */
  close(): Promise<void>;
}

const INT8_OID = 20;

/**
 * `dataDir` undefined means in memory (tests). `template` is a tarball from `dumpDataDir` to start
 * from instead of running initdb (which is the slow part of a first open).
 */
export async function openPGlite(dataDir: string | undefined, template?: Blob, hooks: MigrationHooks = {}): Promise<OpenDatabase> {
  if (dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(template === undefined ? {} : { loadDataDir: template }),
    parsers: { [INT8_OID]: (value: string) => value },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrate(db, hooks);
  return {
    db,
    kind: 'pglite',
    dump: async () => pglite.dumpDataDir('none'),
    async close() {
      await sql`checkpoint`.execute(db);
      await db.destroy();
      await pglite.close();
    },
  };
}

export interface PostgresOptions {
  url: string;
  /** A schema to work in (tests use a fresh one per run); created if missing. */
  schema?: string;
  max?: number;
  hooks?: MigrationHooks;
}

export async function openPostgres(options: PostgresOptions): Promise<OpenDatabase> {
  if (options.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${options.schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // A pool error on an idle client must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, options.hooks);
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy();
    },
  };
}

/** Drops a test schema made by `openPostgres({ schema })`. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

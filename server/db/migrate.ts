// Runs the numbered migrations in one transaction at start and records each in `schema_migration`.
// An advisory lock keeps two servers starting together on one PostgreSQL from racing.
import { sql, type Kysely } from 'kysely';
import { statements as initial } from './migrations/001-initial.ts';
import { statements as quarantineReview } from './migrations/002-quarantine-review.ts';
import type { Database } from './types.ts';

interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', statements: initial },
  { version: 2, name: 'quarantine-review', statements: quarantineReview },
];

/** Applies the missing migrations; returns the versions applied now. */
export async function migrate(db: Kysely<Database>): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    await sql`create table if not exists schema_migration (
      version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(trx);
    const done = await sql<{ version: number }>`select version from schema_migration`.execute(trx);
    const applied = new Set(done.rows.map((r) => r.version));
    const now: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await sql`insert into schema_migration (version, name) values (${migration.version}, ${migration.name})`.execute(trx);
      now.push(migration.version);
    }
    return now;
  });
}

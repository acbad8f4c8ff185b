// Runs the numbered migrations in one transaction at start and records each in `schema_migration`.
// An advisory lock keeps two servers starting together on one PostgreSQL from racing.
import { sql, type Kysely } from 'kysely';
import { statements as initial } from './migrations/001-initial.ts';
import { statements as quarantineReview } from './migrations/002-quarantine-review.ts';
import { statements as secretOutAndLimits } from './migrations/003-secret-out-and-limits.ts';
import { statements as organisationRecords } from './migrations/004-organisation-records.ts';
import { statements as gatheringPointIds } from './migrations/005-gathering-point-ids.ts';
import { statements as serverAuthored } from './migrations/006-server-authored.ts';
import type { Database } from './types.ts';

interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', statements: initial },
  { version: 2, name: 'quarantine-review', statements: quarantineReview },
  { version: 3, name: 'secret-out-and-limits', statements: secretOutAndLimits },
  { version: 4, name: 'organisation-records', statements: organisationRecords },
  { version: 5, name: 'gathering-point-ids', statements: gatheringPointIds },
  { version: 6, name: 'server-authored', statements: serverAuthored },
];

/**
 * Work in code that must run inside the migration transaction just before a version's statements:
 * version 3 hands the database's token secret to `onTokenSecret` (which writes it to the key file)
 * before deleting it. If that throws, nothing is migrated and the secret stays where it was.
 */
export interface MigrationHooks {
  onTokenSecret?: (secret: string) => void;
}

/** Applies the missing migrations; returns the versions applied now. */
export async function migrate(db: Kysely<Database>, hooks: MigrationHooks = {}): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    await sql`create table if not exists schema_migration (
      version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(trx);
    const done = await sql<{ version: number }>`select version from schema_migration`.execute(trx);
    const applied = new Set(done.rows.map((r) => r.version));
    const now: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      if (migration.version === 3 && hooks.onTokenSecret) {
        const secret = await sql<{ value: string }>`select value from app_setting where key = 'token_secret'`.execute(trx);
        const value = secret.rows[0]?.value;
        if (value) hooks.onTokenSecret(value);
      }
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await sql`insert into schema_migration (version, name) values (${migration.version}, ${migration.name})`.execute(trx);
      now.push(migration.version);
    }
    return now;
  });
}

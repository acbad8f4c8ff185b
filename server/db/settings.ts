// Server-wide settings kept in the database (so every process behind a load balancer shares them):
// the access-token signing secret is generated once, on first run.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './types.ts';

export async function getOrCreateSetting(db: Kysely<Database>, key: string, make: () => string): Promise<string> {
  await db.insertInto('app_setting').values({ key, value: make() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

export function getTokenSecret(db: Kysely<Database>): Promise<string> {
  return getOrCreateSetting(db, 'token_secret', () => randomBytes(32).toString('base64url'));
}

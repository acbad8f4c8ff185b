// Server-wide settings kept in the database (so every process behind a load balancer shares them).
// Never a secret: the token signing keys live outside the database (server/auth/token-keys.ts).
import type { Kysely } from 'kysely';
import type { Database } from './types.ts';

export async function getOrCreateSetting(db: Kysely<Database>, key: string, make: () => string): Promise<string> {
  await db.insertInto('app_setting').values({ key, value: make() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

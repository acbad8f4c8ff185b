// Rate limits and lockouts as fixed-window counters in the database (table rate_limit), so every server
// process behind a load balancer counts the same attempts. Keys are hashed before they are stored.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './types.ts';

export type LimitBucket = 'auth_address' | 'login_failure' | 'push_mutations' | 'push_bytes';

/** A stored key: a hash, so the table never holds an address or a login. */
export function limitKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40);
}

export interface WindowCount {
  count: number;
  /** When the window ends and the count starts again from zero. */
  resetAt: Date;
}

/** Adds `amount` to the key's count in the current window (a new window if the last one is over). One statement. */
export async function countHit(db: Kysely<Database>, bucket: LimitBucket, key: string, windowMs: number, now: Date, amount = 1): Promise<WindowCount> {
  const cutoff = new Date(now.getTime() - windowMs);
  const row = await sql<{ count: string; window_start: Date }>`
    insert into rate_limit (bucket, key, window_start, count) values (${bucket}, ${key}, ${now}, ${amount})
    on conflict (bucket, key) do update set
      count = case when rate_limit.window_start <= ${cutoff} then excluded.count else rate_limit.count + excluded.count end,
      window_start = case when rate_limit.window_start <= ${cutoff} then excluded.window_start else rate_limit.window_start end
    returning count, window_start`.execute(db);
  const first = row.rows[0];
  if (!first) throw new Error('rate_limit upsert returned nothing');
  // Now and then, forget windows long over (cheap, and no job to schedule).
  if (Math.random() < 0.01) await sql`delete from rate_limit where window_start < ${new Date(now.getTime() - 24 * 3600_000)}`.execute(db);
  return { count: Number(first.count), resetAt: new Date(new Date(first.window_start).getTime() + windowMs) };
}

/** The key's count in the current window, without adding to it (0 when the window is over). */
export async function peekCount(db: Kysely<Database>, bucket: LimitBucket, key: string, windowMs: number, now: Date): Promise<WindowCount> {
  const row = await db.selectFrom('rate_limit').select(['count', 'window_start']).where('bucket', '=', bucket).where('key', '=', key).executeTakeFirst();
  const start = row ? new Date(row.window_start).getTime() : 0;
  if (!row || start <= now.getTime() - windowMs) return { count: 0, resetAt: now };
  return { count: Number(row.count), resetAt: new Date(start + windowMs) };
}

export async function clearCount(db: Kysely<Database>, bucket: LimitBucket, key: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('bucket', '=', bucket).where('key', '=', key).execute();
}

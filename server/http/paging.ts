// Keyset paging for coordinator lists: an opaque cursor (the last row's sort key, base64url JSON) and a
// page size with a maximum, so a list answers in one bounded page however many rows there are. The
// `?cursor=&limit=` query is part of each list's definition (schema/admin.ts pageQuerySchema).
import { z } from 'zod';
import { HttpError } from './errors.ts';

export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

const PG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-])(\d{2})(:\d{2})?(:\d{2})?$/;

/**
 * A timestamptz as PostgreSQL prints it (`2026-12-01 09:30:12.123456+00`), checked field by field: the
 * database would refuse an impossible date with an error, and a cursor from outside must never cause a 5xx.
 */
export function isPgTimestamp(text: string): boolean {
  const m = PG_TIMESTAMP.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s, , , oh] = m.slice(1).map((v) => Number(v ?? '0'));
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined || oh === undefined) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60 && oh <= 15;
}

export const cursorTimestamp = z.string().refine(isPgTimestamp);
export const cursorSeq = z.string().regex(/^(0|[1-9][0-9]{0,17})$/);

/** The cursor's parts, checked with `schema`, or 400 if it was not made by `encodeCursor` for this list. */
export function decodeCursor<S extends z.ZodType<string[]>>(cursor: string | undefined, schema: S): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  const checked = schema.safeParse(parts);
  if (!checked.success) {
    throw new HttpError(400, 'invalid_request', 'The cursor is not valid: use the nextCursor of the previous page.', { issues: [{ path: 'cursor', message: 'invalid cursor' }] });
  }
  return checked.data;
}

/** Splits the `limit + 1` rows read into the page and the cursor of the next page (null at the end). */
export function takePage<T>(rows: T[], limit: number, key: (row: T) => string[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
}

// The SQL of the server's matcher (server/sync/suggest.ts): what changed since its cursor, the sought persons
// and inquiries it matches over (only the fields it reads, taken out of the JSON by the database), and the
// writes of its suggestions, authored by the server (no device, migration 005).
import { sql, type Kysely, type Transaction } from 'kysely';
import { chunked, MAX_STATEMENT_PARAMS, type SyncClock } from './records.ts';
import { json, type Database } from './types.ts';

type Trx = Transaction<Database>;
type Db = Kysely<Database> | Trx;

/** The last seq the matcher has looked at, shared by every server process. */
const CURSOR_KEY = 'suggestions.cursor';

export async function readSuggestCursor(db: Db, forUpdate = false): Promise<string> {
  let query = db.selectFrom('app_setting').select('value').where('key', '=', CURSOR_KEY);
  if (forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst())?.value ?? '0';
}

export async function saveSuggestCursor(trx: Trx, seq: string): Promise<void> {
  await trx.insertInto('app_setting').values({ key: CURSOR_KEY, value: seq }).onConflict((oc) => oc.column('key').doUpdateSet({ value: seq })).execute();
}

/** The types whose changes make the matcher look again. */
export const WATCHED_TYPES = ['batchEntry', 'soughtPerson', 'inquiry'] as const;
export type WatchedType = (typeof WATCHED_TYPES)[number];

export interface ChangeKey {
  type: WatchedType;
  id: string;
  seq: string;
}

/** The first `limit` changes of the watched types after `after`, up to `upto`, in seq (commit) order. */
export async function watchedChanges(db: Db, after: string, upto: string, limit: number): Promise<ChangeKey[]> {
  const rows = await db
    .selectFrom('record')
    .select(['type', 'id', 'seq'])
    .where('type', 'in', [...WATCHED_TYPES])
    .where('seq', '>', after)
    .where('seq', '<=', upto)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows as ChangeKey[];
}

export interface PersonRow {
  id: string;
  spaceId: string;
  seq: string;
  deleted: boolean;
  surname: string;
  givenName: string;
  patronymic: string;
  dateOfBirth: string;
  unit: string;
}

/** Sought persons changed after `after` (all of them from '0'), only the fields the matcher reads. */
export async function personsSince(db: Db, after: string): Promise<PersonRow[]> {
  const rows = await db
    .selectFrom('record')
    .select([
      'id', 'space_id as spaceId', 'seq', 'deleted',
      sql<string>`coalesce(data->>'surname', '')`.as('surname'),
      sql<string>`coalesce(data->>'givenName', '')`.as('givenName'),
      sql<string>`coalesce(data->>'patronymic', '')`.as('patronymic'),
      sql<string>`coalesce(data->>'dateOfBirth', '')`.as('dateOfBirth'),
      sql<string>`coalesce(data->>'unit', '')`.as('unit'),
    ])
    .where('type', '=', 'soughtPerson')
    .where('seq', '>', after)
    .orderBy('seq')
    .execute();
  return rows as PersonRow[];
}

export interface InquiryRow {
  id: string;
  spaceId: string;
  seq: string;
  deleted: boolean;
  soughtPersonIds: string[];
  reference: string;
  /** The family agreed to be matched against lists (and has not withdrawn its consent). */
  toBeMatched: boolean;
  /** The family agreed to share with coordinators: what another point's coordinator may be shown. */
  sharesWithCoordinators: boolean;
}

/** Inquiries changed after `after`: which persons they seek, their consent, and how to name them. */
export async function inquiriesSince(db: Db, after: string): Promise<InquiryRow[]> {
  const rows = await db
    .selectFrom('record')
    .select([
      'id', 'space_id as spaceId', 'seq', 'deleted',
      sql<string[]>`coalesce(data->'soughtPersonIds', '[]'::jsonb)`.as('soughtPersonIds'),
      sql<string>`coalesce(data->>'reference', '')`.as('reference'),
      sql<boolean>`coalesce((data->'consent'->>'toBeMatched')::boolean, false) and coalesce(data->'consent'->>'withdrawnOn', '') = ''`.as('toBeMatched'),
      sql<boolean>`coalesce(data->'consent'->'shareWith' ? 'coordinators', false)`.as('sharesWithCoordinators'),
    ])
    .where('type', '=', 'inquiry')
    .where('seq', '>', after)
    .orderBy('seq')
    .execute();
  return rows as InquiryRow[];
}

/** Gathering points by id, to name the point of another space's person. */
export async function spaceNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('space').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface EntryRow {
  id: string;
  deleted: boolean;
  surname: string;
  givenName: string;
  patronymic: string;
  fullName: string;
  birthDate: string;
  unit: string;
}

const ENTRY_FIELDS = [
  sql<string>`coalesce(data->>'surname', '')`.as('surname'),
  sql<string>`coalesce(data->>'givenName', '')`.as('givenName'),
  sql<string>`coalesce(data->>'patronymic', '')`.as('patronymic'),
  sql<string>`coalesce(data->>'fullName', '')`.as('fullName'),
  sql<string>`coalesce(data->>'birthDate', '')`.as('birthDate'),
  sql<string>`coalesce(data->>'unit', '')`.as('unit'),
] as const;

/** Batch entries changed after `after` (all of them from '0'), only the fields the matcher reads. */
export async function entriesSince(db: Db, after: string): Promise<(EntryRow & { seq: string })[]> {
  const rows = await db.selectFrom('record').select(['id', 'deleted', 'seq', ...ENTRY_FIELDS]).where('type', '=', 'batchEntry').where('seq', '>', after).orderBy('seq').execute();
  return rows as (EntryRow & { seq: string })[];
}

/** These batch entries, only the fields the matcher reads. */
export async function entriesByIds(db: Db, ids: string[]): Promise<EntryRow[]> {
  const out: EntryRow[] = [];
  for (const part of chunked(ids, MAX_STATEMENT_PARAMS - 10)) {
    const rows = await db
      .selectFrom('record')
      .select(['id', 'deleted', ...ENTRY_FIELDS])
      .where('type', '=', 'batchEntry')
      .where('id', 'in', part)
      .execute();
    out.push(...(rows as EntryRow[]));
  }
  return out;
}

export interface Suggestion {
  id: string;
  spaceId: string;
  data: Record<string, unknown>;
}

export interface ExistingCandidate {
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
  /** null: last written by the server (a suggestion nobody has decided on). */
  updatedByDevice: string | null;
}

export async function existingCandidates(trx: Trx, ids: string[]): Promise<Map<string, ExistingCandidate>> {
  const found = new Map<string, ExistingCandidate>();
  for (const part of chunked(ids, MAX_STATEMENT_PARAMS - 10)) {
    const rows = await trx
      .selectFrom('record')
      .select(['id', 'version', 'deleted', 'data', 'updated_by_device as updatedByDevice'])
      .where('type', '=', 'candidateMatch')
      .where('id', 'in', part)
      .forUpdate()
      .execute();
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/**
 * The server's own undecided suggestions that carry a summary of one of these persons (the other point's copy),
 * locked for the write that takes the summary out.
 */
export async function summariesOf(trx: Trx, personIds: string[]): Promise<(ExistingCandidate & { spaceId: string })[]> {
  const out: (ExistingCandidate & { spaceId: string })[] = [];
  for (const part of chunked(personIds, MAX_STATEMENT_PARAMS - 10)) {
    if (part.length === 0) continue;
    const rows = await trx
      .selectFrom('record')
      .select(['id', 'space_id as spaceId', 'version', 'deleted', 'data', 'updated_by_device as updatedByDevice'])
      .where('type', '=', 'candidateMatch')
      .where('updated_by_device', 'is', null)
      .where('deleted', '=', false)
      .where(sql<boolean>`data->>'otherSoughtPersonId' = any(${part}::text[])`)
      .where(sql<boolean>`data ? 'other'`)
      .forUpdate()
      .execute();
    for (const row of rows) if (row.spaceId !== null) out.push({ ...row, spaceId: row.spaceId });
  }
  return out;
}

/**
 * Writes new suggestions at version 1 and new versions of the server's own undecided ones, with their history,
 * authored by the server. Field versions stay empty: a suggestion is nobody's decision, so the first
 * coordinator's decision on it (even one made before pulling it, a create from version 0) applies and never
 * conflicts with it. Rows per statement stay under the parameter limit.
 */
export async function writeSuggestions(
  trx: Trx,
  clock: SyncClock,
  inserts: Suggestion[],
  updates: { suggestion: Suggestion; version: number }[],
  now: Date,
): Promise<void> {
  for (const part of chunked(inserts, Math.floor(MAX_STATEMENT_PARAMS / 12))) {
    const rows = part.map((s) => ({ ...s, seq: clock.next() }));
    await trx
      .insertInto('record')
      .values(rows.map((r) => ({
        type: 'candidateMatch', id: r.id, space_id: r.spaceId, version: 1, seq: r.seq, data: json(r.data), field_versions: json({}),
        created_by_device: null, updated_by_device: null, created_at: now, updated_at: now,
      })))
      .execute();
    await insertServerHistory(trx, rows.map((r) => ({ ...r, version: 1 })), now);
  }
  for (const { suggestion, version } of updates) {
    const seq = clock.next();
    await trx
      .updateTable('record')
      .set({ version: version + 1, seq, data: json(suggestion.data), updated_by_device: null, updated_at: now })
      .where('type', '=', 'candidateMatch')
      .where('id', '=', suggestion.id)
      .execute();
    await insertServerHistory(trx, [{ ...suggestion, seq, version: version + 1 }], now);
  }
}

async function insertServerHistory(trx: Trx, rows: (Suggestion & { seq: string; version: number })[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('record_history')
    .values(rows.map((r) => ({
      type: 'candidateMatch', id: r.id, version: r.version, seq: r.seq, space_id: r.spaceId, data: json(r.data), deleted: false, reason: null,
      changed_by_device: null, changed_by_user: null, mutation_id: null, changed_at: now,
    })))
    .execute();
}

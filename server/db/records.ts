// The synced records, their history, the mutation log, conflicts and the sync clock. Every write to
// `record` happens inside a transaction that holds the clock row, so `seq` order equals commit order.
import { sql, type Kysely, type Transaction } from 'kysely';
import { nextVersion } from '../../schema/merge.ts';
import type { RecordType } from '../../schema/records.ts';
import { json, type ConflictKind, type Database, type FieldVersions, type MutationResult } from './types.ts';

type Trx = Transaction<Database>;
type Db = Kysely<Database> | Trx;

/** Hands out the seqs of one transaction; `lock` must be called first inside it. */
export class SyncClock {
  #seq = 0n;
  #locked = false;

  async lock(trx: Trx): Promise<void> {
    const row = await sql<{ seq: string }>`select seq from sync_clock where id = 1 for update`.execute(trx);
    this.#seq = BigInt(row.rows[0]?.seq ?? '0');
    this.#locked = true;
  }

  next(): string {
    if (!this.#locked) throw new Error('sync clock used before it was locked');
    this.#seq += 1n;
    return this.#seq.toString();
  }

  /** The last seq handed out, so a push that must apply its batch again can start from the same place. */
  mark(): bigint {
    return this.#seq;
  }

  rewind(to: bigint): void {
    this.#seq = to;
  }

  async save(trx: Trx): Promise<void> {
    await trx.updateTable('sync_clock').set({ seq: this.#seq.toString() }).where('id', '=', 1).execute();
  }
}

export async function readClock(db: Db): Promise<string> {
  const row = await db.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.seq;
}

export interface RecordRow {
  type: RecordType;
  id: string;
  spaceId: string | null;
  version: number;
  seq: string;
  data: Record<string, unknown>;
  deleted: boolean;
  fieldVersions: FieldVersions;
  createdByDevice: string;
  updatedByDevice: string;
  updatedAt: Date;
}

const RECORD_COLUMNS = [
  'type', 'id', 'space_id as spaceId', 'version', 'seq', 'data', 'deleted', 'field_versions as fieldVersions',
  'created_by_device as createdByDevice', 'updated_by_device as updatedByDevice', 'updated_at as updatedAt',
] as const;

/**
 * The full rows of these records, keyed `type:id`: one query per 29,900 keys (the ids must be uuids). What
 * a push reads once for its whole batch.
 */
export async function findRecords(db: Db, keys: readonly { type: string; id: string }[]): Promise<Map<string, RecordRow>> {
  const found = new Map<string, RecordRow>();
  for (const part of chunked(keys, MAX_STATEMENT_PARAMS - 100)) {
    const rows = await db
      .selectFrom('record')
      .select(RECORD_COLUMNS)
      .where('type', 'in', [...new Set(part.map((k) => k.type))])
      .where('id', 'in', [...new Set(part.map((k) => k.id))])
      .execute();
    for (const row of rows as RecordRow[]) found.set(`${row.type}:${row.id}`, row);
  }
  const wanted = new Set(keys.map((k) => `${k.type}:${k.id}`));
  for (const key of found.keys()) if (!wanted.has(key)) found.delete(key);
  return found;
}

export async function findRecord(db: Db, type: string, id: string, forUpdate = false): Promise<RecordRow | undefined> {
  let query = db
    .selectFrom('record')
    .select(RECORD_COLUMNS)
    .where('type', '=', type)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row as RecordRow | undefined;
}

export interface Author {
  deviceId: string;
  userId: string;
}

export interface NewRecord {
  type: RecordType;
  id: string;
  spaceId: string | null;
  seq: string;
  data: Record<string, unknown>;
}

/**
 * PostgreSQL refuses a statement with more than 65,535 parameters (the count is 16 bits), so every statement
 * built from a list that comes from a push or a pull is cut into pieces of at most this many parameters.
 */
export const MAX_STATEMENT_PARAMS = 30_000;

/** `items` in runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}

/** Rows per multi-row insert of `columns` columns under the parameter limit. */
const rowsPerInsert = (columns: number): number => Math.floor(MAX_STATEMENT_PARAMS / columns);

/** Inserts records at version 1 with their first history rows: two statements per 2,500 records. */
export async function insertRecords(trx: Trx, records: NewRecord[], author: Author, mutationId: string | null, now: Date): Promise<void> {
  for (const part of chunked(records, rowsPerInsert(12))) await insertRecordRun(trx, part, author, mutationId, now);
}

async function insertRecordRun(trx: Trx, records: NewRecord[], author: Author, mutationId: string | null, now: Date): Promise<void> {
  if (records.length === 0) return;
  const at = now.toISOString();
  await trx
    .insertInto('record')
    .values(records.map((r) => {
      const fieldVersions: FieldVersions = {};
      for (const field of Object.keys(r.data)) fieldVersions[field] = { version: 1, deviceId: author.deviceId, userId: author.userId, at };
      return {
        type: r.type, id: r.id, space_id: r.spaceId, version: 1, seq: r.seq, data: json(r.data), field_versions: json(fieldVersions),
        created_by_device: author.deviceId, updated_by_device: author.deviceId, created_at: now, updated_at: now,
      };
    }))
    .execute();
  await trx
    .insertInto('record_history')
    .values(records.map((r) => ({
      type: r.type, id: r.id, version: 1, seq: r.seq, space_id: r.spaceId, data: json(r.data), deleted: false, reason: null,
      changed_by_device: author.deviceId, changed_by_user: author.userId, mutation_id: mutationId, changed_at: now,
    })))
    .execute();
}

/** Which of these records exist already (one query), keyed `type:id`. */
export async function existingRecords(db: Db, keys: { type: string; id: string }[]): Promise<Map<string, { spaceId: string | null; deleted: boolean }>> {
  if (keys.length === 0) return new Map();
  const rows = [];
  for (const part of chunked(keys, MAX_STATEMENT_PARAMS - 100)) {
    const found = await db
      .selectFrom('record')
      .select(['type', 'id', 'space_id as spaceId', 'deleted'])
      // Both key columns, so the primary key (type, id) is used: by id alone every push scanned the table.
      .where('type', 'in', [...new Set(part.map((k) => k.type))])
      .where('id', 'in', part.map((k) => k.id))
      .execute();
    rows.push(...found);
  }
  const wanted = new Set(keys.map((k) => `${k.type}:${k.id}`));
  return new Map(rows.filter((r) => wanted.has(`${r.type}:${r.id}`)).map((r) => [`${r.type}:${r.id}`, { spaceId: r.spaceId, deleted: r.deleted }]));
}

export async function updateRecord(
  trx: Trx,
  input: {
    record: RecordRow; seq: string; data: Record<string, unknown>; deleted: boolean; fieldVersions: FieldVersions;
    author: Author; mutationId: string | null; reason: string | null; now: Date;
  },
): Promise<number> {
  const version = nextVersion(input.record.version);
  await trx
    .updateTable('record')
    .set({
      version, seq: input.seq, data: json(input.data), deleted: input.deleted, field_versions: json(input.fieldVersions),
      updated_by_device: input.author.deviceId, updated_at: input.now,
    })
    .where('type', '=', input.record.type)
    .where('id', '=', input.record.id)
    .execute();
  await insertHistory(trx, { type: input.record.type, id: input.record.id, spaceId: input.record.spaceId, seq: input.seq, data: input.data, author: input.author, mutationId: input.mutationId, now: input.now, version, deleted: input.deleted, reason: input.reason });
  return version;
}

async function insertHistory(
  trx: Trx,
  input: { type: string; id: string; spaceId: string | null; seq: string; data: Record<string, unknown>; author: Author; mutationId: string | null; now: Date; version: number; deleted: boolean; reason: string | null },
): Promise<void> {
  await trx
    .insertInto('record_history')
    .values({
      type: input.type, id: input.id, version: input.version, seq: input.seq, space_id: input.spaceId, data: json(input.data),
      deleted: input.deleted, reason: input.reason, changed_by_device: input.author.deviceId, changed_by_user: input.author.userId,
      mutation_id: input.mutationId, changed_at: input.now,
    })
    .execute();
}

/** True when a device other than `deviceId` wrote a version of the record after `baseVersion`. */
export async function changedByOthersSince(db: Db, type: string, id: string, baseVersion: number, deviceId: string): Promise<{ deviceId: string; userId: string; at: Date; version: number } | undefined> {
  return db
    .selectFrom('record_history')
    .select(['changed_by_device as deviceId', 'changed_by_user as userId', 'changed_at as at', 'version'])
    .where('type', '=', type)
    .where('id', '=', id)
    .where('version', '>', baseVersion)
    .where('changed_by_device', '!=', deviceId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export interface NewConflict {
  id: string; kind: ConflictKind; recordType: string; recordId: string; spaceId: string | null; field: string | null;
  keptValue: unknown; kept: { deviceId: string; userId: string; at: string | Date } | null; keptVersion: number;
  proposedValue: unknown; proposed: Author; mutationId: string; now: Date;
}

function conflictRow(input: NewConflict) {
  return {
    id: input.id, kind: input.kind, record_type: input.recordType, record_id: input.recordId, space_id: input.spaceId, field: input.field,
    kept_value: input.keptValue === undefined ? null : json(input.keptValue), kept_device: input.kept?.deviceId ?? null,
    kept_user: input.kept?.userId ?? null, kept_at: input.kept ? new Date(input.kept.at) : null, kept_version: input.keptVersion,
    proposed_value: input.proposedValue === undefined ? null : json(input.proposedValue), proposed_device: input.proposed.deviceId,
    proposed_user: input.proposed.userId, proposed_at: input.now, mutation_id: input.mutationId,
  };
}

export async function insertConflict(trx: Trx, input: NewConflict): Promise<void> {
  await trx.insertInto('conflict').values(conflictRow(input)).execute();
}

/** One version of a record as its history keeps it. */
export interface HistoryEntry {
  type: string; id: string; version: number; seq: string; spaceId: string | null; data: Record<string, unknown>; deleted: boolean;
  reason: string | null; author: Author; mutationId: string | null; at: Date;
}

/** What a push changed in the records: new ones as their final state, existing ones as theirs, every version, the conflicts. */
export interface RecordChanges {
  created: (RecordRow & { createdAt: Date })[];
  updated: RecordRow[];
  history: HistoryEntry[];
  conflicts: NewConflict[];
}

export const NO_RECORD_CHANGES: RecordChanges = { created: [], updated: [], history: [], conflicts: [] };

/** What a push writes once it has decided every mutation. */
export interface PushWrites {
  changes: RecordChanges;
  log: LogEntry[];
  deviceId: string;
  /** The device's last acknowledged mutation seq. */
  lastMutationSeq: number;
  /** The clock's newest seq. */
  clockSeq: string;
}

// Parameters per row of each multi-row statement.
const CREATED_PARAMS = 12;
const UPDATED_PARAMS = 9;
const HISTORY_PARAMS = 12;
const CONFLICT_PARAMS = 17;
const LOG_PARAMS = 9;

function createdRows(rows: RecordChanges['created']) {
  return rows.map((r) => ({
    type: r.type, id: r.id, space_id: r.spaceId, version: r.version, seq: r.seq, data: json(r.data), deleted: r.deleted,
    field_versions: json(r.fieldVersions), created_by_device: r.createdByDevice, updated_by_device: r.updatedByDevice,
    created_at: r.createdAt, updated_at: r.updatedAt,
  }));
}

function historyRows(rows: HistoryEntry[]) {
  return rows.map((h) => ({
    type: h.type, id: h.id, version: h.version, seq: h.seq, space_id: h.spaceId, data: json(h.data), deleted: h.deleted, reason: h.reason,
    changed_by_device: h.author.deviceId, changed_by_user: h.author.userId, mutation_id: h.mutationId, changed_at: h.at,
  }));
}

function logRows(entries: LogEntry[]) {
  return entries.map((e) => ({
    device_id: e.deviceId, mutation_seq: e.mutationSeq, mutation_id: e.mutationId, name: e.name,
    args: json(e.args ?? null), result: e.result, reason: e.reason, conflict_ids: json(e.conflictIds), received_at: e.now,
  }));
}

/** Existing records set to their new state, `returning 1` per row changed. */
function updateRecordsQuery(rows: RecordRow[]) {
  // Casts on every row: a VALUES list takes its column types from its rows, and text would not compare with uuid.
  const values = sql.join(rows.map((r) => sql`(${r.type}, ${r.id}::uuid, ${r.version}::int, ${r.seq}::bigint, ${json(r.data)}::jsonb, ${r.deleted}::boolean, ${json(r.fieldVersions)}::jsonb, ${r.updatedByDevice}::uuid, ${r.updatedAt}::timestamptz)`));
  return sql`
    update record as r set version = v.version, seq = v.seq, data = v.data, deleted = v.deleted, field_versions = v.field_versions,
      updated_by_device = v.updated_by_device, updated_at = v.updated_at
    from (values ${values}) as v (type, id, version, seq, data, deleted, field_versions, updated_by_device, updated_at)
    where r.type = v.type and r.id = v.id
    returning 1`;
}

/** Every row was read in this transaction under the clock lock; one missing now is a bug, not a race. */
function checkUpdated(updated: number | bigint, expected: number): void {
  if (BigInt(updated) !== BigInt(expected)) throw new Error(`updated ${updated} of ${expected} records`);
}

/**
 * Writes what a push decided: its record changes, its log, the device's acknowledged seq and the clock. One
 * statement when it fits under the parameter limit (data-modifying CTEs: each statement under the clock lock
 * makes every other push wait), else multi-row statements cut under the limit.
 */
export async function writePush(trx: Trx, w: PushWrites): Promise<void> {
  const { created, updated, history, conflicts } = w.changes;
  const params = created.length * CREATED_PARAMS + updated.length * UPDATED_PARAMS + history.length * HISTORY_PARAMS
    + conflicts.length * CONFLICT_PARAMS + w.log.length * LOG_PARAMS + 3;
  if (params > MAX_STATEMENT_PARAMS) {
    await writeRecordChanges(trx, w.changes);
    await insertLogEntries(trx, w.log);
    await saveDeviceSeq(trx, w.deviceId, w.lastMutationSeq);
    await trx.updateTable('sync_clock').set({ seq: w.clockSeq }).where('id', '=', 1).execute();
    return;
  }
  const steps = [
    ...(created.length ? [trx.insertInto('record').values(createdRows(created))] : []),
    ...(history.length ? [trx.insertInto('record_history').values(historyRows(history))] : []),
    ...(conflicts.length ? [trx.insertInto('conflict').values(conflicts.map(conflictRow))] : []),
    ...(w.log.length ? [trx.insertInto('mutation_log').values(logRows(w.log))] : []),
    trx.updateTable('device').set({ last_mutation_seq: w.lastMutationSeq }).where('id', '=', w.deviceId),
    trx.updateTable('sync_clock').set({ seq: w.clockSeq }).where('id', '=', 1),
  ];
  const ctes = [...steps.map((q, i) => sql`${sql.ref(`w${i}`)} as (${q})`), sql`updated as (${updated.length ? updateRecordsQuery(updated) : sql`select 1 where false`})`];
  const result = await sql<{ n: number }>`with ${sql.join(ctes)} select count(*)::int as n from updated`.execute(trx);
  checkUpdated(result.rows[0]?.n ?? 0, updated.length);
}

/** A push's record changes in multi-row statements, each under the parameter limit. */
export async function writeRecordChanges(trx: Trx, changes: RecordChanges): Promise<void> {
  for (const part of chunked(changes.created, rowsPerInsert(CREATED_PARAMS))) await trx.insertInto('record').values(createdRows(part)).execute();
  for (const part of chunked(changes.updated, rowsPerInsert(UPDATED_PARAMS))) {
    const result = await updateRecordsQuery(part).execute(trx);
    checkUpdated(result.rows.length, part.length);
  }
  for (const part of chunked(changes.history, rowsPerInsert(HISTORY_PARAMS))) await trx.insertInto('record_history').values(historyRows(part)).execute();
  for (const part of chunked(changes.conflicts, rowsPerInsert(CONFLICT_PARAMS))) await trx.insertInto('conflict').values(part.map(conflictRow)).execute();
}

// ----- device acknowledgement and the mutation log -----

export async function lockDeviceSeq(trx: Trx, deviceId: string): Promise<number> {
  const row = await trx.selectFrom('device').select('last_mutation_seq').where('id', '=', deviceId).forUpdate().executeTakeFirstOrThrow();
  return Number(row.last_mutation_seq);
}

export async function saveDeviceSeq(trx: Trx, deviceId: string, seq: number): Promise<void> {
  await trx.updateTable('device').set({ last_mutation_seq: seq }).where('id', '=', deviceId).execute();
}

/** What a logged mutation's first outcome was, repeated to a device that replays it. */
export interface LoggedOutcome {
  result: MutationResult;
  reason: string | null;
  conflictIds: string[];
}

/** The logged mutations of a device at these seqs (one query per 29,999 seqs), keyed by seq. */
export async function findLogEntries(db: Db, deviceId: string, mutationSeqs: number[]): Promise<Map<number, { mutationId: string } & LoggedOutcome>> {
  const entries = new Map<number, { mutationId: string } & LoggedOutcome>();
  for (const part of chunked(mutationSeqs, MAX_STATEMENT_PARAMS - 1)) {
    const rows = await db
      .selectFrom('mutation_log')
      .select(['mutation_seq as mutationSeq', 'mutation_id as mutationId', 'result', 'reason', 'conflict_ids as conflictIds'])
      .where('device_id', '=', deviceId)
      .where('mutation_seq', 'in', part.map(String))
      .execute();
    for (const { mutationSeq, ...entry } of rows) entries.set(Number(mutationSeq), entry);
  }
  return entries;
}

export function findLogEntry(db: Db, deviceId: string, mutationSeq: number): Promise<({ mutationId: string } & LoggedOutcome) | undefined> {
  return db
    .selectFrom('mutation_log')
    .select(['mutation_id as mutationId', 'result', 'reason', 'conflict_ids as conflictIds'])
    .where('device_id', '=', deviceId)
    .where('mutation_seq', '=', String(mutationSeq))
    .executeTakeFirst();
}

/** For each of these mutation ids already logged (not as a duplicate), its first outcome. One query per 29,999 ids. */
export async function findOriginalResults(db: Db, mutationIds: string[]): Promise<Map<string, LoggedOutcome>> {
  const outcomes = new Map<string, LoggedOutcome>();
  for (const part of chunked(mutationIds, MAX_STATEMENT_PARAMS - 1)) {
    const rows = await db
      .selectFrom('mutation_log')
      .select(['mutation_id as mutationId', 'result', 'reason', 'conflict_ids as conflictIds'])
      .where('mutation_id', 'in', part)
      .where('result', '!=', 'duplicate')
      .execute();
    for (const r of rows) outcomes.set(r.mutationId, { result: r.result, reason: r.reason, conflictIds: r.conflictIds });
  }
  return outcomes;
}

export interface LogEntry {
  deviceId: string; mutationSeq: number; mutationId: string; name: string; args: unknown; result: MutationResult; reason: string | null; conflictIds: string[]; now: Date;
}

/** Appends log rows, one statement per 3,333 rows (under the parameter limit however long the list). */
export async function insertLogEntries(trx: Trx, entries: LogEntry[]): Promise<void> {
  for (const part of chunked(entries, rowsPerInsert(LOG_PARAMS))) await trx.insertInto('mutation_log').values(logRows(part)).execute();
}

// ----- pull -----

export interface ChangeRow {
  type: RecordType;
  id: string;
  spaceId: string | null;
  version: number;
  seq: string;
  deleted: boolean;
  data: Record<string, unknown>;
  updatedAt: Date;
}

/**
 * What a device may receive, from the record registry's scopes and audiences: the types its role is an
 * audience of, in its spaces, and the organisation-wide ones when its role receives any.
 */
export interface PullScope {
  spaceIds: string[];
  spaceTypes: string[];
  organisationTypes: string[];
}

export async function changesSince(db: Db, scope: PullScope, cursor: string, limit: number): Promise<ChangeRow[]> {
  const ofSpaces = scope.spaceIds.length > 0 && scope.spaceTypes.length > 0;
  const ofOrganisation = scope.organisationTypes.length > 0;
  if (!ofSpaces && !ofOrganisation) return [];
  const rows = await db
    .selectFrom('record')
    .select(['type', 'id', 'space_id as spaceId', 'version', 'seq', 'deleted', 'data', 'updated_at as updatedAt'])
    .where((eb) =>
      eb.or([
        // The spaces as one array parameter: a coordinator's list has no bound, and this ordered, limited
        // query cannot be cut into pieces under PostgreSQL's 65,535-parameter limit.
        ...(ofSpaces ? [eb.and([sql<boolean>`space_id = any(${scope.spaceIds}::uuid[])`, eb('type', 'in', scope.spaceTypes)])] : []),
        ...(ofOrganisation ? [eb.and([eb('space_id', 'is', null), eb('type', 'in', scope.organisationTypes)])] : []),
      ]),
    )
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows as ChangeRow[];
}

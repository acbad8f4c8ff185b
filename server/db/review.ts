// What coordinators review: conflicts, record history and quarantined mutations of their spaces.
import { sql, type Kysely, type Transaction } from 'kysely';
import { json, type Database, type MutationResult } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Where a page of conflicts starts: after the last one shown (newest first, ties by id). */
export interface ConflictCursor {
  at: string;
  id: string;
}

/** One page of conflicts, newest first; `limit + 1` rows are read so the caller knows whether more follow. */
/** Conflicts of the given spaces, and of organisation-wide records when `includeOrganisation`. */
export async function listConflicts(
  db: Db,
  spaceIds: string[],
  status: 'open' | 'resolved' | 'all',
  page: { limit: number; after?: ConflictCursor | undefined },
  includeOrganisation = false,
) {
  if (spaceIds.length === 0 && !includeOrganisation) return [];
  let query = db
    .selectFrom('conflict')
    .leftJoin('app_user as ku', 'ku.id', 'conflict.kept_user')
    .leftJoin('device as kd', 'kd.id', 'conflict.kept_device')
    .innerJoin('app_user as pu', 'pu.id', 'conflict.proposed_user')
    .innerJoin('device as pd', 'pd.id', 'conflict.proposed_device')
    .leftJoin('app_user as ru', 'ru.id', 'conflict.resolved_by')
    .select([
      'conflict.id', 'conflict.kind', 'conflict.record_type as recordType', 'conflict.record_id as recordId', 'conflict.space_id as spaceId',
      'conflict.field', 'conflict.kept_value as keptValue', 'conflict.kept_version as keptVersion', 'conflict.kept_at as keptAt',
      'ku.id as keptUserId', 'ku.name as keptUserName', 'kd.id as keptDeviceId', 'kd.label as keptDeviceLabel',
      'conflict.proposed_value as proposedValue', 'conflict.proposed_at as proposedAt',
      'pu.id as proposedUserId', 'pu.name as proposedUserName', 'pd.id as proposedDeviceId', 'pd.label as proposedDeviceLabel',
      'conflict.mutation_id as mutationId', 'conflict.status', 'conflict.resolved_at as resolvedAt', 'ru.name as resolvedByName', 'conflict.resolution',
      // The cursor keeps the database's full precision (microseconds), so a page never skips a row.
      sql<string>`conflict.proposed_at::text`.as('cursorAt'),
    ])
    .where((eb) => {
      const ofSpaces = spaceIds.length ? [eb('conflict.space_id', 'in', spaceIds)] : [];
      return eb.or([...ofSpaces, ...(includeOrganisation ? [eb('conflict.space_id', 'is', null)] : [])]);
    });
  if (status !== 'all') query = query.where('conflict.status', '=', status);
  const after = page.after;
  if (after) query = query.where(sql<boolean>`(conflict.proposed_at, conflict.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('conflict.proposed_at', 'desc').orderBy('conflict.id', 'desc').limit(page.limit + 1).execute();
}

export function findConflictForUpdate(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('conflict').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markConflictResolved(trx: Transaction<Database>, id: string, userId: string, resolution: string, now: Date): Promise<void> {
  await trx.updateTable('conflict').set({ status: 'resolved', resolved_by: userId, resolved_at: now, resolution }).where('id', '=', id).execute();
}

export function recordHistory(db: Db, type: string, id: string) {
  return db
    .selectFrom('record_history')
    // Left joins: a version the server wrote itself (a suggested candidate match) has no author.
    .leftJoin('app_user', 'app_user.id', 'record_history.changed_by_user')
    .leftJoin('device', 'device.id', 'record_history.changed_by_device')
    .select([
      'record_history.version', 'record_history.seq', 'record_history.deleted', 'record_history.reason', 'record_history.data',
      'record_history.changed_at as changedAt', 'record_history.mutation_id as mutationId', 'record_history.space_id as spaceId',
      'app_user.id as userId', 'app_user.name as userName', 'device.id as deviceId', 'device.label as deviceLabel',
    ])
    .where('record_history.type', '=', type)
    .where('record_history.id', '=', id)
    .orderBy('record_history.version')
    .execute();
}

/** Held changes larger than this are listed without their content (only their size): a page stays small. */
export const HELD_CONTENT_MAX_BYTES = 64 * 1024;

export interface HeldCursor {
  at: string;
  deviceId: string;
  seq: string;
}

export type HeldStatus = 'pending' | 'decided' | 'all';

/**
 * One page of held changes from devices of the given spaces or of the coordinator, oldest first (a device's
 * changes in its own order, so a new inquiry comes before its edits), with the decision taken on each.
 */
export async function listQuarantined(db: Db, spaceIds: string[], coordinatorId: string, status: HeldStatus, page: { limit: number; after?: HeldCursor | undefined }) {
  let query = db
    .selectFrom('mutation_log')
    .innerJoin('device', 'device.id', 'mutation_log.device_id')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .leftJoin('quarantine_decision as qd', (join) => join.onRef('qd.device_id', '=', 'mutation_log.device_id').onRef('qd.mutation_seq', '=', 'mutation_log.mutation_seq'))
    .leftJoin('app_user as du', 'du.id', 'qd.decided_by_user')
    .select([
      'mutation_log.device_id as deviceId', 'device.label as deviceLabel', 'app_user.name as userName', 'device.space_id as spaceId',
      'mutation_log.mutation_seq as mutationSeq', 'mutation_log.mutation_id as mutationId', 'mutation_log.name',
      'mutation_log.received_at as receivedAt', 'mutation_log.reason',
      sql<string>`mutation_log.received_at::text`.as('cursorAt'),
      // Sizes come from the database, and large arguments stay there: 540 rows of 1 MiB once made this answer fail.
      sql<number>`octet_length(mutation_log.args::text)`.as('bytes'),
      sql<unknown>`case when octet_length(mutation_log.args::text) <= ${HELD_CONTENT_MAX_BYTES} then mutation_log.args else null end`.as('args'),
      'qd.decision', 'qd.reason as decisionReason', 'qd.result as decisionResult', 'qd.result_reason as decisionResultReason',
      'qd.conflict_ids as decisionConflictIds', 'qd.decided_at as decidedAt', 'du.name as decidedByName',
    ])
    .where('mutation_log.result', '=', 'quarantined')
    .where((eb) => eb.or([...(spaceIds.length ? [eb('device.space_id', 'in', spaceIds)] : []), eb('device.user_id', '=', coordinatorId)]));
  if (status === 'pending') query = query.where('qd.decision', 'is', null);
  if (status === 'decided') query = query.where('qd.decision', 'is not', null);
  const after = page.after;
  if (after) {
    query = query.where(sql<boolean>`(mutation_log.received_at, mutation_log.device_id, mutation_log.mutation_seq) > (${after.at}::timestamptz, ${after.deviceId}::uuid, ${after.seq}::bigint)`);
  }
  return query
    .orderBy('mutation_log.received_at')
    .orderBy('mutation_log.device_id')
    .orderBy('mutation_log.mutation_seq')
    .limit(page.limit + 1)
    .execute();
}

/** How much a device has handed over for quarantine so far (its quota); the caller holds the device row. */
export async function readQuarantineUsage(trx: Transaction<Database>, deviceId: string): Promise<{ count: number; bytes: number }> {
  const row = await trx.selectFrom('device').select(['quarantined_count as count', 'quarantined_bytes as bytes']).where('id', '=', deviceId).executeTakeFirstOrThrow();
  return { count: Number(row.count), bytes: Number(row.bytes) };
}

export async function saveQuarantineUsage(trx: Transaction<Database>, deviceId: string, usage: { count: number; bytes: number }): Promise<void> {
  await trx.updateTable('device').set({ quarantined_count: usage.count, quarantined_bytes: usage.bytes }).where('id', '=', deviceId).execute();
}

/** A held change with its device, locked for a decision. */
export async function findHeldForUpdate(trx: Transaction<Database>, mutationId: string) {
  const row = await trx
    .selectFrom('mutation_log')
    .innerJoin('device', 'device.id', 'mutation_log.device_id')
    .select([
      'mutation_log.device_id as deviceId', 'mutation_log.mutation_seq as mutationSeq', 'mutation_log.mutation_id as mutationId',
      'mutation_log.name', 'mutation_log.args', 'device.space_id as spaceId', 'device.user_id as userId',
    ])
    .where('mutation_log.mutation_id', '=', mutationId)
    .where('mutation_log.result', '=', 'quarantined')
    .forUpdate()
    .executeTakeFirst();
  return row;
}

export interface DecisionRow {
  mutationId: string;
  decision: 'accepted' | 'discarded';
  reason: string | null;
  result: MutationResult | null;
  resultReason: string | null;
  conflictIds: string[];
  decidedAt: Date;
}

const decisionColumns = [
  'mutation_id as mutationId', 'decision', 'reason', 'result', 'result_reason as resultReason', 'conflict_ids as conflictIds', 'decided_at as decidedAt',
] as const;

export function findDecision(db: Db, mutationId: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('quarantine_decision').select(decisionColumns).where('mutation_id', '=', mutationId).executeTakeFirst();
}

export async function insertDecision(
  trx: Transaction<Database>,
  input: {
    deviceId: string; mutationSeq: string; mutationId: string; decision: 'accepted' | 'discarded'; reason: string | null;
    result: MutationResult | null; resultReason: string | null; conflictIds: string[]; userId: string; byDeviceId: string; now: Date;
  },
): Promise<DecisionRow> {
  return trx
    .insertInto('quarantine_decision')
    .values({
      device_id: input.deviceId, mutation_seq: input.mutationSeq, mutation_id: input.mutationId, decision: input.decision, reason: input.reason,
      result: input.result, result_reason: input.resultReason, conflict_ids: json(input.conflictIds), decided_by_user: input.userId,
      decided_by_device: input.byDeviceId, decided_at: input.now,
    })
    .returning(decisionColumns)
    .executeTakeFirstOrThrow();
}

/** For history: which of these mutation ids were held changes accepted by a coordinator, and from which device. */
export async function acceptedHeldChanges(db: Db, mutationIds: string[]) {
  if (mutationIds.length === 0) return new Map<string, { deviceLabel: string; userName: string; receivedAt: Date }>();
  const rows = await db
    .selectFrom('quarantine_decision as qd')
    .innerJoin('mutation_log', (join) => join.onRef('mutation_log.device_id', '=', 'qd.device_id').onRef('mutation_log.mutation_seq', '=', 'qd.mutation_seq'))
    .innerJoin('device', 'device.id', 'qd.device_id')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .select(['qd.mutation_id as mutationId', 'device.label as deviceLabel', 'app_user.name as userName', 'mutation_log.received_at as receivedAt'])
    .where('qd.mutation_id', 'in', mutationIds)
    .where('qd.decision', '=', 'accepted')
    .execute();
  return new Map(rows.map((r) => [r.mutationId, { deviceLabel: r.deviceLabel, userName: r.userName, receivedAt: r.receivedAt }]));
}

/** What names a record for a coordinator: its inquiry's reference, the people sought and the family contact. */
export interface RecordSummary {
  reference: string | null;
  soughtPersons: string[];
  familyContact: string | null;
}

function fullName(data: Record<string, unknown> | undefined): string | null {
  if (!data) return null;
  const parts = [data['surname'], data['givenName'], data['patronymic']].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.join(' ') : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 20) : [];
}

/**
 * Names each of these records from their current data, in four queries for any number: an inquiry by its
 * own reference and links; a sought person or family contact through the (first) inquiry that links it.
 */
export async function describeRecords(db: Db, keys: { type: string; id: string }[]): Promise<Map<string, RecordSummary>> {
  const summaries = new Map<string, RecordSummary>();
  if (keys.length === 0) return summaries;
  const fetch = async (wanted: { type: string; id: string }[]) => {
    if (wanted.length === 0) return new Map<string, Record<string, unknown>>();
    const rows = await db
      .selectFrom('record')
      .select(['type', 'id', 'data'])
      .where('type', 'in', [...new Set(wanted.map((k) => k.type))])
      .where('id', 'in', [...new Set(wanted.map((k) => k.id))])
      .execute();
    return new Map(rows.map((r) => [`${r.type}:${r.id}`, r.data]));
  };
  const own = await fetch(keys);
  const linkedIds = [...new Set(keys.filter((k) => k.type !== 'inquiry').map((k) => k.id))];
  // Inquiries that link a sought person or a family contact; the GIN and expression indexes of migration 2 serve this.
  const linking = linkedIds.length
    ? (
        await sql<{ id: string; data: Record<string, unknown> }>`
          select id, data from record
          where type = 'inquiry'
            and ((data -> 'soughtPersonIds') ?| array[${sql.join(linkedIds)}]::text[] or (data ->> 'familyContactId') in (${sql.join(linkedIds)}))
          order by seq
          limit ${linkedIds.length * 5}`.execute(db)
      ).rows
    : [];
  const inquiryOf = new Map<string, Record<string, unknown>>();
  for (const inquiry of linking) {
    for (const id of [...stringList(inquiry.data['soughtPersonIds']), ...stringList([inquiry.data['familyContactId']])]) {
      if (!inquiryOf.has(id)) inquiryOf.set(id, inquiry.data);
    }
  }
  const inquiries = new Map<string, Record<string, unknown>>();
  for (const key of keys) {
    const data = key.type === 'inquiry' ? own.get(`inquiry:${key.id}`) : inquiryOf.get(key.id);
    if (data) inquiries.set(`${key.type}:${key.id}`, data);
  }
  const people: { type: string; id: string }[] = [];
  for (const data of inquiries.values()) {
    if (typeof data['familyContactId'] === 'string') people.push({ type: 'familyContact', id: data['familyContactId'] });
    for (const id of stringList(data['soughtPersonIds'])) people.push({ type: 'soughtPerson', id });
  }
  const linked = await fetch(people);
  for (const key of keys) {
    const inquiry = inquiries.get(`${key.type}:${key.id}`);
    const ownData = own.get(`${key.type}:${key.id}`);
    const contactId = typeof inquiry?.['familyContactId'] === 'string' ? inquiry['familyContactId'] : null;
    const sought = key.type === 'soughtPerson'
      ? [fullName(ownData)]
      : stringList(inquiry?.['soughtPersonIds']).map((id) => fullName(linked.get(`soughtPerson:${id}`)));
    summaries.set(`${key.type}:${key.id}`, {
      reference: typeof inquiry?.['reference'] === 'string' ? inquiry['reference'] : null,
      soughtPersons: sought.filter((n): n is string => n !== null),
      familyContact: key.type === 'familyContact' ? fullName(ownData) : contactId ? fullName(linked.get(`familyContact:${contactId}`)) : null,
    });
  }
  return summaries;
}

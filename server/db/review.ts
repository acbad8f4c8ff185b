// What coordinators review: conflicts, record history and quarantined mutations of their spaces.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function listConflicts(db: Db, spaceIds: string[], status: 'open' | 'resolved' | 'all') {
  if (spaceIds.length === 0) return [];
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
    ])
    .where('conflict.space_id', 'in', spaceIds);
  if (status !== 'all') query = query.where('conflict.status', '=', status);
  return query.orderBy('conflict.proposed_at', 'desc').limit(1000).execute();
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
    .innerJoin('app_user', 'app_user.id', 'record_history.changed_by_user')
    .innerJoin('device', 'device.id', 'record_history.changed_by_device')
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

/** Quarantined mutations from devices of the given spaces or of the coordinator. */
export async function listQuarantined(db: Db, spaceIds: string[], coordinatorId: string) {
  return db
    .selectFrom('mutation_log')
    .innerJoin('device', 'device.id', 'mutation_log.device_id')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .select([
      'mutation_log.device_id as deviceId', 'device.label as deviceLabel', 'app_user.name as userName', 'device.space_id as spaceId',
      'mutation_log.mutation_seq as mutationSeq', 'mutation_log.mutation_id as mutationId', 'mutation_log.name', 'mutation_log.args',
      'mutation_log.received_at as receivedAt', 'mutation_log.reason',
    ])
    .where('mutation_log.result', '=', 'quarantined')
    .where((eb) => eb.or([...(spaceIds.length ? [eb('device.space_id', 'in', spaceIds)] : []), eb('device.user_id', '=', coordinatorId)]))
    .orderBy('mutation_log.received_at', 'desc')
    .limit(1000)
    .execute();
}

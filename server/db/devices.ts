// Devices bound to users (a volunteer's device to its one space), their refresh-secret hashes,
// revocation, and the single-use enrolment codes that create volunteer devices.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface DeviceContextRow {
  deviceId: string;
  label: string;
  spaceId: string | null;
  refreshHash: string;
  revokedAt: Date | null;
  lastMutationSeq: string;
  needsReset: boolean;
  userId: string;
  userName: string;
  role: 'coordinator' | 'volunteer';
  userSpaceId: string | null;
}

export async function createDevice(db: Db, input: { id: string; userId: string; spaceId: string | null; label: string; refreshHash: string }): Promise<void> {
  await db.insertInto('device').values({ id: input.id, user_id: input.userId, space_id: input.spaceId, label: input.label, refresh_hash: input.refreshHash, last_seen_at: new Date() }).execute();
}

export function findDeviceContext(db: Db, deviceId: string): Promise<DeviceContextRow | undefined> {
  return db
    .selectFrom('device')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .select([
      'device.id as deviceId', 'device.label', 'device.space_id as spaceId', 'device.refresh_hash as refreshHash',
      'device.revoked_at as revokedAt', 'device.last_mutation_seq as lastMutationSeq', 'device.needs_reset as needsReset',
      'app_user.id as userId', 'app_user.name as userName', 'app_user.role', 'app_user.space_id as userSpaceId',
    ])
    .where('device.id', '=', deviceId)
    .executeTakeFirst();
}

/** Marks the device seen, at most once a minute so reads do not become writes on every call. */
export async function touchDevice(db: Db, deviceId: string): Promise<void> {
  await db
    .updateTable('device')
    .set({ last_seen_at: new Date() })
    .where('id', '=', deviceId)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}

export async function revokeDevice(db: Db, deviceId: string, by: string | null, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('device')
    .set({ revoked_at: new Date(), revoked_by: by, revoked_reason: reason })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the first wipe confirmation of a device; later ones change nothing. */
export async function markWiped(db: Db, deviceId: string, now: Date): Promise<void> {
  await db.updateTable('device').set({ wiped_at: now }).where('id', '=', deviceId).where('wiped_at', 'is', null).execute();
}

export interface DeviceListRow {
  id: string;
  label: string;
  userId: string;
  userName: string;
  role: 'coordinator' | 'volunteer';
  spaceId: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  lastMutationSeq: string;
  wipedAt: Date | null;
  quarantinedCount: number;
}

/** Volunteer devices of the given spaces plus the coordinator's own devices. */
export function listDevices(db: Db, spaceIds: string[], coordinatorId: string): Promise<DeviceListRow[]> {
  return db
    .selectFrom('device')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .select([
      'device.id', 'device.label', 'app_user.id as userId', 'app_user.name as userName', 'app_user.role',
      'device.space_id as spaceId', 'device.created_at as createdAt', 'device.last_seen_at as lastSeenAt',
      'device.revoked_at as revokedAt', 'device.revoked_reason as revokedReason', 'device.last_mutation_seq as lastMutationSeq',
      'device.wiped_at as wipedAt', 'device.quarantined_count as quarantinedCount',
    ])
    .where((eb) => eb.or([...(spaceIds.length ? [eb('device.space_id', 'in', spaceIds)] : []), eb('device.user_id', '=', coordinatorId)]))
    .orderBy('device.created_at', 'desc')
    .execute();
}

export async function createEnrolmentCode(db: Db, input: { codeHash: string; userId: string; spaceId: string; createdBy: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('enrolment_code').values({ code_hash: input.codeHash, user_id: input.userId, space_id: input.spaceId, created_by: input.createdBy, expires_at: input.expiresAt }).execute();
}

/**
 * Uses a code once: marks it used by the new device in the same statement that checks it is unused
 * and unexpired, so two phones racing with one code cannot both win.
 */
export async function consumeEnrolmentCode(db: Db, codeHash: string, deviceId: string, now: Date): Promise<{ userId: string; spaceId: string } | undefined> {
  return db
    .updateTable('enrolment_code')
    .set({ used_at: now, used_by_device: deviceId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id as userId', 'space_id as spaceId'])
    .executeTakeFirst();
}

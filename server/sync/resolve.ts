// Resolving a conflict is an ordinary change: a new version written by the coordinator's device (in
// the same clock-locked transaction as a push), and the conflict marked resolved with who and when.
import type { Kysely } from 'kysely';
import { isVisibleTo, parseFieldPatch, type RecordType } from '../../schema/records.ts';
import type { DeviceContext } from '../auth/guard.ts';
import { SyncClock, findRecord, updateRecord } from '../db/records.ts';
import { findConflictForUpdate, markConflictResolved } from '../db/review.ts';
import type { Database } from '../db/types.ts';
import { stampFields } from '../../schema/merge.ts';
import { SyncError } from './errors.ts';

export type Resolution = { choice: 'kept' } | { choice: 'proposed' } | { choice: 'value'; value: unknown };

export async function resolveConflict(db: Kysely<Database>, device: DeviceContext, conflictId: string, resolution: Resolution, now: Date): Promise<{ version: number | null }> {
  return db.transaction().execute(async (trx) => {
    const clock = new SyncClock();
    await clock.lock(trx);
    const conflict = await findConflictForUpdate(trx, conflictId);
    if (!conflict || !isVisibleTo(device, { type: conflict.record_type, spaceId: conflict.space_id })) {
      throw new SyncError('not_found', 'not_found', 'No such conflict in your gathering points.');
    }
    if (conflict.status !== 'open') throw new SyncError('already_decided', 'already_resolved', 'This conflict was already resolved.');
    const record = await findRecord(trx, conflict.record_type, conflict.record_id, true);
    if (!record) throw new SyncError('not_found', 'not_found', 'The record of this conflict no longer exists.');
    const author = { deviceId: device.deviceId, userId: device.userId };
    const at = now.toISOString();
    let version: number | null = null;

    const writeFields = async (fields: Record<string, unknown>, undelete: boolean) => {
      const { fieldVersions } = stampFields(record, Object.keys(fields), { deviceId: device.deviceId, userId: device.userId, at });
      version = await updateRecord(trx, {
        record, seq: clock.next(), data: { ...record.data, ...fields }, deleted: undelete ? false : record.deleted, fieldVersions, author,
        mutationId: null, reason: `resolves conflict ${conflictId}`, now,
      });
    };

    if (resolution.choice !== 'kept') {
      if (conflict.kind === 'field') {
        if (record.deleted) throw new SyncError('already_decided', 'already_resolved', 'The record was deleted since; resolve the delete first.');
        const field = conflict.field ?? '';
        const value = resolution.choice === 'value' ? resolution.value : conflict.proposed_value;
        const parsed = parseFieldPatch(conflict.record_type as RecordType, { [field]: value });
        if (!parsed.ok) throw new SyncError('invalid', 'invalid_request', `The value is not valid: ${parsed.issues.map((i) => i.message).join(', ')}`);
        await writeFields(parsed.patch, false);
      } else if (conflict.kind === 'update_vs_delete') {
        // Bring the record back with the update that lost to the delete.
        const parsed = parseFieldPatch(conflict.record_type as RecordType, (conflict.proposed_value ?? {}) as Record<string, unknown>);
        await writeFields(parsed.ok ? parsed.patch : {}, true);
      } else {
        if (!record.deleted) {
          const reason = (conflict.proposed_value as { reason?: string } | null)?.reason ?? 'delete confirmed in review';
          version = await updateRecord(trx, { record, seq: clock.next(), data: record.data, deleted: true, fieldVersions: record.fieldVersions, author, mutationId: null, reason, now });
        }
      }
    }
    await markConflictResolved(trx, conflictId, device.userId, resolution.choice, now);
    await clock.save(trx);
    return { version };
  });
}

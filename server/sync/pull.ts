// Pages through the change feed of the device's visible spaces by server seq, in one REPEATABLE READ
// snapshot so the acknowledged mutationSeq and the changes agree; tells the device to reset when needed.
import type { Kysely } from 'kysely';
import { DEFAULT_PULL_LIMIT, type PullRequest, type PullResponse } from '../../schema/protocol.ts';
import type { DeviceContext } from '../auth/guard.ts';
import { RECORDS, typesFor } from '../../schema/records.ts';
import { changesSince, readClock, type PullScope } from '../db/records.ts';
import type { Database } from '../db/types.ts';

/** The registry decides what reaches a device: its role's types, in its spaces or organisation-wide. */
export function pullScope(device: Pick<DeviceContext, 'role' | 'spaceIds'>): PullScope {
  const types = typesFor(device.role);
  return {
    spaceIds: device.spaceIds,
    spaceTypes: types.filter((t) => RECORDS[t].scope === 'space'),
    organisationTypes: types.filter((t) => RECORDS[t].scope === 'organisation'),
  };
}

export async function pull(db: Kysely<Database>, device: DeviceContext, request: PullRequest, now: Date): Promise<PullResponse> {
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  const spaces = device.spaces.map((s) => ({ id: s.id, name: s.name, retentionDays: s.retentionDays }));
  const retentionDays = device.role === 'volunteer' ? (spaces[0]?.retentionDays ?? 14) : 0;
  if (request.cursor === '0') {
    // Starting from the beginning satisfies any pending reset (e.g. after a new space was granted).
    await db.updateTable('device').set({ needs_reset: false }).where('id', '=', device.deviceId).where('needs_reset', '=', true).execute();
  }
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const clock = await readClock(trx);
      const row = await trx.selectFrom('device').select(['last_mutation_seq', 'needs_reset']).where('id', '=', device.deviceId).executeTakeFirstOrThrow();
      const lastAckedMutationSeq = Number(row.last_mutation_seq);
      const base = { lastAckedMutationSeq, retentionDays, serverTime: now.toISOString(), spaces };
      // A cursor beyond the clock means the database was restored from an older backup.
      if (BigInt(request.cursor) > BigInt(clock) || (row.needs_reset && request.cursor !== '0')) {
        return { ...base, changes: [], cursor: '0', hasMore: true, reset: true };
      }
      const rows = await changesSince(trx, pullScope(device), request.cursor, limit + 1);
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(0, limit) : rows;
      const last = page[page.length - 1];
      return {
        ...base,
        changes: page.map((r) => ({
          type: r.type, id: r.id, spaceId: r.spaceId, version: r.version, seq: r.seq, deleted: r.deleted,
          updatedAt: r.updatedAt.toISOString(), data: r.deleted ? null : r.data,
        })),
        // With nothing more to read, jump to the clock: later commits all have higher seqs.
        cursor: hasMore && last ? last.seq : clock,
        hasMore,
      };
    });
}

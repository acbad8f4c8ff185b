// Applies one push: a single transaction holding the clock row, a savepoint per mutation, every mutation
// logged once with its result, replays answered as duplicates, gaps answered with the expected seq.
import { sql, type Kysely } from 'kysely';
import { MUTATION_NAMES, type MutationName } from '../../schema/mutations.ts';
import { MAX_MUTATION_BYTES, TOO_LARGE_REASON, jsonBytes, type MutationResult, type PushRequest, type PushResponse } from '../../schema/protocol.ts';
import type { DeviceContext } from '../auth/guard.ts';
import {
  SyncClock,
  findLogEntry,
  findOriginalResults,
  insertLogEntries,
  type LogEntry,
  lockDeviceSeq,
  saveDeviceSeq,
  type LoggedOutcome,
} from '../db/records.ts';
import type { Database } from '../db/types.ts';
import { storableJson } from '../../schema/text.ts';
import { logServerError } from '../log.ts';
import { APPLIERS as APPLY, type Actor, type Outcome } from './apply.ts';
import { SyncError } from './errors.ts';
import { DEFAULT_QUARANTINE_LIMITS, HoldBudget, type QuarantineLimits } from './quarantine.ts';

type Envelope = PushRequest['mutations'][number];


/** A replay answers the first outcome again (its reason and conflict ids), so a lost answer loses nothing. */
function duplicateOf(original: LoggedOutcome): Outcome {
  return {
    result: 'duplicate',
    originalResult: original.result,
    ...(original.reason === null ? {} : { reason: original.reason }),
    ...(original.conflictIds.length ? { conflictIds: original.conflictIds } : {}),
  };
}

function isMutationName(name: string): name is MutationName {
  return (MUTATION_NAMES as string[]).includes(name);
}

const sizes = new WeakMap<Envelope, number | null>();

/**
 * The size of a mutation over `MAX_MUTATION_BYTES` (as the device measured it when it sent only the size, or
 * as received), or null when it is within the limit. Measured once per envelope.
 */
function tooLarge(m: Envelope): number | null {
  if (!sizes.has(m)) {
    const bytes = m.tooLarge ?? jsonBytes({ mutationSeq: m.mutationSeq, mutationId: m.mutationId, name: m.name, args: m.args });
    sizes.set(m, m.tooLarge !== undefined || bytes > MAX_MUTATION_BYTES ? bytes : null);
  }
  return sizes.get(m) ?? null;
}

/** Checks a batch before any write: known names, consecutive seqs. Returns it sorted by seq. */
export function checkBatch(mutations: Envelope[]): Envelope[] {
  for (const m of mutations) {
    if (!isMutationName(m.name)) {
      throw new SyncError('invalid', 'unknown_mutation', `Unknown mutation "${m.name.slice(0, 64)}". Update the app; nothing was applied.`);
    }
  }
  const sorted = [...mutations].sort((a, b) => a.mutationSeq - b.mutationSeq);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.mutationSeq !== prev.mutationSeq + 1) {
      throw new SyncError('invalid', 'batch_not_contiguous', 'The mutations of a batch must have consecutive mutationSeq values; nothing was applied.');
    }
  }
  return sorted;
}

/** A push's answer; `quarantineClosed` when a revoked device's changes were refused (window over or quota used up). */
export type PushOutcome = PushResponse & { quarantineClosed?: boolean };

export async function push(db: Kysely<Database>, device: DeviceContext, mutations: Envelope[], now: Date, limits: QuarantineLimits = DEFAULT_QUARANTINE_LIMITS): Promise<PushOutcome> {
  const batch = checkBatch(mutations);
  const actor: Actor = { deviceId: device.deviceId, userId: device.userId, role: device.role, spaceIds: device.spaceIds };
  return db.transaction().execute(async (trx) => {
    const clock = new SyncClock();
    await clock.lock(trx);
    let lastAcked = await lockDeviceSeq(trx, device.deviceId);
    const first = batch[0];
    if (first && first.mutationSeq > lastAcked + 1) {
      return { expectedSeq: lastAcked + 1, lastAckedSeq: lastAcked, results: [] };
    }
    const results: MutationResult[] = [];
    const log: LogEntry[] = [];
    // A revoked device hands over only within its window and quota; what does not fit is neither stored nor acknowledged.
    const hold = device.revoked ? await HoldBudget.open(trx, device, now, limits) : null;
    const originals = await findOriginalResults(trx, batch.filter((m) => m.mutationSeq > lastAcked).map((m) => m.mutationId));
    for (const m of batch) {
      const base = { mutationSeq: m.mutationSeq, mutationId: m.mutationId };
      if (m.mutationSeq <= lastAcked) {
        const logged = await findLogEntry(trx, device.deviceId, m.mutationSeq);
        if (logged && logged.mutationId === m.mutationId) {
          const first = logged.result === 'duplicate' ? (await findOriginalResults(trx, [m.mutationId])).get(m.mutationId) : logged;
          results.push({ ...base, ...duplicateOf(first ?? logged) });
        } else results.push({ ...base, result: 'rejected', reason: 'seq_reused' });
        continue;
      }
      let outcome: Outcome;
      const original = originals.get(m.mutationId);
      if (original) {
        outcome = duplicateOf(original);
      } else if (m.tooLarge === undefined && hold) {
        // A revoked device's change is held whatever its size, within the hand-over quota (counted in bytes).
        if (!hold.take(m.args)) break;
        outcome = { result: 'quarantined', reason: 'device_revoked' };
      } else if (tooLarge(m) !== null) {
        // Refused before any parsing, logged by size only: nothing that large is stored (the device keeps it).
        outcome = { result: 'rejected', reason: `${TOO_LARGE_REASON} ${tooLarge(m)}` };
      } else {
        await sql`savepoint mutation`.execute(trx);
        try {
          outcome = await APPLY[m.name as MutationName](trx, clock, actor, m.args, m.mutationId, now);
          await sql`release savepoint mutation`.execute(trx);
        } catch (error) {
          // A constraint the schema did not catch: undo this mutation only, keep it in the log. The reason is
          // a stable code: the database's message may quote the values, so it goes only to the server log.
          await sql`rollback to savepoint mutation`.execute(trx);
          logServerError(error, { where: 'push.apply', mutation: m.name });
          outcome = { result: 'rejected', reason: 'internal_error' };
        }
      }
      log.push({
        // storableJson: a value the schema missed (a NUL in an unknown field) must not abort the whole push.
        deviceId: device.deviceId, mutationSeq: m.mutationSeq, mutationId: m.mutationId, name: m.name,
        args: outcome.reason?.startsWith(TOO_LARGE_REASON) ? { tooLarge: tooLarge(m) } : storableJson(m.args),
        result: outcome.result, reason: outcome.reason === undefined ? null : (storableJson(outcome.reason) as string), conflictIds: outcome.conflictIds ?? [], now,
      });
      if (outcome.result !== 'duplicate') originals.set(m.mutationId, { result: outcome.result, reason: outcome.reason ?? null, conflictIds: outcome.conflictIds ?? [] });
      lastAcked = m.mutationSeq;
      results.push({ ...base, ...outcome });
    }
    await insertLogEntries(trx, log);
    await saveDeviceSeq(trx, device.deviceId, lastAcked);
    await hold?.save(trx);
    await clock.save(trx);
    return { results, lastAckedSeq: lastAcked, ...(hold?.isClosed ? { quarantineClosed: true } : {}) };
  });
}

// The quarantine: what a revoked device may still hand over (a bounded time after revocation, within a
// quota per device), and a coordinator's decision on each held change — accepted through the ordinary apply
// path as the coordinator's own change, or discarded with a reason; both recorded once, with who and when.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { MutationName } from '../../schema/mutations.ts';
import { isInHandOverWindow, type DeviceContext } from '../auth/guard.ts';
import { SyncClock } from '../db/records.ts';
import { findDecision, findHeldForUpdate, insertDecision, readQuarantineUsage, saveQuarantineUsage, type DecisionRow } from '../db/review.ts';
import type { Database } from '../db/types.ts';
import { APPLIERS as APPLY, type Actor, type Outcome } from './apply.ts';
import { SyncError } from './errors.ts';

type Trx = Transaction<Database>;

export interface QuarantineLimits {
  quarantineWindowHours: number;
  quarantineMaxMutations: number;
  quarantineMaxBytes: number;
}

/** Two weeks to hand over; 2,000 held changes or 16 MiB per device (an outbox rarely holds more than a few hundred). */
export const DEFAULT_QUARANTINE_LIMITS: QuarantineLimits = {
  quarantineWindowHours: 14 * 24,
  quarantineMaxMutations: 2000,
  quarantineMaxBytes: 16 * 1024 * 1024,
};

/** Size of a held change as stored (its arguments as JSON text), the unit of the byte quota. */
export function heldBytes(args: unknown): number {
  return Buffer.byteLength(JSON.stringify(args ?? null), 'utf8');
}

/**
 * How much more a revoked device may hand over in this push. Read with the device row locked (the push
 * holds it), so two pushes at once cannot both use the last of the quota.
 */
export class HoldBudget {
  #count: number;
  #bytes: number;
  #changed = false;
  /** True once something was refused: outside the window, or the quota is used up. */
  isClosed: boolean;

  private constructor(
    readonly deviceId: string,
    usage: { count: number; bytes: number },
    readonly limits: QuarantineLimits,
    isOpen: boolean,
  ) {
    this.#count = usage.count;
    this.#bytes = usage.bytes;
    this.isClosed = !isOpen;
  }

  static async open(trx: Trx, device: DeviceContext, now: Date, limits: QuarantineLimits): Promise<HoldBudget> {
    const usage = await readQuarantineUsage(trx, device.deviceId);
    return new HoldBudget(device.deviceId, usage, limits, isInHandOverWindow(device.revokedAt, now, limits.quarantineWindowHours));
  }

  /** Takes room for one held change; false (and closed) when it does not fit. */
  take(args: unknown): boolean {
    if (this.isClosed) return false;
    const bytes = heldBytes(args);
    if (this.#count + 1 > this.limits.quarantineMaxMutations || this.#bytes + bytes > this.limits.quarantineMaxBytes) {
      this.isClosed = true;
      return false;
    }
    this.#count += 1;
    this.#bytes += bytes;
    this.#changed = true;
    return true;
  }

  async save(trx: Trx): Promise<void> {
    if (this.#changed) await saveQuarantineUsage(trx, this.deviceId, { count: this.#count, bytes: this.#bytes });
  }
}


export interface DecisionAnswer {
  mutationId: string;
  decision: 'accepted' | 'discarded';
  /** For an accepted change: how it applied (`applied` or `conflict`, with the conflicts opened). */
  result: string | null;
  reason: string | null;
  conflictIds: string[];
  decidedAt: string;
  /** True when this decision had been taken before: nothing was done again. */
  alreadyDecided: boolean;
}

function answer(row: DecisionRow, alreadyDecided: boolean): DecisionAnswer {
  return {
    mutationId: row.mutationId, decision: row.decision, result: row.result, reason: row.decision === 'discarded' ? row.reason : row.resultReason,
    conflictIds: row.conflictIds, decidedAt: row.decidedAt.toISOString(), alreadyDecided,
  };
}

/** The held change, if the coordinator may decide on it: its device is in one of their spaces, or their own. */
async function lockHeld(trx: Trx, coordinator: DeviceContext, mutationId: string) {
  const held = await findHeldForUpdate(trx, mutationId);
  const visible = held && (held.userId === coordinator.userId || (held.spaceId !== null && coordinator.spaceIds.includes(held.spaceId)));
  if (!held || !visible) throw new SyncError('not_found', 'not_found', 'No such held change from the devices of your gathering points.');
  return held;
}

function alreadyOther(existing: DecisionRow): SyncError {
  return new SyncError('already_decided', 'already_resolved', `This held change was already ${existing.decision}.`);
}

/**
 * Applies a held change as the coordinator's own change: re-validated by the schema, in a transaction
 * holding the clock row like a push; an inquiry is filed under the revoked device's space. Accepting twice
 * applies once. A change the apply path refuses is not accepted (422) and stays pending.
 */
export async function acceptHeld(db: Kysely<Database>, coordinator: DeviceContext, mutationId: string, now: Date): Promise<DecisionAnswer> {
  return db.transaction().execute(async (trx) => {
    const clock = new SyncClock();
    await clock.lock(trx);
    const held = await lockHeld(trx, coordinator, mutationId);
    const existing = await findDecision(trx, mutationId);
    if (existing) {
      if (existing.decision === 'accepted') return answer(existing, true);
      throw alreadyOther(existing);
    }
    // A volunteer's phone files into its one space; a coordinator's own device into the spaces they coordinate.
    const spaceIds = held.spaceId === null ? coordinator.spaceIds : coordinator.spaceIds.filter((id) => id === held.spaceId);
    const actor: Actor = { deviceId: coordinator.deviceId, userId: coordinator.userId, role: coordinator.role, spaceIds };
    const name = held.name as MutationName;
    if (!(name in APPLY)) throw new SyncError('cannot_apply', 'cannot_accept', `This held change cannot be accepted: unknown change "${held.name.slice(0, 64)}".`);
    await sql`savepoint accept`.execute(trx);
    let outcome: Outcome;
    try {
      outcome = await APPLY[name](trx, clock, actor, held.args, held.mutationId, now);
    } catch {
      outcome = { result: 'rejected', reason: 'internal_error' };
    }
    if (outcome.result === 'rejected' || outcome.result === 'duplicate') {
      await sql`rollback to savepoint accept`.execute(trx);
      throw new SyncError('cannot_apply', 'cannot_accept', `This held change cannot be accepted: ${outcome.reason ?? outcome.result}. Discard it with a reason instead.`, {
        issues: [{ path: held.name, message: outcome.reason ?? outcome.result }],
      });
    }
    await sql`release savepoint accept`.execute(trx);
    const row = await insertDecision(trx, {
      deviceId: held.deviceId, mutationSeq: held.mutationSeq, mutationId: held.mutationId, decision: 'accepted', reason: null,
      result: outcome.result, resultReason: outcome.reason ?? null, conflictIds: outcome.conflictIds ?? [],
      userId: coordinator.userId, byDeviceId: coordinator.deviceId, now,
    });
    await clock.save(trx);
    return answer(row, false);
  });
}

/** Discards a held change with the coordinator's reason; nothing is applied. Discarding twice is one decision. */
export async function discardHeld(db: Kysely<Database>, coordinator: DeviceContext, mutationId: string, reason: string, now: Date): Promise<DecisionAnswer> {
  return db.transaction().execute(async (trx) => {
    const held = await lockHeld(trx, coordinator, mutationId);
    const existing = await findDecision(trx, mutationId);
    if (existing) {
      if (existing.decision === 'discarded') return answer(existing, true);
      throw alreadyOther(existing);
    }
    const row = await insertDecision(trx, {
      deviceId: held.deviceId, mutationSeq: held.mutationSeq, mutationId: held.mutationId, decision: 'discarded', reason,
      result: null, resultReason: null, conflictIds: [], userId: coordinator.userId, byDeviceId: coordinator.deviceId, now,
    });
    return answer(row, false);
  });
}

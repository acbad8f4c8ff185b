// Applies one push: a single transaction holding the clock row, the batch decided in memory and written in
// a few statements (a savepoint per mutation only when a write fails), every mutation logged once with its
// result, replays answered as duplicates, gaps answered with the expected seq.
import { sql, type Kysely, type Transaction } from 'kysely';
import { MUTATION_NAMES, type MutationName } from '../../schema/mutations.ts';
import { MAX_MUTATION_BYTES, TOO_LARGE_REASON, jsonBytes, type MutationResult, type PushRequest, type PushResponse } from '../../schema/protocol.ts';
import type { DeviceContext } from '../auth/guard.ts';
import {
  SyncClock,
  findLogEntries,
  findOriginalResults,
  type LogEntry,
  lockDeviceSeq,
  NO_RECORD_CHANGES,
  writePush,
  type LoggedOutcome,
  type RecordChanges,
} from '../db/records.ts';
import type { Database } from '../db/types.ts';
import { storableJson } from '../../schema/text.ts';
import { logServerError } from '../log.ts';
import { APPLIERS as APPLY, type Actor, type Outcome } from './apply.ts';
import { StagedRecords, recordKeysOf } from './record-store.ts';
import { SyncError } from './errors.ts';
import { DEFAULT_QUARANTINE_LIMITS, HoldBudget, type QuarantineLimits } from './quarantine.ts';

type Envelope = PushRequest['mutations'][number];
type Trx = Transaction<Database>;


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
  // The whole batch decided in memory over records read at once, then written in a few statements. If the
  // database refuses any of it (a constraint the schemas did not catch), that transaction is rolled back and
  // the push runs again in a new one, mutation by mutation, each in its own savepoint, so one bad value
  // cannot abort the others. No savepoint is taken when nothing fails: each statement under the clock lock
  // makes every other push wait.
  try {
    return await pushOnce(db, device, batch, now, limits, true);
  } catch (error) {
    if (!(error instanceof BatchRefused)) throw error;
    return pushOnce(db, device, batch, now, limits, false);
  }
}

/** A failure while the batch was applied as a whole: the caller applies it again mutation by mutation. */
class BatchRefused extends Error {}

async function pushOnce(db: Kysely<Database>, device: DeviceContext, batch: Envelope[], now: Date, limits: QuarantineLimits, asBatch: boolean): Promise<PushOutcome> {
  const actor: Actor = { deviceId: device.deviceId, userId: device.userId, role: device.role, spaceIds: device.spaceIds };
  return db.transaction().execute(async (trx) => {
    const clock = new SyncClock();
    await clock.lock(trx);
    // Everything the batch may need, asked at once once the clock is held (which every writer of records and
    // of the log takes first), so the queries follow each other on the connection without waiting for this
    // process's turn in between: the device's row, the first outcomes of the batch's mutation ids, what the
    // device logged at the batch's seqs (replays), and the records the batch names. A revoked device's
    // changes are only held, never applied: no records to read.
    const staged = asBatch ? new StagedRecords(trx) : null;
    const records = staged && !device.revoked
      ? staged.read(batch.flatMap((m) => (m.tooLarge === undefined ? recordKeysOf(m.name, m.args) : []))).catch((error: unknown) => {
        throw new BatchRefused('records unreadable', { cause: error });
      })
      : undefined;
    const [acked, originals, logged] = await Promise.all([
      lockDeviceSeq(trx, device.deviceId),
      findOriginalResults(trx, batch.map((m) => m.mutationId)),
      findLogEntries(trx, device.deviceId, batch.map((m) => m.mutationSeq)),
      records,
    ]);
    const first = batch[0];
    if (first && first.mutationSeq > acked + 1) {
      return { expectedSeq: acked + 1, lastAckedSeq: acked, results: [] };
    }
    const fresh = batch.filter((m) => m.mutationSeq > acked);
    const replays = answerReplays(batch.filter((m) => m.mutationSeq <= acked), logged, originals);
    // A revoked device hands over only within its window and quota; what does not fit is neither stored nor acknowledged.
    const hold = device.revoked ? await HoldBudget.open(trx, device, now, limits) : null;
    const context = { trx, clock, actor, device, now, originals };
    const write = async (run: Run, changes: RecordChanges) => {
      await hold?.save(trx);
      await writePush(trx, { changes, log: run.log, deviceId: device.deviceId, lastMutationSeq: run.lastAcked ?? acked, clockSeq: clock.mark().toString() });
    };
    let run: Run;
    if (staged) {
      try {
        run = await applyBatch(context, fresh, hold, staged);
        await write(run, staged.changes());
      } catch (error) {
        throw new BatchRefused('batch refused', { cause: error });
      }
    } else {
      run = await applyBatch(context, fresh, hold, null);
      await write(run, NO_RECORD_CHANGES);
    }
    const lastAcked = run.lastAcked ?? acked;
    // Results in seq order: replays come first in a sorted batch (their seqs are the lower ones).
    return { results: [...replays, ...run.results], lastAckedSeq: lastAcked, ...(hold?.isClosed ? { quarantineClosed: true } : {}) };
  });
}

/**
 * A replay of what this device sent before: the first outcome again (for one logged as a duplicate, the
 * outcome of its mutation id's first arrival, among `firsts`), or `seq_reused` when the seq held another mutation.
 */
function answerReplays(replays: Envelope[], logged: ReadonlyMap<number, { mutationId: string } & LoggedOutcome>, firsts: ReadonlyMap<string, LoggedOutcome>): MutationResult[] {
  return replays.map((m) => {
    const base = { mutationSeq: m.mutationSeq, mutationId: m.mutationId };
    const entry = logged.get(m.mutationSeq);
    if (!entry || entry.mutationId !== m.mutationId) return { ...base, result: 'rejected', reason: 'seq_reused' };
    const first = entry.result === 'duplicate' ? firsts.get(m.mutationId) : entry;
    return { ...base, ...duplicateOf(first ?? entry) };
  });
}

interface Run {
  results: MutationResult[];
  log: LogEntry[];
  /** The last mutation acknowledged, if any was. */
  lastAcked: number | null;
}

interface BatchContext {
  trx: Trx;
  clock: SyncClock;
  actor: Actor;
  device: DeviceContext;
  now: Date;
  /** The first outcomes of mutation ids logged before this push. */
  originals: ReadonlyMap<string, LoggedOutcome>;
}

/**
 * Decides every new mutation of the batch in order. Over `staged` records nothing is written yet and any
 * failure is thrown (the caller applies the batch again without it); with null, each mutation is applied
 * at once in its own savepoint and a failure rejects that mutation only.
 */
async function applyBatch(context: BatchContext, fresh: Envelope[], hold: HoldBudget | null, staged: StagedRecords | null): Promise<Run> {
  const { trx, clock, actor, device, now } = context;
  const originals = new Map(context.originals);
  const results: MutationResult[] = [];
  const log: LogEntry[] = [];
  let lastAcked: number | null = null;
  for (const m of fresh) {
    const base = { mutationSeq: m.mutationSeq, mutationId: m.mutationId };
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
    } else if (staged) {
      outcome = await APPLY[m.name as MutationName](staged, clock, actor, m.args, m.mutationId, now);
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
  return { results, log, lastAcked };
}

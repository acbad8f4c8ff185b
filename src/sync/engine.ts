// The sync engine: push the outbox, then pull the change feed page by page, in the foreground only, one
// tab at a time, never while locked, with backoff after failures. Plain TypeScript; React reads it through
// use-sync-status.ts.
import { API } from '@schema/api.ts';
import { MAX_PULL_LIMIT, MAX_PUSH_BATCH, TOO_LARGE_REASON, type PullResponse, type PushResponse } from '@schema/protocol.ts';
import { isUnlocked, onLock } from '@/crypto/key-holder.ts';
import { SealBrokenError } from '@/crypto/seal.ts';
import { getEnrolment, updateEnrolmentDetails } from '@/db/device.ts';
import { scheduleCompaction } from '@/db/packs.ts';
import { acknowledge, applyPage, getCursor, purgeExpired, readOutbox, recordCheckpoint, resetSynced, saveSyncStatus } from '@/db/sync-store.ts';
import { onLocalWrite } from '@/db/write.ts';
import { ApiError, authedCall, NetworkError } from './api.ts';
import { confirmWiped, handOverOutbox } from './hand-over.ts';
import { sizeOnly, takePushBatch } from './push-batch.ts';
import { eraseDevice } from './site-storage.ts';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'not_enrolled';
export interface SyncState {
  phase: SyncPhase;
  /** Error code of the last failure, translated by the UI. */
  lastError: string | null;
}

// The server's largest page: each pulled page is one sealed pack and one transaction on the device.
const PULL_LIMIT = MAX_PULL_LIMIT;
const TIMER_MS = 60_000;
const AFTER_WRITE_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;

let state: SyncState = { phase: 'idle', lastError: null };
const listeners = new Set<() => void>();
let running: Promise<void> | null = null;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

export function getSyncState(): SyncState {
  return state;
}

export function subscribeSync(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setState(next: Partial<SyncState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

/**
 * Pushes the outbox oldest first, in batches sized in bytes as they will be sent (takePushBatch). A 413
 * halves the batch for the rest of this sync, down to one mutation; one the server still refuses alone is
 * sent by size only, answered `rejected too_large` and acknowledged, so the outbox never sticks on it.
 */
async function push(): Promise<void> {
  let maxCount = MAX_PUSH_BATCH;
  for (;;) {
    const entries = await readOutbox(maxCount);
    if (entries.length === 0) return;
    let mutations = takePushBatch(entries, maxCount);
    let answer: PushResponse;
    try {
      answer = await authedCall(API.push.path, { mutations }, API.push.answer);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 413)) throw error;
      if (mutations.length > 1) {
        maxCount = Math.max(1, Math.floor(mutations.length / 2));
        continue;
      }
      const [only] = mutations;
      // Even its size alone is refused: a server (or a proxy before it) to fix, reported as an error.
      if (!only || 'tooLarge' in only) throw error;
      mutations = [sizeOnly(only)];
      answer = await authedCall(API.push.path, { mutations }, API.push.answer);
    }
    if ('expectedSeq' in answer) {
      // The server has everything before expectedSeq: drop what it already acknowledged and resend the rest.
      if (answer.lastAckedSeq < (mutations[0]?.mutationSeq ?? 0) - 1) throw new ApiError(409, 'batch_not_contiguous', 'outbox gap');
      await acknowledge(answer.lastAckedSeq, []);
      continue;
    }
    await acknowledge(answer.lastAckedSeq, answer.results);
    // A server that acknowledges nothing of a batch would otherwise be asked the same thing forever.
    if (answer.lastAckedSeq < (mutations[0]?.mutationSeq ?? 0)) throw new ApiError(409, 'no_progress', 'push acknowledged nothing');
    const rejected = answer.results.filter((r) => r.result === 'rejected' || r.result === 'quarantined').length;
    const tooLarge = answer.results.filter((r) => r.reason?.startsWith(TOO_LARGE_REASON)).length;
    if (rejected) await saveSyncStatus({ rejected, tooLarge });
  }
}

async function pull(): Promise<PullResponse | null> {
  let last: PullResponse | null = null;
  for (let page = 0; page < 10_000; page++) {
    const cursor = await getCursor();
    const answer = await authedCall(API.pull.path, { cursor, limit: PULL_LIMIT }, API.pull.answer);
    if (answer.reset) {
      await resetSynced();
      continue;
    }
    await applyPage(answer.changes, answer.cursor);
    last = answer;
    if (!answer.hasMore) break;
  }
  return last;
}

async function cycle(): Promise<void> {
  if (!isUnlocked()) return;
  if (!(await getEnrolment())) {
    setState({ phase: 'not_enrolled', lastError: null });
    return;
  }
  setState({ phase: 'syncing' });
  await saveSyncStatus({ lastAttemptAt: Date.now() });
  try {
    await push();
    const last = await pull();
    if (last) {
      const enrolment = await getEnrolment();
      if (enrolment) await updateEnrolmentDetails(enrolment.user, last.spaces);
      await recordCheckpoint(last.cursor, last.serverTime, last.retentionDays);
      await purgeExpired(last.retentionDays, last.serverTime);
      scheduleCompaction();
    }
    failures = 0;
    await saveSyncStatus({ lastSyncAt: Date.now(), lastError: null });
    setState({ phase: 'idle', lastError: null });
  } catch (caught) {
    let error = caught;
    if (error instanceof ApiError && error.wipe) {
      try {
        await wipeAfterRevocation(error);
        return;
      } catch (handOverError) {
        error = handOverError;
      }
    }
    failures += 1;
    const code =
      error instanceof NetworkError ? 'offline' : error instanceof ApiError ? error.code : error instanceof SealBrokenError ? 'tampered' : 'unexpected';
    if (isUnlocked()) await saveSyncStatus({ lastError: code }).catch(() => undefined);
    setState({ phase: error instanceof NetworkError ? 'offline' : 'error', lastError: code });
  }
}

/**
 * Revoked: hand the outbox over for quarantine first, then erase. If the hand-over cannot reach the server,
 * this throws and the phone keeps everything until its next contact.
 */
async function wipeAfterRevocation(revocation: ApiError): Promise<void> {
  const { handedOver, notHandedOver, token } = await handOverOutbox(revocation);
  await confirmWiped(token);
  await eraseDevice({ reason: 'revoked', handedOver, notHandedOver });
  setState({ phase: 'not_enrolled', lastError: 'device_revoked' });
  if (typeof window !== 'undefined') location.assign('/');
}

/** Runs one sync now (or joins the one running). Only one tab syncs at a time (Web Locks). */
export function syncNow(): Promise<void> {
  running ??= (async () => {
    try {
      if (typeof navigator !== 'undefined' && 'locks' in navigator) {
        await navigator.locks.request('rodyna-sync', { ifAvailable: true }, async (held) => {
          if (held) await cycle();
        });
      } else {
        await cycle();
      }
    } finally {
      running = null;
      schedule();
    }
  })();
  return running;
}

function schedule(delay?: number): void {
  if (timer) clearTimeout(timer);
  if (!isUnlocked() || typeof document === 'undefined' || document.visibilityState !== 'visible') return;
  const backoff = failures ? Math.min(5_000 * 2 ** (failures - 1), MAX_BACKOFF_MS) : TIMER_MS;
  timer = setTimeout(() => void syncNow(), delay ?? backoff);
}

let started = false;

/** Wires the triggers: unlock (call after unlocking), online, returning to the tab, local writes, a timer. */
export function startSync(): void {
  if (!started) {
    started = true;
    window.addEventListener('online', () => void syncNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void syncNow();
      else if (timer) clearTimeout(timer);
    });
    onLocalWrite(() => schedule(AFTER_WRITE_MS));
    onLock(() => {
      if (timer) clearTimeout(timer);
    });
  }
  void syncNow();
}


// The one reading of "how is sync doing" that every screen shows: the header, the sync panel and the
// intake confirmation all derive their words from this, so they can never contradict each other.
import type { SyncPhase } from './engine.ts';

export type SyncSummaryKind =
  /** No server link: nothing is ever sent until the phone is enrolled. */
  | 'not_enrolled'
  /** The browser has no network. */
  | 'offline'
  /** The network is there but the server could not be reached on the last try. */
  | 'unreachable'
  | 'syncing'
  | 'failed'
  /** Enrolled, reachable, the last sync worked (or none has run yet this session). */
  | 'working';

export interface SyncSummaryInput {
  isEnrolled: boolean;
  isOnline: boolean;
  phase: SyncPhase;
}

export function summarizeSync({ isEnrolled, isOnline, phase }: SyncSummaryInput): SyncSummaryKind {
  if (!isEnrolled) return 'not_enrolled';
  // The browser's word beats a sync result from before the network went away.
  if (!isOnline) return 'offline';
  if (phase === 'syncing') return 'syncing';
  if (phase === 'offline') return 'unreachable';
  if (phase === 'error') return 'failed';
  return 'working';
}

/** Whether the header's connectivity word may say "online": not while the server is out of reach. */
export function isConnected(kind: SyncSummaryKind, isOnline: boolean): boolean {
  return isOnline && kind !== 'unreachable';
}

// The one React hook of sync/: what the user sees — pending changes, last sync, and what failed.
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { getEnrolment } from '@/db/device.ts';
import { countPending } from '@/db/outbox.ts';
import { getSyncStatus } from '@/db/sync-store.ts';
import { getSyncState, subscribeSync } from './engine.ts';
import { isConnected, summarizeSync } from './sync-summary.ts';

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useSyncStatus() {
  const state = useSyncExternalStore(subscribeSync, getSyncState);
  const pending = useLiveQuery(() => countPending(), [], 0);
  const stored = useLiveQuery(() => getSyncStatus(), [state.phase]);
  // undefined while reading, null when this phone has no server link.
  const enrolment = useLiveQuery(async () => (await getEnrolment()) ?? null, [state.phase]);
  const isOnline = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  // Until the enrolment has been read, assume none: never claim "synced" for a phone that may not be linked.
  const summary = summarizeSync({ isEnrolled: Boolean(enrolment), isOnline, phase: state.phase });
  return {
    summary,
    isOnline,
    /** What the header's connectivity word says: no network, or a server out of reach, is not "online". */
    isConnected: isConnected(summary, isOnline),
    isLoaded: enrolment !== undefined,
    phase: state.phase,
    lastError: state.lastError ?? stored?.lastError ?? null,
    pending,
    lastSyncAt: stored?.lastSyncAt ?? null,
    rejected: stored?.rejected ?? 0,
    /** Of those, changes too large to send: they stay on this phone only. */
    tooLarge: stored?.tooLarge ?? 0,
    enrolment: enrolment ?? null,
  };
}

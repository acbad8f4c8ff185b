// The one React hook of sync/: what the user sees — pending changes, last sync, and what failed.
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { getEnrolment } from '@/db/device.ts';
import { countPending } from '@/db/outbox.ts';
import { getSyncStatus } from '@/db/sync-store.ts';
import { getSyncState, subscribeSync } from './engine.ts';

export function useSyncStatus() {
  const state = useSyncExternalStore(subscribeSync, getSyncState);
  const pending = useLiveQuery(() => countPending(), [], 0);
  const stored = useLiveQuery(() => getSyncStatus(), [state.phase]);
  const enrolment = useLiveQuery(() => getEnrolment(), [state.phase]);
  return {
    phase: state.phase,
    lastError: state.lastError ?? stored?.lastError ?? null,
    pending,
    lastSyncAt: stored?.lastSyncAt ?? null,
    rejected: stored?.rejected ?? 0,
    enrolment: enrolment ?? null,
  };
}

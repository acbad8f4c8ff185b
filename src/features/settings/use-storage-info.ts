// Whether the browser promised to keep this app's data (persistent storage), how much space it uses, and
// whether the service worker is in place for offline use.
import { useCallback, useEffect, useState } from 'react';

export interface StorageInfo {
  isPersistent: boolean | null;
  usage: number | null;
  quota: number | null;
  /** A service worker is active, so the next load works with no network. */
  isOfflineReady: boolean;
}

const UNKNOWN: StorageInfo = { isPersistent: null, usage: null, quota: null, isOfflineReady: false };

async function read(): Promise<StorageInfo> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage) return UNKNOWN;
  const [isPersistent, estimate, registration] = await Promise.all([
    storage.persisted ? storage.persisted().catch(() => null) : null,
    storage.estimate ? storage.estimate().catch(() => null) : null,
    navigator.serviceWorker?.getRegistration().catch(() => undefined),
  ]);
  return {
    isPersistent,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    isOfflineReady: Boolean(registration?.active),
  };
}

export function useStorageInfo(): { info: StorageInfo; requestPersistence: () => Promise<void> } {
  const [info, setInfo] = useState<StorageInfo>(UNKNOWN);
  useEffect(() => {
    let isCurrent = true;
    void read().then((next) => isCurrent && setInfo(next));
    return () => {
      isCurrent = false;
    };
  }, []);
  const requestPersistence = useCallback(async () => {
    await navigator.storage?.persist?.().catch(() => false);
    setInfo(await read());
  }, []);
  return { info, requestPersistence };
}

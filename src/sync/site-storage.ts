// Asks the server to clear this site's storage files (Clear-Site-Data: "storage"): after the database is
// deleted, only that removes the old values the browser's storage files keep until compaction.
import { dropDataKey } from '@/crypto/key-holder.ts';
import { databaseExists } from '@/db/db-name.ts';
import { wipeDevice } from '@/db/device.ts';
import { isErasePending, setErasePending } from '@/lib/erase-pending.ts';
import { markWiped, type WipedNotice } from '@/lib/wiped-notice.ts';

/** Returns whether the browser was told to clear the files; offline, it is remembered and retried. */
export async function clearSiteStorage(): Promise<boolean> {
  try {
    // API.erase in schema/api.ts; the path is written out because this module can load before zod does.
    const response = await fetch('/v1/erase', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', cache: 'no-store' });
    if (response.ok) {
      setErasePending(false);
      return true;
    }
  } catch {
    // Offline: retried at the next start or when the connection returns.
  }
  setErasePending(true);
  return false;
}

/**
 * Retries a clearing that could not reach the server, but only while no new database exists: once the phone
 * is set up again, clearing would erase the new one (what is left of the old then goes with compaction).
 */
export async function retryPendingClear(): Promise<void> {
  if (!isErasePending()) return;
  if ((await databaseExists()) !== false) {
    setErasePending(false);
    return;
  }
  await clearSiteStorage();
}

/**
 * Erases this device for good: drops the key (no before-lock saves: everything is about to go), deletes the
 * database, has the server clear the storage files, and leaves the note the set-up screen shows.
 */
export async function eraseDevice(notice: WipedNotice): Promise<void> {
  dropDataKey();
  await wipeDevice();
  await clearSiteStorage();
  // After the clearing, which also removes localStorage.
  if (globalThis.localStorage) markWiped(notice);
}

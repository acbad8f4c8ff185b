// Everything that must happen between a correct passphrase and the first unlocked screen. The search index
// is imported on demand so the lock screen's chunk never carries zod or the index.
import { vaultStore } from './vault-store.ts';

/** Builds the in-memory record cache and search index, asks for persistent storage, then lets the shell render. */
export async function afterUnlock(): Promise<void> {
  try {
    // The record cache (every record unsealed once) with the search index on top of it.
    const { inquiryIndex } = await import('@/db/search-index.ts');
    await inquiryIndex.build();
    const { scheduleCompaction } = await import('@/db/packs.ts');
    scheduleCompaction();
  } catch (error) {
    // Never leave the key in memory behind a lock screen: lock again so a retry starts clean.
    const { lock } = await import('@/db/vault.ts');
    await lock();
    throw error;
  }
  requestPersistentStorage();
  vaultStore.markUnlocked();
  // Sync starts on unlock and stops on lock; loaded on demand, it is not part of the first load.
  const { startSync } = await import('@/sync/engine.ts');
  startSync();
}

/** Without persistence the browser may evict the records under storage pressure; the answer shows in Settings. */
function requestPersistentStorage(): void {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return;
  void storage.persisted().then((already) => (already ? true : storage.persist())).catch(() => false);
}

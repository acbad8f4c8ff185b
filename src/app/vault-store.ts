// What the shell may show: nothing until we know, the set-up screen, the lock screen, or the unlocked app.
// "unlocked" is reached only after the search index is built, so the list never renders half-ready.
import { onLock } from '@/crypto/key-holder.ts';
import { databaseExists } from '@/db/db-name.ts';

/** 'unavailable': the browser refuses IndexedDB (some private modes), so nothing could be stored safely. */
export type VaultStatus = 'checking' | 'unavailable' | 'new' | 'locked' | 'unlocked';

let status: VaultStatus = 'checking';
const listeners = new Set<() => void>();

function set(next: VaultStatus): void {
  if (next === status) return;
  status = next;
  for (const l of listeners) l();
}

export const vaultStore = {
  get: (): VaultStatus => status,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  async check(): Promise<void> {
    try {
      // A fresh phone has no database: the set-up screen needs no Dexie to show, so none is loaded yet.
      if ((await databaseExists()) === false) {
        set('new');
        return;
      }
      const { isSetUp } = await import('@/db/vault.ts');
      set((await isSetUp()) ? 'locked' : 'new');
    } catch {
      set('unavailable');
    }
  },
  markUnlocked(): void {
    set('unlocked');
  },
};

// Any lock — auto-lock, "Lock now", another tab — sends the shell back to the lock screen and unmounts
// every route, so no personal data stays in React state.
onLock(() => {
  if (status === 'unlocked') set('locked');
});

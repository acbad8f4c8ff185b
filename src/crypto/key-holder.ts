// Holds the unlocked data key in memory only; locking drops it and tells everyone who keeps derived state.

let current: CryptoKey | null = null;
const lockListeners = new Set<() => void>();

export class LockedError extends Error {
  constructor() {
    super('the app is locked');
    this.name = 'LockedError';
  }
}

export function setDataKey(key: CryptoKey): void {
  current = key;
}

export function getDataKey(): CryptoKey {
  if (!current) throw new LockedError();
  return current;
}

export function isUnlocked(): boolean {
  return current !== null;
}

export function dropDataKey(): void {
  current = null;
  for (const listener of lockListeners) listener();
}

const beforeLockHooks = new Set<() => Promise<void>>();
const FLUSH_LIMIT_MS = 1000;

/**
 * Registers work that must finish while the key is still there, such as sealing the last typing of a form.
 * Returns an unsubscribe function.
 */
export function onBeforeLock(hook: () => Promise<void>): () => void {
  beforeLockHooks.add(hook);
  return () => beforeLockHooks.delete(hook);
}

/** Runs the before-lock hooks, waiting at most a second: a lock must never hang on a stuck save. */
export async function runBeforeLockHooks(): Promise<void> {
  const hooks = Promise.allSettled([...beforeLockHooks].map((hook) => hook()));
  await Promise.race([hooks, new Promise((resolve) => setTimeout(resolve, FLUSH_LIMIT_MS))]);
}

/** Registers state to forget on lock (search index, caches). Returns an unsubscribe function. */
export function onLock(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

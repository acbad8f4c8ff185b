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

/** Registers state to forget on lock (search index, caches). Returns an unsubscribe function. */
export function onLock(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

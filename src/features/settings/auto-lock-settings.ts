// The auto-lock timeouts chosen on this device. Stored in localStorage as plaintext: they are not personal
// and must be readable before unlock. The app shell reads them; the Settings page changes them.

export interface AutoLockSettings {
  /** Lock after this many minutes without a touch or key press. */
  idleMinutes: number;
  /** Lock after the app has been in the background (another app, screen off) this many seconds. */
  backgroundSeconds: number;
}

export const IDLE_MINUTE_CHOICES = [1, 2, 5, 10, 15, 30] as const;
export const BACKGROUND_SECOND_CHOICES = [15, 30, 60, 120, 300, 600] as const;
export const DEFAULT_AUTO_LOCK: AutoLockSettings = { idleMinutes: 5, backgroundSeconds: 60 };

const STORAGE_KEY = 'rodyna.autoLock';
const listeners = new Set<() => void>();
let cached: AutoLockSettings | null = null;

const pick = (value: unknown, allowed: readonly number[], fallback: number): number =>
  typeof value === 'number' && allowed.includes(value) ? value : fallback;

export function getAutoLockSettings(): AutoLockSettings {
  if (cached) return cached;
  let stored: Partial<AutoLockSettings> = {};
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<AutoLockSettings>;
  } catch {
    // A damaged value falls back to the defaults rather than disabling auto-lock.
  }
  cached = {
    idleMinutes: pick(stored.idleMinutes, IDLE_MINUTE_CHOICES, DEFAULT_AUTO_LOCK.idleMinutes),
    backgroundSeconds: pick(stored.backgroundSeconds, BACKGROUND_SECOND_CHOICES, DEFAULT_AUTO_LOCK.backgroundSeconds),
  };
  return cached;
}

export function setAutoLockSettings(change: Partial<AutoLockSettings>): void {
  cached = { ...getAutoLockSettings(), ...change };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(cached));
  for (const l of listeners) l();
}

export function subscribeAutoLockSettings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

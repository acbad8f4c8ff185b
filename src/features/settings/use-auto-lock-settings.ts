// React view of the auto-lock timeouts.
import { useSyncExternalStore } from 'react';
import { getAutoLockSettings, subscribeAutoLockSettings, type AutoLockSettings } from './auto-lock-settings.ts';

export function useAutoLockSettings(): AutoLockSettings {
  return useSyncExternalStore(subscribeAutoLockSettings, getAutoLockSettings);
}

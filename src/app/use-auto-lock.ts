// Locks the app after a spell without touches or keys, and after some time in the background (another
// app, screen off). Background timers are throttled by phones, so coming back also checks the clock.
import { useEffect } from 'react';
import { useAutoLockSettings } from '@/features/settings/use-auto-lock-settings.ts';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function useAutoLock(lock: () => void): void {
  const { idleMinutes, backgroundSeconds } = useAutoLockSettings();

  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    const backgroundMs = backgroundSeconds * 1000;
    let lastActivity = Date.now();
    let hiddenAt: number | null = document.visibilityState === 'hidden' ? Date.now() : null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const deadline = () => Math.min(lastActivity + idleMs, hiddenAt === null ? Infinity : hiddenAt + backgroundMs);

    // Activity only moves a timestamp; the timer re-arms itself when it fires early, so typing costs nothing.
    const arm = () => {
      clearTimeout(timer);
      const wait = deadline() - Date.now();
      if (wait <= 0) {
        lock();
        return;
      }
      timer = setTimeout(arm, wait);
    };
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
      } else {
        const wasHiddenAt = hiddenAt;
        hiddenAt = null;
        if (wasHiddenAt !== null && Date.now() - wasHiddenAt >= backgroundMs) {
          lock();
          return;
        }
      }
      arm();
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    arm();
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [idleMinutes, backgroundSeconds, lock]);
}

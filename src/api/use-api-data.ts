// Loads server data for a screen: the answer, a translatable error code (errors.ts), and reload. Screens
// that read the server rather than the device need the network, so failures are normal and shown.
import { useCallback, useEffect, useState } from 'react';
import { apiErrorCode } from './errors.ts';

export interface ApiData<T> {
  data: T | undefined;
  error: string | null;
  isLoading: boolean;
  reload: () => void;
  /** Puts the server's answer to a change in place at once, instead of reading the whole list again. */
  update: (change: (data: T) => T) => void;
}

/** `load` must be stable (module function or useCallback): a new function reloads. */
export function useApiData<T>(load: () => Promise<T>): ApiData<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; isLoading: boolean }>({ data: undefined, error: null, isLoading: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setState((s) => ({ ...s, isLoading: true }));
    load().then(
      (data) => {
        if (isCurrent) setState({ data, error: null, isLoading: false });
      },
      (error: unknown) => {
        // Keep what was shown before: a failed refresh should not blank the list.
        if (isCurrent) setState((s) => ({ ...s, error: apiErrorCode(error), isLoading: false }));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [load, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: change(s.data) }));
  }, []);
  return { ...state, reload, update };
}

// Loads a paged server list: the first page, then more with "Show more" (the server's cursor), a
// translatable error code (errors.ts), reload from the start, and removing an item once it has been decided.
import { useCallback, useEffect, useState } from 'react';
import { apiErrorCode } from './errors.ts';

/** One page of a list and the cursor of the next (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedData<T> {
  items: T[] | undefined;
  hasMore: boolean;
  error: string | null;
  isLoading: boolean;
  reload: () => void;
  loadMore: () => void;
  /** Takes an item out of the list shown (it moved to another filter), without reading the list again. */
  remove: (matches: (item: T) => boolean) => void;
}

/** `load` must be stable (module function or useCallback): a new function starts again from the first page. */
export function usePagedData<T>(load: (cursor?: string) => Promise<Page<T>>): PagedData<T> {
  const [state, setState] = useState<{ items: T[] | undefined; nextCursor: string | null; error: string | null; isLoading: boolean }>({
    items: undefined, nextCursor: null, error: null, isLoading: true,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setState((s) => ({ ...s, isLoading: true }));
    load().then(
      (page) => {
        if (isCurrent) setState({ items: page.items, nextCursor: page.nextCursor, error: null, isLoading: false });
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

  const { nextCursor, isLoading } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor || isLoading) return;
    setState((s) => ({ ...s, isLoading: true }));
    load(nextCursor).then(
      (page) => setState((s) => ({ items: [...(s.items ?? []), ...page.items], nextCursor: page.nextCursor, error: null, isLoading: false })),
      (error: unknown) => setState((s) => ({ ...s, error: apiErrorCode(error), isLoading: false })),
    );
  }, [load, nextCursor, isLoading]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const remove = useCallback((matches: (item: T) => boolean) => {
    setState((s) => (s.items === undefined ? s : { ...s, items: s.items.filter((item) => !matches(item)) }));
  }, []);
  return { items: state.items, hasMore: state.nextCursor !== null, error: state.error, isLoading: state.isLoading, reload, loadMore, remove };
}

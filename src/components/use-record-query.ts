// Screens' reads of the record cache, live like useLiveQuery: the query runs again whenever the write gate or
// a pulled page changes what the cache holds, or a dependency changes. undefined until the first answer.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { recordCache } from '@/db/record-cache.ts';

export function useRecordQuery<R>(query: () => Promise<R> | R, deps: readonly unknown[]): R | undefined {
  const version = useSyncExternalStore(recordCache.subscribe, recordCache.getVersion);
  const [result, setResult] = useState<R | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    Promise.resolve()
      .then(query)
      .then((value) => {
        if (isCurrent) setResult(() => value);
      })
      .catch((error: unknown) => console.error('record query failed', error));
    return () => {
      isCurrent = false;
    };
    // The query is a new closure each render; what it reads is named by `deps` and the cache's version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, ...deps]);
  return result;
}

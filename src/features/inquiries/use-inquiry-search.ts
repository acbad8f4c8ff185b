// Search as you type over the in-memory inquiry index (built after unlock, dropped on lock), newest first.
import { useEffect, useSyncExternalStore } from 'react';
import { isUnlocked } from '@/crypto/key-holder.ts';
import { inquiryIndex, type InquirySummary } from '@/db/search-index.ts';

export function useInquirySearch(query: string): { results: InquirySummary[]; isReady: boolean; total: number } {
  const version = useSyncExternalStore(inquiryIndex.subscribe, inquiryIndex.getVersion);
  const isReady = inquiryIndex.isReady;
  useEffect(() => {
    // The shell builds the index after unlock; building here too is harmless (it is built once) and covers a
    // page opened before that finished.
    if (!isReady && isUnlocked()) inquiryIndex.build().catch((error: unknown) => console.error('search index not built', error));
  }, [isReady, version]);
  // No memo: a search over the in-memory index takes well under a millisecond, and this hook re-renders only
  // when the query or the index changes.
  const results = isReady ? inquiryIndex.search(query) : [];
  return { results, isReady, total: isReady ? inquiryIndex.size : 0 };
}

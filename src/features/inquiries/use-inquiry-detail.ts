// An inquiry with everything it links, and its timeline; reloaded after an edit here and whenever the record
// cache reports a change (an edit elsewhere in the app, later a sync).
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { NotFoundError } from '@/db/errors.ts';
import { getInquiryDetail, getTimeline, type InquiryDetail } from '@/db/inquiries.ts';
import { recordCache } from '@/db/record-cache.ts';
import type { TimelineEntry } from '@/db/write.ts';

export type TimelineItem = TimelineEntry & { recordId: string };

export type DetailState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed' }
  | { status: 'ready'; detail: InquiryDetail; timeline: TimelineItem[] };

export function useInquiryDetail(id: string): { state: DetailState; reload: () => void } {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const version = useSyncExternalStore(recordCache.subscribe, recordCache.getVersion);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    let isLive = true;
    void (async () => {
      try {
        const detail = await getInquiryDetail(id);
        const timeline = await getTimeline([detail.inquiry.id, detail.familyContact.id, ...detail.soughtPersons.map((p) => p.id)]);
        if (isLive) setState({ status: 'ready', detail, timeline });
      } catch (error) {
        if (!isLive) return;
        if (error instanceof NotFoundError) setState({ status: 'missing' });
        else {
          console.error('inquiry not loaded', error);
          setState({ status: 'failed' });
        }
      }
    })();
    return () => {
      isLive = false;
    };
  }, [id, nonce, version]);

  return { state, reload };
}

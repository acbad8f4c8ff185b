// Unfinished registrations on this device, newest first, kept current as the form autosaves.
import { useLiveQuery } from 'dexie-react-hooks';
import { listDrafts, type DraftSummary } from '@/db/drafts.ts';

export function useDrafts(): DraftSummary[] {
  return useLiveQuery(() => listDrafts(), [], []);
}

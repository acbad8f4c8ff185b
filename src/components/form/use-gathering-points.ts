// The gathering points a coordinator of several chooses from (intake and the profile's usual point), live:
// a sync may add or rename one. undefined while reading, empty when the point is typed as free text.
import { useLiveQuery } from 'dexie-react-hooks';
import type { SpaceSummary } from '@schema/protocol.ts';
import { listGatheringPoints } from '@/db/device.ts';

export function useGatheringPoints(): SpaceSummary[] | undefined {
  return useLiveQuery(() => listGatheringPoints(), []);
}

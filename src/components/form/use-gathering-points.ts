// This device's gathering points (intake, the profile's usual point, names shown for ids), live: a sync may
// add or rename one. undefined while reading, empty on a phone not enrolled yet.
import { useLiveQuery } from 'dexie-react-hooks';
import type { SpaceSummary } from '@schema/protocol.ts';
import { listGatheringPoints } from '@/db/device.ts';

export function useGatheringPoints(): SpaceSummary[] | undefined {
  return useLiveQuery(() => listGatheringPoints(), []);
}

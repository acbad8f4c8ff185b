// This device's enrolment with the server: its id, its user's name and role and the gathering points, and
// the refresh secret, all sealed under the data key, so a seized, locked phone neither names its owner nor
// can sync as them.
import type { SessionResponse, SpaceSummary, UserSummary } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal, type Sealed } from '@/crypto/seal.ts';
import { getMeta, getSealedMeta, sealMeta, setMeta, setSealedMeta } from './meta.ts';
import { db } from './db.ts';

export interface DeviceEnrolment {
  deviceId: string;
  user: UserSummary;
  spaces: SpaceSummary[];
  enrolledAt: number;
}

const ENROLMENT = 'enrolment';
const SECRET = 'refreshSecret';

/** Undefined when the phone is not enrolled, or while it is locked. */
export async function getEnrolment(): Promise<DeviceEnrolment | undefined> {
  return getSealedMeta<DeviceEnrolment>(ENROLMENT);
}

/**
 * The gathering points an inquiry is filed under by choice: a coordinator's spaces when there are two or
 * more, by name, one entry per name. Empty when no choice is needed (a volunteer's one space, a coordinator
 * of one, an unenrolled phone): the server then files by the device and the field stays free text.
 */
export async function listGatheringPoints(): Promise<SpaceSummary[]> {
  const enrolment = await getEnrolment();
  if (!enrolment || enrolment.user.role !== 'coordinator' || enrolment.spaces.length < 2) return [];
  // Two spaces with one name could not be told apart in a list; the first stands for both, as in findGatheringPoint.
  const byName = new Map<string, SpaceSummary>();
  for (const space of enrolment.spaces) {
    const key = gatheringPointKey(space.name);
    if (!byName.has(key)) byName.set(key, space);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'uk'));
}

/** The gathering point a name stands for, ignoring case and surrounding spaces (drafts typed before the list). */
export function findGatheringPoint(points: readonly SpaceSummary[], name: string): SpaceSummary | undefined {
  const wanted = gatheringPointKey(name);
  return points.find((p) => gatheringPointKey(p.name) === wanted);
}

function gatheringPointKey(name: string): string {
  return name.trim().toLocaleLowerCase();
}

export async function saveEnrolment(session: SessionResponse): Promise<void> {
  const sealed = await seal(getDataKey(), session.refreshSecret, SECRET);
  const enrolment: DeviceEnrolment = { deviceId: session.deviceId, user: session.user, spaces: session.spaces, enrolledAt: Date.now() };
  const sealedEnrolment = await sealMeta(ENROLMENT, enrolment);
  await db.transaction('rw', db.meta, async () => {
    await setMeta(SECRET, sealed);
    await db.meta.put(sealedEnrolment);
  });
}

export async function updateEnrolmentDetails(user: UserSummary, spaces: SpaceSummary[]): Promise<void> {
  const current = await getEnrolment();
  if (current) await setSealedMeta(ENROLMENT, { ...current, user, spaces } satisfies DeviceEnrolment);
}

export async function getRefreshSecret(): Promise<string | undefined> {
  const sealed = await getMeta<Sealed>(SECRET);
  return sealed ? unseal<string>(getDataKey(), sealed, SECRET) : undefined;
}

/** Forgets the server link; local records and the outbox stay (signing out warns first if any are pending). */
export async function forgetEnrolment(): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.bulkDelete([ENROLMENT, SECRET, 'syncCursor', 'syncStatus']);
  });
}

/**
 * Erases everything on this device: the whole database, not its rows (deleted rows stay in the browser's
 * storage files until compaction). The files themselves go when the server answers with Clear-Site-Data
 * (sync/site-storage.ts). The precache holds only the app's own files, so the app still opens offline.
 */
export async function wipeDevice(): Promise<void> {
  // Reopened (empty) only when next used, e.g. by a new set-up without a reload.
  await db.delete({ disableAutoOpen: false });
}

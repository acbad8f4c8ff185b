// This device's enrolment with the server: its id, its user's name and role and the gathering points, and
// the refresh secret, all sealed under the data key, so a seized, locked phone neither names its owner nor
// can sync as them.
import type { SessionResponse, SpaceSummary, UserSummary } from '@schema/protocol.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal, type Sealed } from '@/crypto/seal.ts';
import { getMeta, getSealedMeta, sealMeta, setMeta, setSealedMeta } from './meta.ts';
import { db } from './db.ts';
import { ValidationError } from './errors.ts';

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
 * The gathering points this device files inquiries under: its enrolment's spaces, by name (a volunteer's
 * one, a coordinator's several). Empty on a phone not enrolled yet: the server then files its inquiries
 * under the point it is enrolled to. Also where a point's name is shown from, since an inquiry holds the id.
 */
export async function listGatheringPoints(): Promise<SpaceSummary[]> {
  const enrolment = await getEnrolment();
  if (!enrolment) return [];
  return [...enrolment.spaces].sort((a, b) => a.name.localeCompare(b.name, 'uk'));
}

/** Only a coordinator of several points is asked which one; a volunteer's phone knows its one point. */
export function isGatheringPointChosen(points: readonly SpaceSummary[]): boolean {
  return points.length > 1;
}

/** The name of the point with this id, when the device knows it (ids compared in lower case). */
export function gatheringPointName(points: readonly SpaceSummary[], id: string | undefined): string | undefined {
  if (!id) return undefined;
  const wanted = id.toLowerCase();
  return points.find((p) => p.id.toLowerCase() === wanted)?.name;
}

/**
 * The point a new inquiry is filed under, from what the form holds: the one point of a device that has one,
 * the choice of a coordinator of several (checked again here: the list may have changed since the form
 * opened, and the server would refuse a point not theirs), none on an unenrolled phone. `spaceId` is sent
 * with the mutation, so the server files it there even if it knows of points this device does not yet.
 */
export async function gatheringPointOfNewInquiry(chosenId: string | undefined): Promise<{ gatheringPointId?: string; spaceId?: string }> {
  const points = await listGatheringPoints();
  const [only] = points;
  if (!only) return {};
  if (!isGatheringPointChosen(points)) return { gatheringPointId: only.id, spaceId: only.id };
  const chosen = points.find((p) => p.id.toLowerCase() === chosenId?.toLowerCase());
  if (!chosen) throw new ValidationError([{ field: 'inquiry.gatheringPointId', message: 'errors.spaceRequired' }]);
  return { gatheringPointId: chosen.id, spaceId: chosen.id };
}

/**
 * The point a name stands for, ignoring case and surrounding spaces: only for values saved before points
 * were ids (a draft or the profile's usual point, which held the name).
 */
export function findGatheringPoint(points: readonly SpaceSummary[], name: string): SpaceSummary | undefined {
  const wanted = gatheringPointKey(name);
  return wanted === '' ? undefined : points.find((p) => gatheringPointKey(p.name) === wanted);
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

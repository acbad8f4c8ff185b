// The coordinator endpoints as typed calls: each answer is validated with a zod schema here, since
// schema/protocol.ts describes only sessions and sync (see server/http/admin-routes.ts for the shapes).
import { RECORD_TYPES, type RecordType } from '@schema/records.ts';
import { spaceSummarySchema, type SpaceSummary, type UpdateSpaceRequest } from '@schema/protocol.ts';
import { z } from 'zod';
import { authedCall } from '@/sync/api.ts';

const id = z.string().min(1);
const isoTime = z.string();

export const volunteerSchema = z.object({ id, name: z.string(), createdAt: z.string().optional() });
export type Volunteer = z.infer<typeof volunteerSchema>;

export const enrolmentCodeSchema = z.object({
  code: z.string(),
  expiresAt: isoTime,
  enrolUrl: z.string(),
  qrSvg: z.string(),
  volunteer: z.object({ id, name: z.string() }),
});
export type EnrolmentCode = z.infer<typeof enrolmentCodeSchema>;

export const deviceSchema = z.object({
  id,
  label: z.string(),
  user: z.object({ id, name: z.string(), role: z.enum(['coordinator', 'volunteer']) }),
  spaceId: id.nullable(),
  createdAt: isoTime,
  lastSeenAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
  revokedReason: z.string().nullable(),
  lastMutationSeq: z.number(),
  isCurrent: z.boolean(),
  /** When a revoked phone confirmed it erased itself; null while it has not. */
  wipedAt: isoTime.nullable().default(null),
  /** How many held changes it handed over after revocation. */
  quarantinedCount: z.number().default(0),
});
export type Device = z.infer<typeof deviceSchema>;

const author = z.object({ id, name: z.string().nullable() });

/** What names a record for a coordinator: its inquiry's reference, the people sought and the family contact. */
export const recordSummarySchema = z.object({
  reference: z.string().nullable(),
  soughtPersons: z.array(z.string()),
  familyContact: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;
const deviceRef = z.object({ id, label: z.string().nullable() });

export const conflictSchema = z.object({
  id,
  kind: z.enum(['field', 'update_vs_delete', 'delete_vs_update']),
  recordType: z.enum(RECORD_TYPES),
  recordId: id,
  spaceId: id,
  record: recordSummarySchema.nullable().default(null),
  field: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  kept: z.object({ value: z.unknown(), version: z.number().nullable(), at: isoTime.nullable(), user: author.nullable(), device: deviceRef.nullable() }),
  proposed: z.object({ value: z.unknown(), at: isoTime, user: author, device: deviceRef, mutationId: z.string().nullable() }),
  resolution: z.string().nullable(),
  resolvedAt: isoTime.nullable(),
  resolvedBy: z.string().nullable(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const historySchema = z.object({
  type: z.enum(RECORD_TYPES),
  id,
  spaceId: id,
  version: z.number(),
  deleted: z.boolean(),
  record: recordSummarySchema.nullable().default(null),
  versions: z.array(
    z.object({
      version: z.number(),
      // int8 arrives as a string from PostgreSQL; kept as text, it is only shown.
      seq: z.union([z.string(), z.number()]).transform(String),
      deleted: z.boolean(),
      reason: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
      changedAt: isoTime,
      mutationId: z.string().nullable(),
      user: author,
      device: deviceRef,
      /** Set when this version came from accepting a revoked device's held change. */
      heldFrom: z.object({ deviceLabel: z.string(), userName: z.string(), receivedAt: isoTime }).nullable().default(null),
    }),
  ),
});
export type RecordHistory = z.infer<typeof historySchema>;

const heldContentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('createInquiry'),
    inquiry: z.object({ reference: z.string(), registeredOn: z.string(), gatheringPointId: z.string().nullable(), volunteerName: z.string(), channel: z.string(), notes: z.unknown() }),
    familyContact: z.object({ name: z.string(), relationship: z.string(), phones: z.array(z.string()), region: z.string() }),
    soughtPersons: z.array(z.object({ name: z.string(), dateOfBirth: z.string(), unit: z.unknown(), rank: z.unknown(), lastSeenDate: z.string(), lastSeenPlace: z.unknown() })),
  }),
  z.object({ kind: z.literal('patchRecord'), recordType: z.enum(RECORD_TYPES), recordId: id, record: recordSummarySchema.nullable(), fields: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('deleteRecord'), recordType: z.enum(RECORD_TYPES), recordId: id, record: recordSummarySchema.nullable(), reason: z.unknown() }),
]);
export type HeldContent = z.infer<typeof heldContentSchema>;

export const quarantinedSchema = z.object({
  deviceId: id,
  deviceLabel: z.string(),
  userName: z.string(),
  spaceId: id.nullable(),
  mutationSeq: z.number(),
  mutationId: z.string(),
  name: z.string(),
  receivedAt: isoTime,
  reason: z.string().nullable(),
  bytes: z.number(),
  valid: z.boolean(),
  /** Why the change cannot be read (or accepted): `too_large`, `invalid_args …`, `invalid_patch …`. */
  problem: z.string().nullable(),
  content: heldContentSchema.nullable(),
  decision: z
    .object({
      decision: z.enum(['accepted', 'discarded']),
      reason: z.string().nullable(),
      result: z.string().nullable(),
      resultReason: z.string().nullable(),
      conflictIds: z.array(z.string()),
      at: isoTime.nullable(),
      by: z.string().nullable(),
    })
    .nullable(),
});
export type Quarantined = z.infer<typeof quarantinedSchema>;
export type HeldStatus = 'pending' | 'decided';

const decisionAnswerSchema = z.object({
  mutationId: z.string(),
  decision: z.enum(['accepted', 'discarded']),
  result: z.string().nullable(),
  reason: z.string().nullable(),
  conflictIds: z.array(z.string()),
  decidedAt: isoTime,
  alreadyDecided: z.boolean(),
});
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;

/** One page of a list and the cursor of the next (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function pageQuery(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  return query.toString();
}

export type Resolution = { choice: 'kept' } | { choice: 'proposed' } | { choice: 'value'; value: unknown };

export async function listSpaces(): Promise<SpaceSummary[]> {
  return (await authedCall('/v1/spaces', undefined, z.object({ spaces: z.array(spaceSummarySchema) }))).spaces;
}

export async function createSpace(name: string, retentionDays: number): Promise<SpaceSummary> {
  return (await authedCall('/v1/spaces', { name, retentionDays }, z.object({ space: spaceSummarySchema }))).space;
}

/** Sends only what changed, so two coordinators changing different fields do not undo each other. */
export async function updateSpace(spaceId: string, change: UpdateSpaceRequest): Promise<SpaceSummary> {
  return (await authedCall(`/v1/spaces/${encodeURIComponent(spaceId)}`, change, z.object({ space: spaceSummarySchema }), { method: 'PATCH' })).space;
}

export async function listVolunteers(spaceId: string): Promise<Volunteer[]> {
  return (await authedCall(`/v1/spaces/${encodeURIComponent(spaceId)}/volunteers`, undefined, z.object({ volunteers: z.array(volunteerSchema) }))).volunteers;
}

export async function createVolunteer(spaceId: string, name: string): Promise<Volunteer> {
  return (await authedCall(`/v1/spaces/${encodeURIComponent(spaceId)}/volunteers`, { name }, z.object({ volunteer: volunteerSchema }))).volunteer;
}

export async function createEnrolmentCode(spaceId: string, volunteerId: string): Promise<EnrolmentCode> {
  return authedCall(`/v1/spaces/${encodeURIComponent(spaceId)}/enrolment-codes`, { volunteerId }, enrolmentCodeSchema);
}

export async function listDevices(): Promise<Device[]> {
  return (await authedCall('/v1/devices', undefined, z.object({ devices: z.array(deviceSchema) }))).devices;
}

export async function revokeDevice(deviceId: string): Promise<void> {
  await authedCall(`/v1/devices/${encodeURIComponent(deviceId)}/revoke`, {}, z.object({ ok: z.boolean() }));
}

export async function listConflicts(status: 'open' | 'resolved' | 'all', cursor?: string): Promise<Page<Conflict>> {
  const answer = await authedCall(
    `/v1/conflicts?${pageQuery({ status, cursor })}`,
    undefined,
    z.object({ conflicts: z.array(conflictSchema), nextCursor: z.string().nullable().default(null) }),
  );
  return { items: answer.conflicts, nextCursor: answer.nextCursor };
}

export async function resolveConflict(conflictId: string, resolution: Resolution): Promise<void> {
  await authedCall(`/v1/conflicts/${encodeURIComponent(conflictId)}/resolve`, resolution, z.object({ version: z.number().nullable() }));
}

export async function getRecordHistory(type: RecordType, recordId: string): Promise<RecordHistory> {
  return authedCall(`/v1/records/${type}/${encodeURIComponent(recordId)}/history`, undefined, historySchema);
}

export async function listQuarantined(status: HeldStatus, cursor?: string): Promise<Page<Quarantined>> {
  const answer = await authedCall(
    `/v1/quarantine?${pageQuery({ status, cursor })}`,
    undefined,
    z.object({ mutations: z.array(quarantinedSchema), nextCursor: z.string().nullable() }),
  );
  return { items: answer.mutations, nextCursor: answer.nextCursor };
}

/** Applies a held change as this coordinator's own; accepting twice applies once. */
export async function acceptHeld(mutationId: string): Promise<DecisionAnswer> {
  return authedCall(`/v1/quarantine/${encodeURIComponent(mutationId)}/accept`, {}, decisionAnswerSchema);
}

export async function discardHeld(mutationId: string, reason: string): Promise<DecisionAnswer> {
  return authedCall(`/v1/quarantine/${encodeURIComponent(mutationId)}/discard`, { reason }, decisionAnswerSchema);
}

// The coordinator endpoints as typed calls: each answer is validated with a zod schema here, since
// schema/protocol.ts describes only sessions and sync (see server/http/admin-routes.ts for the shapes).
import { RECORD_TYPES, type RecordType } from '@schema/inquiry.ts';
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
});
export type Device = z.infer<typeof deviceSchema>;

const author = z.object({ id, name: z.string().nullable() });
const deviceRef = z.object({ id, label: z.string().nullable() });

export const conflictSchema = z.object({
  id,
  kind: z.enum(['field', 'update_vs_delete', 'delete_vs_update']),
  recordType: z.enum(RECORD_TYPES),
  recordId: id,
  spaceId: id,
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
    }),
  ),
});
export type RecordHistory = z.infer<typeof historySchema>;

export const quarantinedSchema = z.object({
  deviceId: id,
  deviceLabel: z.string(),
  userName: z.string(),
  spaceId: id.nullable(),
  mutationSeq: z.number(),
  mutationId: z.string(),
  name: z.string(),
  args: z.unknown(),
  receivedAt: isoTime,
  reason: z.string().nullable(),
});
export type Quarantined = z.infer<typeof quarantinedSchema>;

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

export async function listConflicts(status: 'open' | 'resolved' | 'all'): Promise<Conflict[]> {
  return (await authedCall(`/v1/conflicts?status=${status}`, undefined, z.object({ conflicts: z.array(conflictSchema) }))).conflicts;
}

export async function resolveConflict(conflictId: string, resolution: Resolution): Promise<void> {
  await authedCall(`/v1/conflicts/${encodeURIComponent(conflictId)}/resolve`, resolution, z.object({ version: z.number().nullable() }));
}

export async function getRecordHistory(type: RecordType, recordId: string): Promise<RecordHistory> {
  return authedCall(`/v1/records/${type}/${encodeURIComponent(recordId)}/history`, undefined, historySchema);
}

export async function listQuarantined(): Promise<Quarantined[]> {
  return (await authedCall('/v1/quarantine', undefined, z.object({ mutations: z.array(quarantinedSchema) }))).mutations;
}

// The coordinator endpoints' requests and answers (gathering points, volunteers, enrolment codes, devices,
// conflicts, record history, held changes): the server's routes validate and type them, the app's client
// parses them (schema/api.ts names the endpoints). Sessions and sync live in schema/protocol.ts.
import { z } from 'zod';
import { idSchema } from './inquiry.ts';
import { RECORD_TYPES } from './records.ts';
import { UNSTORABLE_ERROR, isStorableText } from './text.ts';

// Answers are read leniently (any non-empty id, any ISO text): the server made them, and an app cached
// from an older release must still read a newer server's answer. Requests are checked strictly.
const id = z.string().min(1);
const isoTime = z.string();

// ----- paging -----
/** `?cursor=&limit=` of a paged list; `limit` defaults to `size.default` and may not exceed `size.max`. */
export function pageQuerySchema(size: { default: number; max: number }) {
  return z.object({
    cursor: z.string().min(1).max(400).regex(/^[A-Za-z0-9_-]+$/).optional(),
    // A query string carries text; the app sends a number.
    limit: z.coerce.number<number>().int().min(1).max(size.max).default(size.default),
  });
}

/** The cursor of the next page of a list, null at its end (opaque: made by the server, sent back as is). */
const nextCursor = z.string().nullable();

// ----- request parts -----
export const spaceParamsSchema = z.object({ spaceId: idSchema });
export const idParamsSchema = z.object({ id: idSchema });
export const heldParamsSchema = z.object({ mutationId: idSchema });
export const historyParamsSchema = z.object({ type: z.enum(RECORD_TYPES), id: idSchema });
export const enrolmentCodeRequestSchema = z.object({ volunteerId: idSchema });

export const CONFLICT_STATUSES = ['open', 'resolved', 'all'] as const;
export const conflictQuerySchema = pageQuerySchema({ default: 50, max: 200 }).extend({
  status: z.enum(CONFLICT_STATUSES).default('open'),
  spaceId: idSchema.optional(),
});
export const HELD_STATUSES = ['pending', 'decided', 'all'] as const;
export type HeldStatus = Exclude<(typeof HELD_STATUSES)[number], 'all'>;
export const quarantineQuerySchema = pageQuerySchema({ default: 20, max: 100 }).extend({ status: z.enum(HELD_STATUSES).default('pending') });

export const resolutionSchema = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('kept') }),
  z.object({ choice: z.literal('proposed') }),
  z.object({ choice: z.literal('value'), value: z.unknown() }),
]);
export type Resolution = z.infer<typeof resolutionSchema>;

// The reason is stored: text PostgreSQL cannot hold (NUL, lone surrogates) is refused like everywhere else.
export const discardRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000).refine(isStorableText, { error: UNSTORABLE_ERROR }) });

/** An answer that only says the call was done. */
export const okAnswerSchema = z.object({ ok: z.boolean() });

// ----- answers -----
export const volunteerSchema = z.object({ id, name: z.string(), createdAt: isoTime.optional() });
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

export const revokeAnswerSchema = z.object({ ok: z.boolean(), alreadyRevoked: z.boolean().optional() });

const author = z.object({ id, name: z.string().nullable() });
const deviceRef = z.object({ id, label: z.string().nullable() });

/** What names a record for a coordinator: its inquiry's reference, the people sought and the family contact. */
export const recordSummarySchema = z.object({
  reference: z.string().nullable(),
  soughtPersons: z.array(z.string()),
  familyContact: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const conflictSchema = z.object({
  id,
  kind: z.enum(['field', 'update_vs_delete', 'delete_vs_update']),
  recordType: z.enum(RECORD_TYPES),
  recordId: id,
  /** null: a conflict on an organisation-wide record (an exchange batch). */
  spaceId: id.nullable(),
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

export const conflictPageSchema = z.object({ conflicts: z.array(conflictSchema), nextCursor: nextCursor.default(null) });
export const resolveAnswerSchema = z.object({ version: z.number().nullable() });

export const historySchema = z.object({
  type: z.enum(RECORD_TYPES),
  id,
  /** null: an organisation-wide record. */
  spaceId: id.nullable(),
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
      /** null: written by the server itself (its matcher's suggestions), not by a person's device. */
      user: author.nullable(),
      device: deviceRef.nullable(),
      /** Set when this version came from accepting a revoked device's held change. */
      heldFrom: z.object({ deviceLabel: z.string(), userName: z.string(), receivedAt: isoTime }).nullable().default(null),
    }),
  ),
});
export type RecordHistory = z.infer<typeof historySchema>;

export const heldContentSchema = z.discriminatedUnion('kind', [
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

export const quarantinePageSchema = z.object({ mutations: z.array(quarantinedSchema), nextCursor });

export const decisionAnswerSchema = z.object({
  mutationId: z.string(),
  decision: z.enum(['accepted', 'discarded']),
  /** For an accepted change: how it applied (`applied` or `conflict`, with the conflicts opened). */
  result: z.string().nullable(),
  reason: z.string().nullable(),
  conflictIds: z.array(z.string()),
  decidedAt: isoTime,
  /** True when this decision had been taken before: nothing was done again. */
  alreadyDecided: z.boolean(),
});
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;

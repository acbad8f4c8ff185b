// Rodyna sync protocol v1: the request and response bodies of the auth, enrolment and sync endpoints,
// shared by the device app and the server. Seqs of the server's change feed are decimal strings.
import { z } from 'zod';
import { idSchema } from './inquiry.ts';
import { RECORD_TYPES } from './records.ts';
import { MUTATION_NAMES } from './mutations.ts';
import { CONTROL_CHARS_ERROR, hasNoControlChars } from './text.ts';

export const PROTOCOL_VERSION = 1;
export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
/** Bytes: a push body may hold up to this; every other body up to `MAX_BODY_BYTES`. */
export const MAX_PUSH_BODY_BYTES = 1024 * 1024;
export const MAX_BODY_BYTES = 16 * 1024;
export { MAX_MUTATION_BYTES, jsonBytes, pushBodyBytes } from './size.ts';
/** The reason code of a mutation over `MAX_MUTATION_BYTES`, refused by the server (or given up by the device). */
export const TOO_LARGE_REASON = 'too_large';
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const ENROLMENT_CODE_MINUTES = 10;

/** A server seq: a non-negative integer as a decimal string (int8 does not fit a JS number). */
export const seqSchema = z.string().regex(/^(0|[1-9][0-9]{0,18})$/, { error: 'errors.seq' });

// ----- errors -----
export const ERROR_CODES = [
  'invalid_request', 'body_too_large', 'unsupported_media_type', 'not_found', 'unauthorized', 'token_expired',
  'invalid_credentials', 'invalid_code', 'device_revoked', 'forbidden', 'too_many_requests', 'device_mismatch',
  'unknown_mutation', 'batch_not_contiguous', 'already_resolved', 'login_taken', 'cannot_accept', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** Every error answer. `wipe: true` (with `device_revoked`) tells the device to erase its local data. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
  wipe: z.boolean().optional(),
  quarantined: z.number().int().optional(),
  /**
   * On a revoked push: true when the server holds nothing more from this device (the hand-over window has
   * ended or its quota is used up): the device should wipe now rather than send the rest.
   */
  quarantineClosed: z.boolean().optional(),
  /** On a revoked push: the last mutationSeq the server holds, so the device sends the rest of its outbox. */
  lastAckedSeq: z.number().int().optional(),
  /**
   * On `/v1/auth/token` for a revoked device still inside the hand-over window: an access token that only
   * push (quarantined, never applied) and the wipe confirmation accept, so the outbox is handed over first.
   */
  handOverToken: z.string().optional(),
  handOverExpiresIn: z.number().int().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// ----- sessions -----
export const userSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(['coordinator', 'volunteer']),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
export const spaceSummarySchema = z.object({ id: idSchema, name: z.string(), retentionDays: z.number().int() });
export type SpaceSummary = z.infer<typeof spaceSummarySchema>;

// ----- spaces (gathering points), set by coordinators -----
/** Days volunteers' phones keep synced records of a space; the database checks the same range. */
export const RETENTION_DAYS = { min: 1, max: 3650, default: 14 } as const;
export const SPACE_NAME_MAX = 200;
/**
 * One line a person reads as a name or a label (device labels, people's names, logins, gathering
 * points): no control, zero-width or direction-changing character that would disguise what it says,
 * and nothing PostgreSQL cannot store.
 */
export const lineSchema = (max: number) => z.string().trim().min(1).max(max).refine(hasNoControlChars, { error: CONTROL_CHARS_ERROR });
const spaceNameSchema = lineSchema(SPACE_NAME_MAX);
const retentionDaysSchema = z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max);
// Strict: a misspelt field ("retention") must be refused, not silently dropped as if it had been saved.
export const createSpaceRequestSchema = z.strictObject({ name: spaceNameSchema, retentionDays: retentionDaysSchema.optional() });
export type CreateSpaceRequest = z.infer<typeof createSpaceRequestSchema>;
export const updateSpaceRequestSchema = z
  .strictObject({ name: spaceNameSchema.optional(), retentionDays: retentionDaysSchema.optional() })
  .refine((body) => body.name !== undefined || body.retentionDays !== undefined, { error: 'Give name or retentionDays (or both).' });
export type UpdateSpaceRequest = z.infer<typeof updateSpaceRequestSchema>;

export const DEVICE_LABEL_MAX = 100;
export const PERSON_NAME_MAX = 200;
const deviceLabelSchema = lineSchema(DEVICE_LABEL_MAX);

/** A volunteer, as a coordinator adds them to a gathering point. */
export const createVolunteerRequestSchema = z.object({ name: lineSchema(PERSON_NAME_MAX) });
export type CreateVolunteerRequest = z.infer<typeof createVolunteerRequestSchema>;

export const signInRequestSchema = z.object({
  login: lineSchema(100),
  password: z.string().min(1).max(1000),
  deviceLabel: deviceLabelSchema,
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const enrolRequestSchema = z.object({
  code: lineSchema(40),
  deviceLabel: deviceLabelSchema,
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** Answer to sign-in and enrolment: the device's identity, its refresh secret and a first access token. */
export const sessionResponseSchema = z.object({
  deviceId: idSchema,
  refreshSecret: z.string(),
  accessToken: z.string(),
  expiresIn: z.number().int(),
  user: userSummarySchema,
  spaces: z.array(spaceSummarySchema),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const tokenRequestSchema = z.object({ deviceId: idSchema, refreshSecret: z.string().min(1).max(200) });
export type TokenRequest = z.infer<typeof tokenRequestSchema>;
export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  user: userSummarySchema,
  spaces: z.array(spaceSummarySchema),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// ----- push -----
/**
 * The envelope of one outbox entry. The envelope must be well formed (else 400 and nothing applied);
 * the arguments are validated per mutation, and invalid ones are answered `rejected` and acknowledged.
 */
export const pushMutationEnvelopeSchema = z.object({
  mutationSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  mutationId: idSchema,
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /**
   * Sent instead of the arguments (with `args: null`) by a device whose mutation is too large for any push
   * (this many bytes): the server answers it `rejected` with reason `too_large`, so the outbox moves on.
   */
  tooLarge: z.number().int().min(0).optional(),
});
export const pushRequestSchema = z.object({
  deviceId: idSchema.optional(),
  mutations: z.array(pushMutationEnvelopeSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const MUTATION_RESULTS = ['applied', 'duplicate', 'conflict', 'rejected', 'quarantined'] as const;
export type MutationResultKind = (typeof MUTATION_RESULTS)[number];
export const mutationResultSchema = z.object({
  mutationSeq: z.number().int(),
  mutationId: idSchema,
  result: z.enum(MUTATION_RESULTS),
  /** With `duplicate`: the first outcome, whose `reason` and `conflictIds` are repeated. */
  originalResult: z.enum(MUTATION_RESULTS).optional(),
  reason: z.string().optional(),
  conflictIds: z.array(idSchema).optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

/** Either results (every mutation of the batch acknowledged up to `lastAckedSeq`) or a gap. */
export const pushResponseSchema = z.union([
  z.object({ results: z.array(mutationResultSchema), lastAckedSeq: z.number().int() }),
  z.object({ expectedSeq: z.number().int(), lastAckedSeq: z.number().int(), results: z.array(mutationResultSchema).length(0) }),
]);
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ----- pull -----
export const pullRequestSchema = z.object({
  cursor: seqSchema,
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const changeSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: idSchema,
  /** null: an organisation-wide record (an exchange batch), of no gathering point. */
  spaceId: idSchema.nullable(),
  version: z.number().int(),
  seq: seqSchema,
  deleted: z.boolean(),
  /** Server time of this version (ISO 8601). The device does not store it (docs/security.md). */
  updatedAt: z.string(),
  /** The whole record; null when deleted (deleted records leave the device). */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: seqSchema,
  hasMore: z.boolean(),
  lastAckedMutationSeq: z.number().int(),
  /** When true: drop every synced record (keep pending ones and the outbox), set cursor "0", pull again. */
  reset: z.boolean().optional(),
  /**
   * Volunteer devices purge synced records last changed more than this many days ago (their space's
   * retention); never unsynced ones. Coordinator devices keep everything (0 = no purge).
   */
  retentionDays: z.number().int().min(0),
  /** The server's clock (ISO 8601) at this pull: phone clocks are wrong at borders, so purge by this. */
  serverTime: z.string(),
  /** The spaces this device sees, each with its own retention. */
  spaces: z.array(spaceSummarySchema),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export { MUTATION_NAMES };

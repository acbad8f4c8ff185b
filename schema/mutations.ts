// The mutations a device records in its outbox and the server applies: names, arguments and envelopes.
// Inquiries are inserted whole; later edits are field patches carrying the version they were based on.
import { z } from 'zod';
import { familyContactSchema, idSchema, inquirySchema, soughtPersonSchema } from './inquiry.ts';
import { RECORD_TYPES } from './records.ts';
import { TOO_LARGE_ERROR, fitsOneMutation } from './size.ts';
import { UNSTORABLE_ERROR, isStorableText } from './text.ts';

/** Every mutation's arguments fit MAX_MUTATION_BYTES as sent: a schema-valid mutation can always be pushed. */
const fitsPush = { error: TOO_LARGE_ERROR } as const;

export const createInquiryArgsSchema = z.object({
  /** The gathering point; optional for a volunteer's device (bound to one space), required for a coordinator with several. */
  spaceId: idSchema.optional(),
  inquiry: inquirySchema,
  familyContact: familyContactSchema,
  soughtPersons: z.array(soughtPersonSchema).min(1).max(10),
}).refine(fitsOneMutation, fitsPush);
export type CreateInquiryArgs = z.infer<typeof createInquiryArgsSchema>;

/** A field patch; `baseVersion` is the server version the device last saw (0 if never synced). */
export const patchRecordArgsSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: idSchema,
  baseVersion: z.number().int().min(0),
  patch: z.record(z.string().max(64).refine(isStorableText, { error: UNSTORABLE_ERROR }), z.unknown()),
}).refine(fitsOneMutation, fitsPush);
export type PatchRecordArgs = z.infer<typeof patchRecordArgsSchema>;

/**
 * Inserts one record of a type the registry creates with `createRecord` (an exchange batch …); the server
 * checks the type's create roles and scope (schema/records.ts) and validates `record` with its schema.
 */
export const createRecordArgsSchema = z.object({
  type: z.enum(RECORD_TYPES),
  /** The gathering point of a space-scoped record; absent for an organisation-wide one. */
  spaceId: idSchema.optional(),
  record: z.record(z.string().max(64).refine(isStorableText, { error: UNSTORABLE_ERROR }), z.unknown()),
}).refine(fitsOneMutation, fitsPush);
export type CreateRecordArgs = z.infer<typeof createRecordArgsSchema>;

export const deleteRecordArgsSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: idSchema,
  baseVersion: z.number().int().min(0),
  reason: z.string().refine(isStorableText, { error: UNSTORABLE_ERROR }).trim().min(1).max(1000),
});
export type DeleteRecordArgs = z.infer<typeof deleteRecordArgsSchema>;

export const mutationArgsSchemas = {
  createInquiry: createInquiryArgsSchema,
  createRecord: createRecordArgsSchema,
  patchRecord: patchRecordArgsSchema,
  deleteRecord: deleteRecordArgsSchema,
} as const;
export type MutationName = keyof typeof mutationArgsSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgsSchemas) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgsSchemas)[N]>;

/** One outbox entry as sent in a push. mutationSeq counts 1, 2, 3 … per device, with no gaps. */
export const mutationSchema = z.discriminatedUnion('name', [
  z.object({ mutationSeq: z.number().int().min(1), mutationId: idSchema, name: z.literal('createInquiry'), args: createInquiryArgsSchema }),
  z.object({ mutationSeq: z.number().int().min(1), mutationId: idSchema, name: z.literal('createRecord'), args: createRecordArgsSchema }),
  z.object({ mutationSeq: z.number().int().min(1), mutationId: idSchema, name: z.literal('patchRecord'), args: patchRecordArgsSchema }),
  z.object({ mutationSeq: z.number().int().min(1), mutationId: idSchema, name: z.literal('deleteRecord'), args: deleteRecordArgsSchema }),
]);
export type Mutation = z.infer<typeof mutationSchema>;

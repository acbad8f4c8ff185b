// The record registry: for every kind of record, its schema, who sees it (scope and audience), who may
// create, patch and delete it (per field where it matters), its links, and how volunteer phones let it go.
// The server's apply, authorization and pull and the device's cache, index and purge all read it, so a new
// kind of record is one entry here plus its screens (docs/architecture.md, "Adding a record type").
import type { z } from 'zod';
import { batchEntrySchema, exchangeBatchSchema } from './batch.ts';
import { candidateMatchSchema } from './candidate.ts';
import { familyContactSchema, inquirySchema, soughtPersonSchema } from './inquiry.ts';

export type Role = 'coordinator' | 'volunteer';
export const ROLES = ['coordinator', 'volunteer'] as const satisfies readonly Role[];

/** Every kind of record a device stores and a mutation may target. */
export const RECORD_TYPES = ['inquiry', 'familyContact', 'soughtPerson', 'exchangeBatch', 'batchEntry', 'candidateMatch'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

type Schema = z.ZodObject<{ id: typeof inquirySchema.shape.id } & z.ZodRawShape>;

export interface RecordRules<S extends Schema = Schema> {
  schema: S;
  /**
   * `space`: the record belongs to one gathering point, and only that point's devices see it.
   * `organisation`: national (exchange batches); it has no gathering point.
   */
  scope: 'space' | 'organisation';
  /** The roles whose devices receive it in a pull. A seized volunteer phone can only give up what it received. */
  audience: readonly Role[];
  /** Which mutation inserts it, and who may: `createInquiry` inserts an inquiry with its people, whole. */
  create: { mutation: 'createInquiry' | 'createRecord'; roles: readonly Role[] };
  /**
   * A second `createRecord` of an existing id: `reject` (`id_exists`), or `patch` — applied as a patch from
   * version 0, so a field another device set differently becomes a conflict (two coordinators' decisions).
   */
  onExistingCreate?: 'reject' | 'patch';
  /** Who may patch its fields; `insertOnly` records (facts, links) are never patched nor deleted. */
  patch: { roles: readonly Role[]; insertOnly?: false } | { insertOnly: true };
  /**
   * Fields only some roles may set. On a patch by another role the field is refused; on a create by
   * another role it is set by the server to the schema's default, never taken from the body.
   */
  ownedFields?: Partial<Record<keyof z.infer<S> & string, readonly Role[]>>;
  /** Fields no patch may change: identity and links are fixed once created. */
  immutable: readonly (keyof z.infer<S> & string)[];
  /** Who may delete it (a delete keeps every version in history). Empty: never deleted. */
  delete: readonly Role[];
  /**
   * Fields holding the id of another record, for the device's indexes ("sought persons of this inquiry").
   * `sameSpace`: the linked record must be of this record's own space (a candidate lives where its sought
   * person does); other links need only reach the device.
   */
  links: readonly { field: keyof z.infer<S> & string; type: RecordType; many: boolean; sameSpace?: boolean }[];
  /**
   * How a volunteer phone lets a synced record go when the space's retention has passed: `root` records
   * are purged with everything they link to (once all of it is synced and old); `withRoot` records only go
   * with their root; `none` never reach a volunteer phone.
   */
  retention: 'root' | 'withRoot' | 'none';
}

function defineRecord<S extends Schema>(rules: RecordRules<S>): RecordRules<S> {
  return rules;
}

const BOTH = ['coordinator', 'volunteer'] as const;
const COORDINATORS = ['coordinator'] as const;

export const RECORDS = {
  inquiry: defineRecord({
    schema: inquirySchema,
    scope: 'space',
    audience: BOTH,
    create: { mutation: 'createInquiry', roles: BOTH },
    patch: { roles: BOTH },
    // Handling is the coordinators' decision; a volunteer's phone files every inquiry as submitted.
    ownedFields: { handlingStatus: COORDINATORS },
    // The point is the record's space, which a patch cannot move it out of.
    immutable: ['id', 'reference', 'gatheringPointId', 'familyContactId', 'soughtPersonIds', 'registeredOn'],
    delete: BOTH,
    links: [
      { field: 'familyContactId', type: 'familyContact', many: false },
      { field: 'soughtPersonIds', type: 'soughtPerson', many: true },
    ],
    retention: 'root',
  }),
  familyContact: defineRecord({
    schema: familyContactSchema,
    scope: 'space',
    audience: BOTH,
    create: { mutation: 'createInquiry', roles: BOTH },
    patch: { roles: BOTH },
    immutable: ['id'],
    delete: BOTH,
    links: [],
    retention: 'withRoot',
  }),
  soughtPerson: defineRecord({
    schema: soughtPersonSchema,
    scope: 'space',
    audience: BOTH,
    create: { mutation: 'createInquiry', roles: BOTH },
    patch: { roles: BOTH },
    immutable: ['id'],
    delete: BOTH,
    links: [],
    retention: 'withRoot',
  }),
  exchangeBatch: defineRecord({
    schema: exchangeBatchSchema,
    scope: 'organisation',
    audience: COORDINATORS,
    create: { mutation: 'createRecord', roles: COORDINATORS },
    patch: { roles: COORDINATORS },
    immutable: ['id'],
    delete: COORDINATORS,
    links: [],
    retention: 'none',
  }),
  batchEntry: defineRecord({
    schema: batchEntrySchema,
    scope: 'organisation',
    audience: COORDINATORS,
    create: { mutation: 'createRecord', roles: COORDINATORS },
    patch: { roles: COORDINATORS },
    immutable: ['id', 'batchId'],
    delete: COORDINATORS,
    links: [{ field: 'batchId', type: 'exchangeBatch', many: false }],
    retention: 'none',
  }),
  // A proposed link and a coordinator's decision on it; of the sought person's space, so each coordinator sees
  // only candidates for the families of the points they coordinate (the server's suggestions too, written with
  // no device as their author). Never deleted: a wrong link is ruled out.
  candidateMatch: defineRecord({
    schema: candidateMatchSchema,
    scope: 'space',
    audience: COORDINATORS,
    create: { mutation: 'createRecord', roles: COORDINATORS },
    onExistingCreate: 'patch',
    patch: { roles: COORDINATORS },
    // Only the server's matcher writes these (server/sync/suggest.ts): a device's create gets the defaults,
    // and no patch changes them, so a coordinator's decision on a suggestion keeps where it came from.
    ownedFields: { origin: [], other: [] },
    immutable: ['id', 'kind', 'batchEntryId', 'soughtPersonId', 'otherSoughtPersonId', 'origin', 'other'],
    delete: [],
    links: [
      { field: 'batchEntryId', type: 'batchEntry', many: false },
      { field: 'soughtPersonId', type: 'soughtPerson', many: false, sameSpace: true },
      // A probable duplicate may be sought at another gathering point the coordinator also sees.
      { field: 'otherSoughtPersonId', type: 'soughtPerson', many: false },
    ],
    retention: 'none',
  }),
} as const satisfies { [T in RecordType]: RecordRules };

export const recordSchemas = Object.fromEntries(RECORD_TYPES.map((t) => [t, RECORDS[t].schema])) as { [T in RecordType]: (typeof RECORDS)[T]['schema'] };
export type RecordOf<T extends RecordType> = z.infer<(typeof RECORDS)[T]['schema']>;

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

/** The record types a role's devices receive in a pull. */
export function typesFor(role: Role): RecordType[] {
  return RECORD_TYPES.filter((t) => (RECORDS[t].audience as readonly Role[]).includes(role));
}

/** Fields no patch may change. */
export const IMMUTABLE_FIELDS: Readonly<Record<RecordType, readonly string[]>> = Object.fromEntries(
  RECORD_TYPES.map((t) => [t, RECORDS[t].immutable]),
) as Record<RecordType, readonly string[]>;

/** Whether `role` may set `field` of a record of `type` (coordinator-owned fields, for instance). */
export function mayWriteField(type: RecordType, field: string, role: Role): boolean {
  const owners = (RECORDS[type] as RecordRules).ownedFields?.[field];
  return owners === undefined || owners.includes(role);
}

/**
 * Validates a field patch against a record type: only known, mutable fields, each value valid on its own.
 * Returns the parsed patch (with defaults applied) or the list of issues.
 */
export function parseFieldPatch(
  type: RecordType,
  patch: Record<string, unknown>,
): { ok: true; patch: Record<string, unknown> } | { ok: false; issues: { field: string; message: string }[] } {
  const shape = RECORDS[type].schema.shape as Record<string, z.ZodType>;
  const issues: { field: string; message: string }[] = [];
  const parsed: Record<string, unknown> = {};
  const fields = Object.keys(patch);
  if (fields.length === 0) issues.push({ field: '', message: 'errors.emptyPatch' });
  for (const field of fields) {
    const fieldSchema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!fieldSchema || IMMUTABLE_FIELDS[type].includes(field)) {
      issues.push({ field, message: 'errors.unknownField' });
      continue;
    }
    const result = fieldSchema.safeParse(patch[field]);
    if (result.success) parsed[field] = result.data;
    else issues.push({ field, message: result.error.issues[0]?.message ?? 'errors.invalid' });
  }
  return issues.length ? { ok: false, issues } : { ok: true, patch: parsed };
}

/**
 * A record as a role may create it: fields the role does not own are reset to the schema's default (set
 * by the server, never trusted from the body). Returns the fields that were reset.
 */
export function withOwnedDefaults(type: RecordType, data: Record<string, unknown>, role: Role): { data: Record<string, unknown>; reset: string[] } {
  const rules = RECORDS[type] as RecordRules;
  const shape = rules.schema.shape as unknown as Record<string, z.ZodType>;
  const out = { ...data };
  const reset: string[] = [];
  for (const [field, owners] of Object.entries(rules.ownedFields ?? {})) {
    if (!owners || owners.includes(role)) continue;
    const fallback = shape[field]?.safeParse(undefined);
    const value = fallback?.success ? fallback.data : undefined;
    if (out[field] !== value) reset.push(field);
    out[field] = value;
  }
  return { data: out, reset };
}

/** The ids a record links to (an inquiry's family contact and sought persons), from its registry links. */
export function linkedIds(type: RecordType, data: Record<string, unknown>): string[] {
  const rules: RecordRules = RECORDS[type];
  return rules.links.flatMap(({ field, many }) => {
    const value = data[field];
    if (many) return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    return typeof value === 'string' ? [value] : [];
  });
}

/**
 * Whether a record reaches a viewer (a device's role and the spaces it sees): its type's audience includes
 * the role, and it is either organisation-wide or of one of the viewer's spaces. The pull, the apply and the
 * coordinators' review all ask this.
 */
export function isVisibleTo(viewer: { role: Role; spaceIds: readonly string[] }, record: { type: string; spaceId: string | null }): boolean {
  if (!isRecordType(record.type)) return false;
  const rules: RecordRules = RECORDS[record.type];
  if (!rules.audience.includes(viewer.role)) return false;
  return rules.scope === 'organisation' ? record.spaceId === null : record.spaceId !== null && viewer.spaceIds.includes(record.spaceId);
}

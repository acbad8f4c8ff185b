// How each mutation changes the records: inserts for new inquiries, field patches with per-field conflict
// detection against the base version, and deletes that never win silently over a concurrent update.
// Runs inside the push transaction, after the clock row was locked, over a record store: the push's staged
// one (server/sync/record-store.ts) or the database directly.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { isVisibleTo, mayWriteField, parseFieldPatch, RECORDS, withOwnedDefaults, type RecordRules, type RecordType } from '../../schema/records.ts';
import { fileInquiry } from '../../schema/inquiry.ts';
import { createInquiryArgsSchema, createRecordArgsSchema, deleteRecordArgsSchema, patchRecordArgsSchema, type MutationName } from '../../schema/mutations.ts';
import type { MutationResultKind } from '../../schema/protocol.ts';
import type { Author, NewRecord, SyncClock } from '../db/records.ts';
import type { Database } from '../db/types.ts';
import { decideDelete, isBaseAhead, mergePatch, patchOnDeleted, stampFields } from '../../schema/merge.ts';
import { directStore, isRecordStore, type RecordStore } from './record-store.ts';

/** A transaction (each read and write at once) or a record store. */
type Target = Transaction<Database> | RecordStore;

const storeOf = (target: Target): RecordStore => (isRecordStore(target) ? target : directStore(target));

export interface Actor extends Author {
  role: 'coordinator' | 'volunteer';
  spaceIds: string[];
}

export interface Outcome {
  result: MutationResultKind;
  /** With `duplicate`: the result the mutation had when it was first received. */
  originalResult?: MutationResultKind;
  reason?: string;
  conflictIds?: string[];
}

function rejected(reason: string): Outcome {
  return { result: 'rejected', reason };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

export async function applyCreateInquiry(target: Target, clock: SyncClock, actor: Actor, rawArgs: unknown, mutationId: string, now: Date): Promise<Outcome> {
  const store = storeOf(target);
  const parsed = createInquiryArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return rejected(`invalid_args ${firstIssue(parsed.error)}`);
  const args = parsed.data;
  if (!(['inquiry', 'familyContact', 'soughtPerson'] as const).every((t) => RECORDS[t].create.roles.some((r) => r === actor.role))) return rejected('not_permitted');
  let spaceId = args.spaceId;
  if (spaceId === undefined) {
    if (actor.spaceIds.length !== 1) return rejected('space_required');
    spaceId = actor.spaceIds[0];
  }
  if (spaceId === undefined || !actor.spaceIds.includes(spaceId)) return rejected('space_not_visible');
  // Filed by id: an old phone's inquiry (its point by name, dropped by the schema) gets this space's; another space's id is refused.
  const filed = fileInquiry(args.inquiry, spaceId);
  if (!filed.ok) return rejected(filed.reason);
  const soughtIds = args.soughtPersons.map((p) => p.id);
  const linked = args.inquiry.soughtPersonIds;
  if (
    args.inquiry.familyContactId !== args.familyContact.id ||
    new Set(soughtIds).size !== soughtIds.length ||
    linked.length !== soughtIds.length ||
    !linked.every((id) => soughtIds.includes(id))
  ) {
    return rejected('inconsistent_links');
  }
  // A family contact or sought person may already exist (one relative, several inquiries): link, never overwrite.
  const parts: { type: RecordType; id: string; data: Record<string, unknown> }[] = [{ type: 'familyContact', id: args.familyContact.id, data: args.familyContact }];
  for (const person of args.soughtPersons) parts.push({ type: 'soughtPerson', id: person.id, data: person });
  const existing = await store.existing([{ type: 'inquiry', id: args.inquiry.id }, ...parts]);
  if (existing.has(`inquiry:${args.inquiry.id}`)) return rejected('id_exists');
  const toInsert: NewRecord[] = [];
  const { spaceId: _omit, ...rest } = args;
  void _omit;
  // Coordinator-owned fields (the handling status) are the server's to set for anyone else.
  toInsert.push({ type: 'inquiry', id: rest.inquiry.id, spaceId, seq: clock.next(), data: withOwnedDefaults('inquiry', filed.inquiry, actor.role).data });
  for (const part of parts) {
    const found = existing.get(`${part.type}:${part.id}`);
    if (!found) toInsert.push({ ...part, spaceId, seq: clock.next(), data: withOwnedDefaults(part.type, part.data, actor.role).data });
    else if (found.spaceId !== spaceId || found.deleted) return rejected('id_exists');
  }
  await store.insert(toInsert, { deviceId: actor.deviceId, userId: actor.userId }, mutationId, now);
  return { result: 'applied' };
}

/** Inserts one record of a type the registry creates with `createRecord`, after its create and scope rules. */
export async function applyCreateRecord(target: Target, clock: SyncClock, actor: Actor, rawArgs: unknown, mutationId: string, now: Date): Promise<Outcome> {
  const store = storeOf(target);
  const parsed = createRecordArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return rejected(`invalid_args ${firstIssue(parsed.error)}`);
  const { type, spaceId: askedSpace, record: raw } = parsed.data;
  const rules: RecordRules = RECORDS[type];
  if (rules.create.mutation !== 'createRecord') return rejected('wrong_mutation');
  if (!rules.create.roles.includes(actor.role)) return rejected('not_permitted');
  const data = rules.schema.safeParse(raw);
  if (!data.success) return rejected(`invalid_args record.${firstIssue(data.error)}`);
  let spaceId: string | null = null;
  if (rules.scope === 'organisation') {
    if (askedSpace !== undefined) return rejected('space_not_allowed');
  } else {
    spaceId = askedSpace ?? (actor.spaceIds.length === 1 ? (actor.spaceIds[0] ?? null) : null);
    if (spaceId === null) return rejected('space_required');
    if (!actor.spaceIds.includes(spaceId)) return rejected('space_not_visible');
  }
  // Every registry schema has an `id` (RecordRules' Schema type).
  const { id } = data.data as { id: string };
  const existing = await store.existing([{ type, id }]);
  if (existing.size > 0) {
    if (rules.onExistingCreate !== 'patch') return rejected('id_exists');
    // The same pair decided on two devices: the second decision is a patch from version 0, so a field the
    // first set differently becomes a conflict for review instead of being silently overwritten.
    const patch = Object.fromEntries(Object.entries(data.data).filter(([field]) => !rules.immutable.includes(field)));
    return applyPatch(store, clock, actor, { type, id, baseVersion: 0, patch }, mutationId, now);
  }
  const linkProblem = await checkLinks(store, actor, type, data.data, spaceId);
  if (linkProblem) return rejected(linkProblem);
  const record = withOwnedDefaults(type, data.data, actor.role).data;
  await store.insert([{ type, id, spaceId, seq: clock.next(), data: record }], { deviceId: actor.deviceId, userId: actor.userId }, mutationId, now);
  return { result: 'applied' };
}

/**
 * A new record's links (registry `links`) must point at records the actor sees, and a `sameSpace` link at a
 * record of the new record's own space. Returns the reason it refuses, or null.
 */
async function checkLinks(store: RecordStore, actor: Actor, type: RecordType, data: Record<string, unknown>, spaceId: string | null): Promise<string | null> {
  const rules: RecordRules = RECORDS[type];
  const wanted = rules.links.flatMap(({ field, type: target, sameSpace }) => {
    const value = data[field];
    const ids = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    return ids.filter((v): v is string => typeof v === 'string').map((linkedId) => ({ type: target, id: linkedId, sameSpace: sameSpace === true }));
  });
  if (wanted.length === 0) return null;
  const found = await store.existing(wanted);
  for (const link of wanted) {
    const target = found.get(`${link.type}:${link.id}`);
    if (!target || target.deleted || !isVisibleTo(actor, { type: link.type, spaceId: target.spaceId })) return `link_not_found ${link.type}`;
    if (link.sameSpace && target.spaceId !== spaceId) return `link_other_space ${link.type}`;
  }
  return null;
}

/** The permission a registry gives a role over an existing record, or the reason it refuses. */
function refusal(type: RecordType, action: 'patch' | 'delete', role: Actor['role']): string | null {
  const rules: RecordRules = RECORDS[type];
  if (rules.patch.insertOnly) return 'insert_only';
  const roles = action === 'patch' ? rules.patch.roles : rules.delete;
  return roles.includes(role) ? null : 'not_permitted';
}

export async function applyPatch(target: Target, clock: SyncClock, actor: Actor, rawArgs: unknown, mutationId: string, now: Date): Promise<Outcome> {
  const store = storeOf(target);
  const parsed = patchRecordArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return rejected(`invalid_args ${firstIssue(parsed.error)}`);
  const { type, id, baseVersion, patch } = parsed.data;
  const record = await store.find(type, id);
  if (!record || !isVisibleTo(actor, record)) return rejected('not_found');
  const refused = refusal(type, 'patch', actor.role);
  if (refused) return rejected(refused);
  const owned = Object.keys(patch).filter((field) => !mayWriteField(type, field, actor.role));
  if (owned.length) return rejected(`field_not_permitted ${owned.join(', ')}`);
  if (isBaseAhead(record.version, baseVersion)) return rejected('base_version_ahead');
  const fields = parseFieldPatch(type, patch);
  if (!fields.ok) return rejected(`invalid_patch ${fields.issues.map((i) => `${i.field}: ${i.message}`).join(', ')}`);
  const author: Author = { deviceId: actor.deviceId, userId: actor.userId };

  if (record.deleted) {
    const decision = patchOnDeleted(await store.changedByOthersSince(type, id, baseVersion, actor.deviceId));
    if (decision.result === 'rejected') return rejected(decision.reason);
    // Update versus a delete the device had not seen: surfaced, never decided.
    const conflictId = randomUUID();
    await store.insertConflict({
      id: conflictId, kind: decision.kind, recordType: type, recordId: id, spaceId: record.spaceId, field: null,
      keptValue: null, kept: decision.kept, keptVersion: record.version, proposedValue: fields.patch, proposed: author, mutationId, now,
    });
    return { result: 'conflict', reason: 'record_deleted', conflictIds: [conflictId] };
  }

  const { applied, conflicts } = mergePatch(record.data, record.fieldVersions, fields.patch, baseVersion, actor);
  if (Object.keys(applied).length > 0) {
    const { fieldVersions } = stampFields(record, Object.keys(applied), { deviceId: actor.deviceId, userId: actor.userId, at: now.toISOString() });
    await store.update({ record, seq: clock.next(), data: { ...record.data, ...applied }, deleted: false, fieldVersions, author, mutationId, reason: null, now });
  }
  const conflictIds: string[] = [];
  for (const conflict of conflicts) {
    const conflictId = randomUUID();
    conflictIds.push(conflictId);
    await store.insertConflict({
      id: conflictId, kind: 'field', recordType: type, recordId: id, spaceId: record.spaceId, field: conflict.field,
      keptValue: conflict.kept, kept: conflict.keptBy, keptVersion: conflict.keptBy.version,
      proposedValue: conflict.proposed, proposed: author, mutationId, now,
    });
  }
  return conflictIds.length ? { result: 'conflict', conflictIds } : { result: 'applied' };
}

export async function applyDelete(target: Target, clock: SyncClock, actor: Actor, rawArgs: unknown, mutationId: string, now: Date): Promise<Outcome> {
  const store = storeOf(target);
  const parsed = deleteRecordArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return rejected(`invalid_args ${firstIssue(parsed.error)}`);
  const { type, id, baseVersion, reason } = parsed.data;
  const record = await store.find(type, id);
  if (!record || !isVisibleTo(actor, record)) return rejected('not_found');
  const refused = refusal(type, 'delete', actor.role);
  if (refused) return rejected(refused);
  // The history is read only for a delete the record's state does not refuse already.
  const refusedNow = decideDelete(record, baseVersion, undefined);
  if (refusedNow.result === 'rejected') return rejected(refusedNow.reason);
  const author: Author = { deviceId: actor.deviceId, userId: actor.userId };
  const decision = decideDelete(record, baseVersion, await store.changedByOthersSince(type, id, baseVersion, actor.deviceId));
  if (decision.result === 'rejected') return rejected(decision.reason);
  if (decision.result === 'conflict') {
    // Delete versus an update the device had not seen: surfaced, never decided.
    const conflictId = randomUUID();
    await store.insertConflict({
      id: conflictId, kind: decision.kind, recordType: type, recordId: id, spaceId: record.spaceId, field: null,
      keptValue: record.data, kept: decision.kept, keptVersion: record.version, proposedValue: { delete: true, reason }, proposed: author, mutationId, now,
    });
    return { result: 'conflict', reason: 'changed_since_base', conflictIds: [conflictId] };
  }
  await store.update({ record, seq: clock.next(), data: record.data, deleted: true, fieldVersions: record.fieldVersions, author, mutationId, reason, now });
  return { result: 'applied' };
}

/** How each mutation is applied; push and the acceptance of held changes share it. */
export const APPLIERS = {
  createInquiry: applyCreateInquiry,
  createRecord: applyCreateRecord,
  patchRecord: applyPatch,
  deleteRecord: applyDelete,
} as const satisfies Record<MutationName, unknown>;

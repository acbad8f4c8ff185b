// Repository of inquiries and the records they link (family contact, sought persons): the only way to
// create, edit and read them on the device. Offline a write goes to the outbox; conflicts are the server's
// to detect, since patches carry the version they were based on.
import { familyContactSchema, inquirySchema, intakeSchema, soughtPersonSchema, type FamilyContact, type Inquiry, type IntakeInput, type SoughtPerson } from '@schema/inquiry.ts';
import { parseFieldPatch, recordSchemas, type RecordType } from '@schema/records.ts';
import { changedFields } from '@schema/merge.ts';
import type { CreateInquiryArgs, PatchRecordArgs } from '@schema/mutations.ts';
import { generateReference } from '@schema/reference.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { unseal } from '@/crypto/seal.ts';
import { db } from './db.ts';
import { gatheringPointOfNewInquiry } from './device.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { getProfile } from './profile.ts';
import { recordCache, type CachedRecord } from './record-cache.ts';
import { historyContext } from './seal-context.ts';
import { commitWrite, commitWrites, type TimelineEntry, type WritePlan } from './write.ts';

export interface InquiryDetail {
  inquiry: Inquiry;
  familyContact: FamilyContact;
  soughtPersons: SoughtPerson[];
  /** Sync state per record id. */
  state: Record<string, { version: number; pending: boolean }>;
}

async function signer(): Promise<string | null> {
  return (await getProfile()).volunteerName || null;
}

/** Registers a new inquiry from the intake form's values; the draft it came from is removed in the same transaction. */
export async function createInquiry(values: IntakeInput, options: { draftId?: string } = {}): Promise<{ id: string; reference: string }> {
  const [created] = await createInquiries([values], { draftIds: options.draftId ? [options.draftId] : [] });
  if (!created) throw new Error('no inquiry created');
  return created;
}

/**
 * Registers several inquiries at once (an imported list), all or nothing: one transaction, consecutive outbox
 * entries. A row the schema refuses throws ValidationError with its index first in each field (`3.inquiry.notes`);
 * a row too large to sync throws MutationTooLargeError with its index. Nothing is stored in either case.
 */
export async function createInquiries(list: readonly IntakeInput[], options: { draftIds?: readonly string[] } = {}): Promise<{ id: string; reference: string }[]> {
  const by = await signer();
  const points = new Map<string, Promise<FiledUnder>>();
  const pointOf = (chosenId: string | undefined): Promise<FiledUnder> => {
    let point = points.get(chosenId ?? '');
    if (!point) points.set(chosenId ?? '', (point = gatheringPointOfNewInquiry(chosenId)));
    return point;
  };
  const planned = [];
  for (const [index, values] of list.entries()) {
    try {
      planned.push(await planInquiry(values, pointOf, by, options.draftIds?.[index]));
    } catch (error) {
      if (!(error instanceof ValidationError) || list.length === 1) throw error;
      throw new ValidationError(error.issues.map((i) => ({ ...i, field: `${index}.${i.field}` })));
    }
  }
  await commitWrites(planned.map((p) => p.plan));
  return planned.map((p) => p.created);
}

/** Where a new inquiry is filed (device.ts): its point's id, and the space the mutation names. */
type FiledUnder = Awaited<ReturnType<typeof gatheringPointOfNewInquiry>>;

async function planInquiry(values: IntakeInput, pointOf: (chosenId: string | undefined) => Promise<FiledUnder>, by: string | null, draftId?: string) {
  const parsed = intakeSchema.safeParse(values);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  const { inquiry: { gatheringPointId: chosenId, ...inquiryValues }, familyContact: contactValues, soughtPersons: personValues } = parsed.data;
  const { gatheringPointId, spaceId } = await pointOf(chosenId);
  const familyContact = familyContactSchema.parse({ ...contactValues, id: crypto.randomUUID() });
  const soughtPersons = personValues.map((p) => soughtPersonSchema.parse({ ...p, id: crypto.randomUUID() }));
  const inquiry = inquirySchema.parse({
    ...inquiryValues,
    ...(gatheringPointId ? { gatheringPointId } : {}),
    id: crypto.randomUUID(),
    reference: generateReference(),
    handlingStatus: 'submitted',
    familyContactId: familyContact.id,
    soughtPersonIds: soughtPersons.map((p) => p.id),
  });
  const args: CreateInquiryArgs = { ...(spaceId ? { spaceId } : {}), inquiry, familyContact, soughtPersons };
  const entry: TimelineEntry = { at: Date.now(), action: 'created', by };
  const plan: WritePlan = {
    records: [
      { type: 'inquiry', id: inquiry.id, data: inquiry },
      { type: 'familyContact', id: familyContact.id, data: familyContact },
      ...soughtPersons.map((p) => ({ type: 'soughtPerson' as const, id: p.id, data: p })),
    ],
    mutation: { name: 'createInquiry', args },
    timeline: [{ recordId: inquiry.id, entry }],
    deleteDraftId: draftId,
  };
  return { plan, created: { id: inquiry.id, reference: inquiry.reference } };
}

async function readRecord<T extends RecordType>(type: T, id: string): Promise<CachedRecord<T>> {
  await recordCache.ready();
  const record = recordCache.get(type, id);
  if (!record) throw new NotFoundError(`${type} ${id}`);
  return record;
}

/**
 * Changes some fields of one record. Only fields whose value really changes are sent; the patch carries the
 * server version this device last saw, so concurrent edits elsewhere surface as conflicts, not overwrites.
 * Returns the fields changed (empty when nothing changed, in which case nothing is written).
 */
export async function patchRecord(type: RecordType, id: string, patch: Record<string, unknown>): Promise<string[]> {
  const parsed = parseFieldPatch(type, patch);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const held = await readRecord(type, id);
  const current = held.data as Record<string, unknown>;
  // The server's equality (schema/merge.ts): a value equal but for key order is no change here either.
  const changes = changedFields(current, parsed.patch);
  const fields = Object.keys(changes);
  if (fields.length === 0) return [];
  const next = recordSchemas[type].parse({ ...current, ...changes });
  const args: PatchRecordArgs = { type, id, baseVersion: held.version, patch: changes };
  await commitWrite({
    records: [{ type, id, data: next, base: held }],
    mutation: { name: 'patchRecord', args },
    timeline: [{ recordId: id, entry: { at: Date.now(), action: 'edited', fields, by: await signer() } }],
  });
  return fields;
}

export async function getInquiryDetail(id: string): Promise<InquiryDetail> {
  const held = await readRecord('inquiry', id);
  const inquiry = held.data;
  const contact = await readRecord('familyContact', inquiry.familyContactId);
  const persons = await Promise.all(inquiry.soughtPersonIds.map((pid) => readRecord('soughtPerson', pid)));
  const state: InquiryDetail['state'] = {};
  for (const r of [held, contact, ...persons]) state[r.id] = { version: r.version, pending: r.pending };
  return { inquiry, familyContact: contact.data, soughtPersons: persons.map((p) => p.data), state };
}

/** The timeline of several records (an inquiry and what it links), oldest first. */
export async function getTimeline(recordIds: string[]): Promise<(TimelineEntry & { recordId: string })[]> {
  const key = getDataKey();
  const rows = (
    await Promise.all(recordIds.map((rid) => db.history.where('[recordId+order]').between([rid, 0], [rid, Infinity]).toArray()))
  ).flat();
  rows.sort((a, b) => a.order - b.order);
  return Promise.all(rows.map(async (r) => ({ recordId: r.recordId, ...(await unseal<TimelineEntry>(key, r.sealed, historyContext(r))) })));
}

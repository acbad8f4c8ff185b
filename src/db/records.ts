// Repository of the record types the registry creates one by one with `createRecord` (exchange batches,
// their entries): create, list and read them on the device. Offline a write goes to the outbox like any
// other; the server checks the registry's rules again, so the device's check only spares a refused sync.
import type { BatchEntry } from '@schema/batch.ts';
import { pairId, type CandidateMatch } from '@schema/candidate.ts';
import { RECORDS, type RecordOf, type RecordRules, type RecordType } from '@schema/records.ts';
import type { CreateRecordArgs } from '@schema/mutations.ts';
import { getEnrolment } from './device.ts';
import { ValidationError } from './errors.ts';
import { patchRecord } from './inquiries.ts';
import { getProfile } from './profile.ts';
import { recordCache, type CachedRecord } from './record-cache.ts';
import { inquiryIndex } from './search-index.ts';
import { commitWrite } from './write.ts';

export class NotPermittedError extends Error {
  constructor(readonly type: RecordType) {
    super(`this device may not create ${type}`);
    this.name = 'NotPermittedError';
  }
}

/**
 * Creates one record of a type the registry inserts with `createRecord`; without an id it gets a new one.
 * Returns the record as stored.
 */
export async function createRecord<T extends RecordType>(
  type: T,
  values: Omit<RecordOf<T>, 'id'> & { id?: string },
  options: { spaceId?: string | null } = {},
): Promise<RecordOf<T>> {
  const rules: RecordRules = RECORDS[type];
  if (rules.create.mutation !== 'createRecord') throw new Error(`${type} is not created with createRecord`);
  const role = (await getEnrolment())?.user.role;
  if (!role || !rules.create.roles.includes(role)) throw new NotPermittedError(type);
  const id = values.id ?? crypto.randomUUID();
  const parsed = rules.schema.safeParse({ ...values, id });
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  const record = parsed.data;
  const args: CreateRecordArgs = { type, record, ...(options.spaceId ? { spaceId: options.spaceId } : {}) };
  await commitWrite({
    records: [{ type, id, data: record }],
    mutation: { name: 'createRecord', args },
    timeline: [{ recordId: id, entry: { at: Date.now(), action: 'created', by: (await getProfile()).volunteerName || null } }],
  });
  return record as RecordOf<T>;
}

/** Every live record of a type, in local insertion order, from the record cache. */
export async function listRecords<T extends RecordType>(type: T): Promise<readonly CachedRecord<T>[]> {
  await recordCache.ready();
  return recordCache.list(type);
}

export async function getRecord<T extends RecordType>(type: T, id: string): Promise<CachedRecord<T> | undefined> {
  await recordCache.ready();
  return recordCache.get(type, id);
}

/** The records of `type` linking to `target` through `field` ("entries of this batch"), in insertion order. */
export async function listLinked<T extends RecordType>(type: T, field: string, target: string): Promise<CachedRecord<T>[]> {
  await recordCache.ready();
  return recordCache.linked(type, field, target).sort((a, b) => a.order - b.order);
}

export interface CandidateDecision {
  entryId: string;
  personId: string;
  score: number;
  band: 'strong' | 'possible';
  fields: CandidateMatch['fields'];
  status: 'confirmed' | 'ruled_out';
  evidence: CandidateMatch['evidence'];
  note: string;
}

/**
 * A coordinator's decision on one candidate: the pair's candidate match (created, or changed if this device
 * already holds it), and on a confirmation the entry marked matched. Offline like any write; two coordinators
 * deciding the same pair differently meet as a conflict on the server, never a silent overwrite.
 */
export async function decideCandidate(decision: CandidateDecision): Promise<void> {
  const id = pairId(decision.entryId, decision.personId);
  const outcome = { status: decision.status, evidence: decision.evidence, note: decision.note };
  if (await getRecord('candidateMatch', id)) {
    await patchRecord('candidateMatch', id, outcome);
  } else {
    await recordCache.ready();
    await createRecord(
      'candidateMatch',
      {
        id, kind: 'batch_entry', batchEntryId: decision.entryId, soughtPersonId: decision.personId, otherSoughtPersonId: null,
        score: decision.score, band: decision.band, fields: decision.fields, ...outcome,
      },
      { spaceId: spaceOfPerson(decision.personId) },
    );
  }
  if (decision.status === 'confirmed') {
    await setEntryReview(decision.entryId, 'matched');
  } else {
    // Ruling out the one confirmed link reopens the entry: it is no longer matched.
    const entry = await getRecord('batchEntry', decision.entryId);
    const stillConfirmed = (await listLinked('candidateMatch', 'batchEntryId', decision.entryId)).some((m) => m.data.status === 'confirmed');
    if (entry?.data.reviewStatus === 'matched' && !stillConfirmed) await setEntryReview(decision.entryId, 'unreviewed');
  }
}

/** The entry reviewed: matched (a confirmed candidate), no match (none fits), or back to unreviewed. */
export async function setEntryReview(entryId: string, reviewStatus: BatchEntry['reviewStatus']): Promise<void> {
  const entry = await getRecord('batchEntry', entryId);
  if (entry && entry.data.reviewStatus !== reviewStatus) await patchRecord('batchEntry', entryId, { reviewStatus });
}

/**
 * The gathering point of a sought person: its record's space once synced; before that, the point its inquiry
 * is filed under (a decision taken before the inquiry reached the server must still name the person's space).
 */
function spaceOfPerson(personId: string): string | null {
  const synced = recordCache.find(personId)?.spaceId;
  if (synced) return synced;
  const inquiry = recordCache.linked('inquiry', 'soughtPersonIds', personId)[0];
  return inquiry?.spaceId ?? inquiry?.data.gatheringPointId ?? null;
}

/** The two sought persons of a duplicate pair, in a fixed order, so both devices name the pair alike. */
export function duplicatePair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

export interface DuplicateDecision {
  personIds: [string, string];
  score: number;
  band: 'strong' | 'possible';
  fields: CandidateMatch['fields'];
  status: 'confirmed' | 'ruled_out';
  note: string;
}

/**
 * A coordinator's word on two sought persons: the same person (a link between the two inquiries; nothing is
 * merged or deleted) or not. Filed under the first person's space; the other may be at another point.
 */
export async function decideDuplicate(decision: DuplicateDecision): Promise<void> {
  const [first, second] = duplicatePair(...decision.personIds);
  const id = pairId(first, second);
  const outcome = { status: decision.status, evidence: '' as const, note: decision.note };
  if (await getRecord('candidateMatch', id)) {
    await patchRecord('candidateMatch', id, outcome);
    return;
  }
  await recordCache.ready();
  await createRecord(
    'candidateMatch',
    { id, kind: 'duplicate', batchEntryId: null, soughtPersonId: first, otherSoughtPersonId: second, score: decision.score, band: decision.band, fields: decision.fields, ...outcome },
    { spaceId: spaceOfPerson(first) },
  );
}

export interface LinkedInquiry {
  personId: string;
  inquiryId: string;
  reference: string;
  contactName: string;
}

/** Inquiries seeking the same person as these, by a coordinator's confirmed duplicate link (this device's). */
export async function listLinkedInquiries(personIds: readonly string[]): Promise<LinkedInquiry[]> {
  const mine = new Set(personIds);
  const links = (await listRecords('candidateMatch')).filter((m) => m.data.kind === 'duplicate' && m.data.status === 'confirmed');
  const others = links.flatMap(({ data }) => {
    if (data.otherSoughtPersonId === null) return [];
    if (mine.has(data.soughtPersonId) && !mine.has(data.otherSoughtPersonId)) return [data.otherSoughtPersonId];
    if (mine.has(data.otherSoughtPersonId) && !mine.has(data.soughtPersonId)) return [data.soughtPersonId];
    return [];
  });
  if (others.length === 0) return [];
  if (!inquiryIndex.isReady) await inquiryIndex.build();
  const byId = new Map(inquiryIndex.matchablePersons({ consentedOnly: false }).map((p) => [p.id, p]));
  return others.flatMap((id) => {
    const p = byId.get(id);
    return p ? [{ personId: id, inquiryId: p.inquiryId, reference: p.reference, contactName: p.contactName }] : [];
  });
}

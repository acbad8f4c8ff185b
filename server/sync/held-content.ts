// What a held change says, in a form a coordinator can read and a page can carry: a new inquiry's
// reference and people, a patch's record and fields with values, a deletion's record and reason. Long
// texts are cut for the list (accepting applies the whole stored change); invalid changes say why.
import { parseFieldPatch, type RecordType } from '../../schema/records.ts';
import { mutationArgsSchemas, type CreateInquiryArgs, type MutationName } from '../../schema/mutations.ts';
import type { RecordSummary } from '../db/review.ts';

/** Characters of one text value shown in the list. */
const TEXT_SHOWN = 500;

function cut(value: unknown): unknown {
  if (typeof value === 'string') return value.length > TEXT_SHOWN ? `${value.slice(0, TEXT_SHOWN)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 30).map(cut);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).slice(0, 60).map(([k, v]) => [k, cut(v)]));
  return value;
}

function name(person: { surname: string; givenName: string; patronymic?: string }): string {
  return [person.surname, person.givenName, person.patronymic ?? ''].filter((p) => p.trim() !== '').join(' ');
}

export type HeldContent =
  | {
      kind: 'createInquiry';
      /**
       * The point it would be filed under, by id (its name is the space's, shown by the page): the inquiry's
       * own, else the one the mutation names; null for "the device's one point" (an old or unenrolled phone's).
       */
      inquiry: { reference: string; registeredOn: string; gatheringPointId: string | null; volunteerName: string; channel: string; notes: unknown };
      familyContact: { name: string; relationship: string; phones: string[]; region: string };
      soughtPersons: { name: string; dateOfBirth: string; unit: unknown; rank: unknown; lastSeenDate: string; lastSeenPlace: unknown }[];
    }
  | { kind: 'patchRecord'; recordType: RecordType; recordId: string; record: RecordSummary | null; fields: Record<string, unknown> }
  | { kind: 'deleteRecord'; recordType: RecordType; recordId: string; record: RecordSummary | null; reason: unknown };

export type HeldReading = { valid: true; content: HeldContent } | { valid: false; problem: string };

function createContent(args: CreateInquiryArgs): HeldContent {
  const { inquiry, familyContact } = args;
  return {
    kind: 'createInquiry',
    inquiry: {
      reference: inquiry.reference, registeredOn: inquiry.registeredOn, gatheringPointId: inquiry.gatheringPointId ?? args.spaceId ?? null,
      volunteerName: String(cut(inquiry.volunteerName)), channel: inquiry.channel, notes: cut(inquiry.notes),
    },
    familyContact: { name: name(familyContact), relationship: familyContact.relationship, phones: familyContact.phones, region: familyContact.region },
    soughtPersons: args.soughtPersons.map((p) => ({
      name: name(p), dateOfBirth: p.dateOfBirth, unit: cut(p.unit), rank: cut(p.rank), lastSeenDate: p.lastSeenDate, lastSeenPlace: cut(p.lastSeenPlace),
    })),
  };
}

/** The record a patch or deletion is about, for looking its name up before `readHeld`. */
export function heldTarget(name: string, args: unknown): { type: RecordType; id: string } | null {
  if (name !== 'patchRecord' && name !== 'deleteRecord') return null;
  const parsed = mutationArgsSchemas[name].safeParse(args);
  return parsed.success ? { type: parsed.data.type, id: parsed.data.id } : null;
}

/** Reads a held change with the schema the apply path uses; `records` names the records patches touch. */
export function readHeld(mutationName: string, args: unknown, records: Map<string, RecordSummary>): HeldReading {
  if (!(mutationName in mutationArgsSchemas)) return { valid: false, problem: `unknown_mutation ${mutationName.slice(0, 64)}` };
  const parsed = mutationArgsSchemas[mutationName as MutationName].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { valid: false, problem: `invalid_args ${issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : ''}`.trim() };
  }
  if (mutationName === 'createInquiry') return { valid: true, content: createContent(parsed.data as CreateInquiryArgs) };
  const data = parsed.data as { type: RecordType; id: string; patch?: Record<string, unknown>; reason?: string };
  const record = records.get(`${data.type}:${data.id}`) ?? null;
  if (mutationName === 'deleteRecord') return { valid: true, content: { kind: 'deleteRecord', recordType: data.type, recordId: data.id, record, reason: cut(data.reason) } };
  const fields = parseFieldPatch(data.type, data.patch ?? {});
  if (!fields.ok) return { valid: false, problem: `invalid_patch ${fields.issues.map((i) => `${i.field}: ${i.message}`).join(', ')}`.slice(0, 500) };
  return { valid: true, content: { kind: 'patchRecord', recordType: data.type, recordId: data.id, record, fields: cut(fields.patch) as Record<string, unknown> } };
}

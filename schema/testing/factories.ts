// Test factories, one per entity: a valid value of the schema's own type, with overrides. Used by the unit
// tests (src/db/test-support.ts), the server tests (server/test-support/fixtures.ts), the e2e page objects,
// the benchmarks' generator (bench/data.ts) and the server seeder. Typed by schema/, so a field added to or
// renamed in a schema breaks the factory at compile time, not a test at run time. Pure: imports schema/ only.
// Ids come from an `Ids` source: random by default, or `seededIds(seed)` for the same values run after run.
import type { BatchEntry, ExchangeBatch } from '../batch.ts';
import { pairId, type CandidateMatch } from '../candidate.ts';
import {
  familyContactSchema, inquirySchema, intakeSchema, soughtPersonSchema,
  type FamilyContact, type Inquiry, type IntakeInput, type SoughtPerson,
} from '../inquiry.ts';
import type { CreateInquiryArgs, CreateRecordArgs, Mutation } from '../mutations.ts';
import type { RecordOf, RecordType } from '../records.ts';
import { generateReference } from '../reference.ts';

// ------------------------------------------------------------------------------------------ ids and seeds
/** mulberry32: a tiny seeded PRNG (the benchmarks' data and seeded ids draw from it). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a factory takes its ids and slip references from. */
export interface Ids {
  uuid(): string;
  reference(): string;
}

/** Random ids (WebCrypto, in the browser and in Node alike): every value is new. */
export const randomIds: Ids = {
  uuid: () => globalThis.crypto.randomUUID(),
  reference: () => generateReference(),
};

/** Ids drawn from a seeded stream: the same seed gives the same ids and references, in the same order. */
export function seededIds(seed: number): Ids {
  const r = rng(seed);
  const fill = (bytes: Uint8Array) => bytes.forEach((_, i) => (bytes[i] = Math.floor(r() * 256)));
  return {
    uuid() {
      const bytes = new Uint8Array(16);
      fill(bytes);
      // An RFC 9562 version 4 UUID (version and variant bits set), so idSchema accepts it.
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    reference: () => generateReference(fill),
  };
}

// ------------------------------------------------------------------------------------------------ inquiry
const DAY = '2026-11-20';

/** An intake as the form collects it (no ids): a mother registering her son, in Ukrainian. */
export function makeIntakeInput(overrides: {
  inquiry?: Partial<IntakeInput['inquiry']>;
  familyContact?: Partial<IntakeInput['familyContact']>;
  /** Overrides of the one sought person; `soughtPersons` replaces the list. */
  soughtPerson?: Partial<IntakeInput['soughtPersons'][number]>;
  soughtPersons?: IntakeInput['soughtPersons'];
} = {}): IntakeInput {
  return {
    inquiry: {
      volunteerName: 'Марія', registeredOn: DAY, channel: 'in_person', familyLanguage: 'uk',
      consent: { toRecord: true, shareWith: ['coordinators'], toBeMatched: true, toPublishPhoto: false, givenOn: DAY, method: 'written', withdrawnOn: '' },
      referrals: { policeCaseNo: '', coordinationHqNo: '', icrcReference: '', registerExtractNo: '' },
      notes: '',
      ...overrides.inquiry,
    },
    familyContact: {
      surname: 'Олійник', givenName: 'Галина', patronymic: 'Петрівна', relationship: 'mother', phones: ['+380 67 123 45 67'],
      region: 'kharkiv', preferredChannel: 'phone', kinshipProofSeen: true,
      ...overrides.familyContact,
    },
    soughtPersons: overrides.soughtPersons ?? [{
      surname: 'Олійник', givenName: 'Олександр', patronymic: 'Миколайович', sex: 'male', dateOfBirth: '1990', unit: '92 ОМБр',
      marks: [{ kind: 'tattoo', location: 'left_arm', description: 'якір' }],
      ...overrides.soughtPerson,
    }],
  };
}

/** A family contact as stored (every field present). */
export function makeFamilyContact(overrides: Partial<FamilyContact> = {}, ids: Ids = randomIds): FamilyContact {
  return {
    id: ids.uuid(), surname: 'Коваленко', givenName: 'Марія', patronymic: '', relationship: 'mother', phones: ['+380501234567'],
    region: 'sumy', preferredChannel: 'phone', kinshipProofSeen: false,
    ...overrides,
  };
}

/** A sought person as stored (every field present, the optional ones empty). */
export function makeSoughtPerson(overrides: Partial<SoughtPerson> = {}, ids: Ids = randomIds): SoughtPerson {
  return {
    id: ids.uuid(), surname: 'Коваленко', givenName: 'Олександр', patronymic: 'Миколайович', otherSpellings: '', sex: 'male',
    dateOfBirth: '1995', placeOfBirth: '', unit: '', rank: '', lastSeenDate: '', lastSeenPlace: '', circumstances: '', witnessAccounts: '',
    heightCm: '', build: '', hairColour: '', eyeColour: '', bloodType: 'unknown', marks: [], dentalNotes: '', implants: '', clothing: '',
    effects: '', medicalRecordsLocation: '', referenceSamples: [], needsSecondRelative: false,
    ...overrides,
  };
}

/**
 * An inquiry as stored. Not matched by default: fixture families seek the same man, and the server's matcher
 * would join every suite with its suggestions; a test of matching gives its families consent.
 */
export function makeInquiry(overrides: Partial<Inquiry> = {}, ids: Ids = randomIds): Inquiry {
  return {
    id: ids.uuid(), reference: 'ABCD2345', volunteerName: 'Olena', registeredOn: DAY, channel: 'in_person', familyLanguage: 'uk',
    consent: { toRecord: true, shareWith: ['coordinators'], toBeMatched: false, toPublishPhoto: false, givenOn: DAY, method: 'verbal', withdrawnOn: '' },
    referrals: { policeCaseNo: '', coordinationHqNo: '', icrcReference: '', registerExtractNo: '' },
    handlingStatus: 'submitted', familyContactId: ids.uuid(), soughtPersonIds: [ids.uuid()], notes: '',
    ...overrides,
  };
}

/**
 * The arguments of a new inquiry, its records linked to each other (the inquiry names its contact's and
 * persons' ids). With `spaceId` and no `gatheringPointId` of its own, the inquiry's point is that space.
 */
export function makeCreateInquiryArgs(overrides: {
  spaceId?: string;
  inquiry?: Partial<Inquiry>;
  familyContact?: Partial<FamilyContact>;
  /** One entry per sought person (default: one, with no overrides). */
  soughtPersons?: readonly Partial<SoughtPerson>[];
} = {}, ids: Ids = randomIds): CreateInquiryArgs {
  const familyContact = makeFamilyContact(overrides.familyContact, ids);
  const soughtPersons = (overrides.soughtPersons ?? [{}]).map((person) => makeSoughtPerson(person, ids));
  const point = overrides.inquiry?.gatheringPointId ?? overrides.spaceId;
  const inquiry = makeInquiry({
    ...(point ? { gatheringPointId: point } : {}),
    familyContactId: familyContact.id, soughtPersonIds: soughtPersons.map((p) => p.id),
    ...overrides.inquiry,
  }, ids);
  return { ...(overrides.spaceId ? { spaceId: overrides.spaceId } : {}), inquiry, familyContact, soughtPersons };
}

/**
 * The createInquiry arguments a device builds from intake values (as src/db/inquiries.ts createInquiry
 * does): parsed by the schemas, so defaults are filled and a value the form would refuse throws here.
 */
export function createInquiryArgsFromIntake(values: IntakeInput, ids: Ids = randomIds, reference = ids.reference()): CreateInquiryArgs {
  const parsed = intakeSchema.parse(values);
  const familyContact = familyContactSchema.parse({ ...parsed.familyContact, id: ids.uuid() });
  const soughtPersons = parsed.soughtPersons.map((p) => soughtPersonSchema.parse({ ...p, id: ids.uuid() }));
  const inquiry = inquirySchema.parse({
    ...parsed.inquiry, id: ids.uuid(), reference, handlingStatus: 'submitted',
    familyContactId: familyContact.id, soughtPersonIds: soughtPersons.map((p) => p.id),
  });
  return { inquiry, familyContact, soughtPersons };
}

// ------------------------------------------------------------------------------------------ batches, matches
/** An exchange batch (organisation-wide, coordinators only). */
export function makeExchangeBatch(overrides: Partial<ExchangeBatch> = {}, ids: Ids = randomIds): ExchangeBatch {
  return {
    id: ids.uuid(), kind: 'remains_repatriation', date: '2025-06-11', announcedCount: 1212, source: 'Coordination HQ',
    sourceCaveat: 'according to the other side', status: 'announced', notes: '',
    ...overrides,
  };
}

/** One entry of a batch's list, as a list names a person (surname first, a partial date). */
export function makeBatchEntry(overrides: Partial<BatchEntry> & { batchId: string }, ids: Ids = randomIds): BatchEntry {
  return {
    id: ids.uuid(), label: '', surname: 'Коваленко', givenName: 'Олександр', patronymic: 'Миколайович', fullName: '',
    birthDate: '1995', unit: '', documents: '', sourceLine: null, reviewStatus: 'unreviewed', notes: '',
    ...overrides,
  };
}

/** A candidate match of a batch entry and a sought person, with the pair's own id (schema/candidate.ts), confirmed. */
export function makeCandidateMatch(overrides: Partial<CandidateMatch> & { batchEntryId: string; soughtPersonId: string }): CandidateMatch {
  return {
    id: pairId(overrides.batchEntryId, overrides.soughtPersonId), kind: 'batch_entry', otherSoughtPersonId: null, score: 0.93, band: 'strong',
    fields: { surname: 'close', givenName: 'agrees', patronymic: 'missing', birthDate: 'agrees', unit: 'missing' },
    status: 'confirmed', evidence: 'documents', note: '',
    ...overrides,
  };
}

// ------------------------------------------------------------------------------------------------ mutations
/** A new inquiry as a device of today pushes it (see makeCreateInquiryArgs). */
export function makeCreateInquiryMutation(mutationSeq: number, overrides: Parameters<typeof makeCreateInquiryArgs>[0] = {}, ids: Ids = randomIds): Mutation & { name: 'createInquiry' } {
  return { mutationSeq, mutationId: ids.uuid(), name: 'createInquiry', args: makeCreateInquiryArgs(overrides, ids) };
}

/**
 * A record of a type created with the generic createRecord (an exchange batch, a batch entry, a candidate
 * match). `loose` is merged over the typed record: a test may put a value there the type's schema refuses.
 */
export function makeCreateRecordMutation<T extends RecordType>(
  mutationSeq: number, type: T, record: RecordOf<T>, options: { spaceId?: string; loose?: Record<string, unknown> } = {}, ids: Ids = randomIds,
): Mutation & { name: 'createRecord' } {
  const args: CreateRecordArgs = { type, ...(options.spaceId ? { spaceId: options.spaceId } : {}), record: { ...record, ...options.loose } };
  return { mutationSeq, mutationId: ids.uuid(), name: 'createRecord', args };
}

// ------------------------------------------------------------------------------------------------ hostile
/**
 * Text PostgreSQL and PGlite cannot store (a NUL, lone surrogates): the schemas refuse it in every free
 * field (schema/text.ts), so a device never pushes it — a broken or hostile one might.
 */
export const UNSTORABLE_TEXTS = ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF'] as const;
/** Invisible and direction-changing characters: refused in names shown to coordinators (volunteerName, labels). */
export const CONTROL_TEXTS = ['\u202Eevil', 'zero\u200Bwidth', 'tab\there', '\uFEFF', '\u0085'] as const;
/** Storable but nasty: SQL, markup, a 20,000-character string, empty and blank. */
export const HOSTILE_TEXTS = ["'; drop table record; --", '<img src=x onerror=alert(1)>', 'x'.repeat(20_000), '', ' '] as const;


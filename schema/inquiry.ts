// The shared language of an inquiry: the records a volunteer registers and the rules their fields obey.
// Used by the intake form (resolver), the device repositories and the server's sync handlers alike.
// Error messages are i18n keys (`errors.*`), translated by whoever shows them.
import { z } from 'zod';
import { CONTROL_CHARS_ERROR, UNSTORABLE_ERROR, hasNoControlChars, isStorableText } from './text.ts';

export const RELATIONSHIPS = [
  'mother', 'father', 'wife', 'husband', 'partner', 'son', 'daughter', 'brother', 'sister',
  'grandparent', 'grandchild', 'other_relative', 'comrade', 'other',
] as const;
export const CONTACT_CHANNELS = ['phone', 'sms', 'viber', 'telegram', 'whatsapp', 'signal', 'email', 'in_person'] as const;
export const INQUIRY_CHANNELS = ['in_person', 'phone', 'online'] as const;
export const FAMILY_LANGUAGES = ['uk', 'en', 'ru', 'other'] as const;
export const CONSENT_RECIPIENTS = ['coordinators', 'police', 'coordination_hq', 'icrc'] as const;
export const CONSENT_METHODS = ['verbal', 'written', 'electronic'] as const;
export const SEXES = ['male', 'female', 'unknown'] as const;
export const MARK_KINDS = ['tattoo', 'scar', 'birthmark', 'piercing', 'amputation', 'other'] as const;
export const BODY_LOCATIONS = [
  'head', 'face', 'neck', 'chest', 'abdomen', 'back', 'left_arm', 'right_arm', 'left_hand', 'right_hand',
  'left_leg', 'right_leg', 'left_foot', 'right_foot', 'other',
] as const;
export const BLOOD_TYPES = ['unknown', 'O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
export const SAMPLE_STATUSES = ['not_collected', 'collected', 'submitted', 'profiled', 'in_register'] as const;
export const REGIONS = [
  'vinnytsia', 'volyn', 'dnipropetrovsk', 'donetsk', 'zhytomyr', 'zakarpattia', 'zaporizhzhia',
  'ivano_frankivsk', 'kyiv_oblast', 'kirovohrad', 'luhansk', 'lviv', 'mykolaiv', 'odesa', 'poltava', 'rivne',
  'sumy', 'ternopil', 'kharkiv', 'kherson', 'khmelnytskyi', 'cherkasy', 'chernivtsi', 'chernihiv', 'kyiv_city',
  'crimea', 'sevastopol', 'abroad',
] as const;
/** Inquiry handling; never merged with a sought person's fate (DESIGN.md, "Two status axes"). */
export const HANDLING_STATUSES = [
  'draft', 'submitted', 'synced', 'under_review', 'open', 'needs_info', 'duplicate',
  'closed_resolved', 'closed_withdrawn',
] as const;

const NAME_MAX = 100;
const SHORT_MAX = 200;
const TEXT_MAX = 5000;

/**
 * Ids are compared in lower case everywhere: PostgreSQL's uuid type answers in lower case, so an id
 * sent in upper case is lowered here, once, on both sides (else a replay would not be recognised).
 */
export const idSchema = z.uuid({ error: 'errors.id' }).toLowerCase();

/** Every free text: no character PostgreSQL cannot store (NUL, a lone surrogate). */
const trimmed = (max: number) => z.string().refine(isStorableText, { error: UNSTORABLE_ERROR }).trim().max(max, { error: 'errors.tooLong' });
const required = (max: number) => trimmed(max).min(1, { error: 'errors.required' });
const optionalText = (max: number) => trimmed(max).default('');

/** Letters of any script, apostrophes, hyphens and spaces: names are typed in Cyrillic or Latin. */
const NAME_RE = /^[\p{L}\p{M}'’ʼ`\- .]*$/u;
const requiredName = () => required(NAME_MAX).regex(NAME_RE, { error: 'errors.nameChars' });
const optionalName = () => trimmed(NAME_MAX).regex(NAME_RE, { error: 'errors.nameChars' }).default('');

/** "1990", "1990-05" or "1990-05-17": families often know only the year. Empty when unknown. */
export const PARTIAL_DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export function isRealPartialDate(value: string): boolean {
  if (!PARTIAL_DATE_RE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || y < 1900 || y > 2100) return false;
  if (m === undefined || d === undefined) return true;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
export const partialDateSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || isRealPartialDate(v), { error: 'errors.partialDate' })
  .default('');
export const fullDateSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealPartialDate(v), { error: 'errors.date' });

/** International or Ukrainian phone numbers; spaces, dashes and brackets allowed while typing. */
export const PHONE_RE = /^\+?[0-9][0-9 ()-]{5,22}[0-9]$/;
export const phoneSchema = z.string().trim().regex(PHONE_RE, { error: 'errors.phone' });
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return digits.startsWith('0') && digits.length === 10 ? `+38${digits}` : digits;
}

export const consentSchema = z.object({
  toRecord: z.literal(true, { error: 'errors.consentToRecord' }),
  shareWith: z.array(z.enum(CONSENT_RECIPIENTS)).max(CONSENT_RECIPIENTS.length).default([]),
  toBeMatched: z.boolean().default(false),
  toPublishPhoto: z.boolean().default(false),
  givenOn: fullDateSchema,
  method: z.enum(CONSENT_METHODS, { error: 'errors.choose' }),
  withdrawnOn: partialDateSchema,
});
export type Consent = z.infer<typeof consentSchema>;

export const referralsSchema = z.object({
  policeCaseNo: optionalText(SHORT_MAX),
  coordinationHqNo: optionalText(SHORT_MAX),
  icrcReference: optionalText(SHORT_MAX),
  registerExtractNo: optionalText(SHORT_MAX),
});

export const familyContactSchema = z.object({
  id: idSchema,
  surname: requiredName(),
  givenName: requiredName(),
  patronymic: optionalName(),
  relationship: z.enum(RELATIONSHIPS, { error: 'errors.choose' }),
  phones: z.array(phoneSchema).min(1, { error: 'errors.phoneRequired' }).max(5, { error: 'errors.tooMany' }),
  region: z.enum(REGIONS, { error: 'errors.choose' }),
  preferredChannel: z.enum(CONTACT_CHANNELS, { error: 'errors.choose' }),
  kinshipProofSeen: z.boolean().default(false),
});
export type FamilyContact = z.infer<typeof familyContactSchema>;

export const markSchema = z.object({
  kind: z.enum(MARK_KINDS, { error: 'errors.choose' }),
  location: z.enum(BODY_LOCATIONS, { error: 'errors.choose' }),
  description: required(TEXT_MAX),
});
export type Mark = z.infer<typeof markSchema>;

/** DNA reference sample: status only, never genetic data. */
export const referenceSampleSchema = z.object({
  donorName: required(SHORT_MAX),
  relationship: z.enum(RELATIONSHIPS, { error: 'errors.choose' }),
  status: z.enum(SAMPLE_STATUSES, { error: 'errors.choose' }),
  collectedBy: optionalText(SHORT_MAX),
  collectedOn: partialDateSchema,
  caseReference: optionalText(SHORT_MAX),
});
export type ReferenceSample = z.infer<typeof referenceSampleSchema>;

export const soughtPersonSchema = z.object({
  id: idSchema,
  surname: requiredName(),
  givenName: requiredName(),
  patronymic: optionalName(),
  otherSpellings: optionalText(SHORT_MAX),
  sex: z.enum(SEXES, { error: 'errors.choose' }),
  dateOfBirth: partialDateSchema,
  placeOfBirth: optionalText(SHORT_MAX),
  unit: optionalText(SHORT_MAX),
  rank: optionalText(SHORT_MAX),
  lastSeenDate: partialDateSchema,
  lastSeenPlace: optionalText(SHORT_MAX),
  circumstances: optionalText(TEXT_MAX),
  witnessAccounts: optionalText(TEXT_MAX),
  // Ante-mortem profile: what helps identify remains.
  heightCm: z.union([z.literal(''), z.coerce.number({ error: 'errors.number' }).int({ error: 'errors.number' }).min(100, { error: 'errors.height' }).max(230, { error: 'errors.height' })]).default(''),
  build: optionalText(SHORT_MAX),
  hairColour: optionalText(SHORT_MAX),
  eyeColour: optionalText(SHORT_MAX),
  bloodType: z.enum(BLOOD_TYPES).default('unknown'),
  marks: z.array(markSchema).max(30, { error: 'errors.tooMany' }).default([]),
  dentalNotes: optionalText(TEXT_MAX),
  implants: optionalText(TEXT_MAX),
  clothing: optionalText(TEXT_MAX),
  effects: optionalText(TEXT_MAX),
  medicalRecordsLocation: optionalText(TEXT_MAX),
  referenceSamples: z.array(referenceSampleSchema).max(10, { error: 'errors.tooMany' }).default([]),
  needsSecondRelative: z.boolean().default(false),
});
export type SoughtPerson = z.infer<typeof soughtPersonSchema>;

export const REFERENCE_RE = /^[2-9A-HJKMNP-Z]{8}$/;

export const inquirySchema = z.object({
  id: idSchema,
  reference: z.string().regex(REFERENCE_RE, { error: 'errors.reference' }),
  /**
   * The gathering point (the server's space) the inquiry is filed under, by id; its name is the space's,
   * shown from the device's enrolment or the server's spaces, so a renamed point renames every inquiry.
   * Absent only on an inquiry registered on a phone not enrolled yet: the server sets it to the device's
   * point when the inquiry arrives (`fileInquiry`). Immutable: the record stays in its space.
   */
  // Its own message: in the form the only way to get it wrong is to leave a coordinator's choice empty.
  gatheringPointId: z.uuid({ error: 'errors.spaceRequired' }).toLowerCase().optional(),
  // Shown to coordinators as a name: no invisible or direction-changing characters.
  volunteerName: optionalText(SHORT_MAX).refine((v) => v === '' || hasNoControlChars(v), { error: CONTROL_CHARS_ERROR }),
  registeredOn: fullDateSchema,
  channel: z.enum(INQUIRY_CHANNELS, { error: 'errors.choose' }),
  familyLanguage: z.enum(FAMILY_LANGUAGES, { error: 'errors.choose' }),
  consent: consentSchema,
  referrals: referralsSchema,
  handlingStatus: z.enum(HANDLING_STATUSES).default('submitted'),
  familyContactId: idSchema,
  soughtPersonIds: z.array(idSchema).min(1).max(10),
  notes: optionalText(TEXT_MAX),
});
export type Inquiry = z.infer<typeof inquirySchema>;

/** What the intake form collects: one inquiry, its family contact and the people sought. */
export const intakeSchema = z.object({
  inquiry: inquirySchema.omit({ id: true, reference: true, familyContactId: true, soughtPersonIds: true, handlingStatus: true }),
  familyContact: familyContactSchema.omit({ id: true }),
  soughtPersons: z.array(soughtPersonSchema.omit({ id: true })).min(1, { error: 'errors.soughtRequired' }).max(10, { error: 'errors.tooMany' }),
});
export type IntakeValues = z.infer<typeof intakeSchema>;
export type IntakeInput = z.input<typeof intakeSchema>;

/**
 * An inquiry stored before gathering points were ids held the point's name (`gatheringPoint`) and no id.
 * It is upgraded where it is read, with the id of the space its stored row belongs to (on the device the
 * row's `spaceId`, on the server `space_id`): the name goes, since the space's own name is shown instead.
 * Migration 005 applies the same rule to the server's records, so both sides hold the same data without
 * a re-pull or a sealed rewrite. With no space (a row created on this phone and not yet synced) only the
 * name goes: the server files it by its mutation. Idempotent; data already upgraded comes back unchanged.
 */
export function upgradeInquiry(data: Readonly<Record<string, unknown>>, spaceId: string | null): Record<string, unknown> {
  const hasId = typeof data['gatheringPointId'] === 'string';
  if (hasId && !('gatheringPoint' in data)) return { ...data };
  const { gatheringPoint: _name, ...rest } = data;
  void _name;
  if (hasId || spaceId === null) return rest;
  return { ...rest, gatheringPointId: spaceId.toLowerCase() };
}

/** Why the server refuses a new inquiry whose point is another space than the one it is filed under. */
export const GATHERING_POINT_MISMATCH = 'gathering_point_mismatch';

/**
 * The inquiry as the server files it under `spaceId` (from the mutation, or the device's one point): an
 * inquiry without a point (an old phone's, or one registered before enrolment) gets that space's id; one
 * naming another space is refused, since its volunteers would see it under a point it does not belong to.
 */
export function fileInquiry(inquiry: Inquiry, spaceId: string): { ok: true; inquiry: Inquiry } | { ok: false; reason: typeof GATHERING_POINT_MISMATCH } {
  const space = spaceId.toLowerCase();
  if (inquiry.gatheringPointId === undefined) return { ok: true, inquiry: { ...inquiry, gatheringPointId: space } };
  return inquiry.gatheringPointId === space ? { ok: true, inquiry } : { ok: false, reason: GATHERING_POINT_MISMATCH };
}

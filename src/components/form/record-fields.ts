// The catalogue of what an inquiry records, field by field: how each value is shown and edited, and where its
// label lives (`intake:fields.*`, `intake:enums.*`). Shared by the intake review and the detail page.
import { BLOOD_TYPES, BODY_LOCATIONS, CONSENT_METHODS, CONSENT_RECIPIENTS, CONTACT_CHANNELS, FAMILY_LANGUAGES, HANDLING_STATUSES, INQUIRY_CHANNELS, MARK_KINDS, REGIONS, RELATIONSHIPS, SAMPLE_STATUSES, SEXES } from '@schema/inquiry.ts';
import { type RecordType } from '@schema/records.ts';

export const ENUMS = {
  relationship: RELATIONSHIPS,
  region: REGIONS,
  contactChannel: CONTACT_CHANNELS,
  inquiryChannel: INQUIRY_CHANNELS,
  language: FAMILY_LANGUAGES,
  recipient: CONSENT_RECIPIENTS,
  consentMethod: CONSENT_METHODS,
  sex: SEXES,
  markKind: MARK_KINDS,
  bodyLocation: BODY_LOCATIONS,
  bloodType: BLOOD_TYPES,
  sampleStatus: SAMPLE_STATUSES,
  handlingStatus: HANDLING_STATUSES,
} as const;
export type EnumName = keyof typeof ENUMS;

export type ValueKind =
  | 'text' | 'name' | 'textarea' | 'date' | 'partialDate' | 'number' | 'boolean'
  | 'enum' | 'enumList' | 'phones' | 'marks' | 'samples'
  /** A space id, shown as the point's name from this device's enrolment. */
  | 'gatheringPoint';

export interface FieldSpec {
  /** A top-level field (`surname`) or a part of an object field (`consent.shareWith`), edited on its own. */
  path: string;
  kind: ValueKind;
  enumName?: EnumName;
  /** Fixed once created (identity, or consent to record, without which nothing is registered). */
  isReadOnly?: boolean;
}

const f = (path: string, kind: ValueKind, extra: Omit<FieldSpec, 'path' | 'kind'> = {}): FieldSpec => ({ path, kind, ...extra });

export const INQUIRY_FIELDS: readonly FieldSpec[] = [
  // The point is the record's space: shown by name, never edited (moving an inquiry is not a field change).
  f('gatheringPointId', 'gatheringPoint', { isReadOnly: true }),
  f('volunteerName', 'text'),
  f('registeredOn', 'date', { isReadOnly: true }),
  f('channel', 'enum', { enumName: 'inquiryChannel' }),
  f('familyLanguage', 'enum', { enumName: 'language' }),
  f('referrals.policeCaseNo', 'text'),
  f('referrals.coordinationHqNo', 'text'),
  f('referrals.icrcReference', 'text'),
  f('referrals.registerExtractNo', 'text'),
  f('notes', 'textarea'),
];

export const CONSENT_FIELDS: readonly FieldSpec[] = [
  f('consent.toRecord', 'boolean', { isReadOnly: true }),
  f('consent.shareWith', 'enumList', { enumName: 'recipient' }),
  f('consent.toBeMatched', 'boolean'),
  f('consent.givenOn', 'date'),
  f('consent.method', 'enum', { enumName: 'consentMethod' }),
  f('consent.withdrawnOn', 'partialDate'),
];

export const FAMILY_CONTACT_FIELDS: readonly FieldSpec[] = [
  f('surname', 'name'),
  f('givenName', 'name'),
  f('patronymic', 'name'),
  f('relationship', 'enum', { enumName: 'relationship' }),
  f('phones', 'phones'),
  f('region', 'enum', { enumName: 'region' }),
  f('preferredChannel', 'enum', { enumName: 'contactChannel' }),
  f('kinshipProofSeen', 'boolean'),
];

export const SOUGHT_PERSON_FIELDS: readonly FieldSpec[] = [
  f('surname', 'name'),
  f('givenName', 'name'),
  f('patronymic', 'name'),
  f('otherSpellings', 'text'),
  f('sex', 'enum', { enumName: 'sex' }),
  f('dateOfBirth', 'partialDate'),
  f('placeOfBirth', 'text'),
  f('unit', 'text'),
  f('rank', 'text'),
  f('lastSeenDate', 'partialDate'),
  f('lastSeenPlace', 'text'),
  f('circumstances', 'textarea'),
  f('witnessAccounts', 'textarea'),
];

export const IDENTIFYING_FIELDS: readonly FieldSpec[] = [
  f('heightCm', 'number'),
  f('build', 'text'),
  f('hairColour', 'text'),
  f('eyeColour', 'text'),
  f('bloodType', 'enum', { enumName: 'bloodType' }),
  f('marks', 'marks'),
  f('dentalNotes', 'textarea'),
  f('implants', 'textarea'),
  f('clothing', 'textarea'),
  f('effects', 'textarea'),
  f('medicalRecordsLocation', 'textarea'),
  f('referenceSamples', 'samples'),
  f('needsSecondRelative', 'boolean'),
];

/** The i18n key (namespace `intake`) of a field's label. */
export function fieldLabelKey(type: RecordType, path: string): string {
  return path.includes('.') ? `fields.${path}` : `fields.${type}.${path}`;
}

export function enumLabelKey(enumName: EnumName, value: string): string {
  return `enums.${enumName}.${value}`;
}

/** Reads a value at a one- or two-level path (`surname`, `consent.shareWith`). */
export function readPath(record: object, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/** The patch for one edited path: a part of an object field is sent as the whole object, changed. */
export function patchFor(record: object, path: string, value: unknown): Record<string, unknown> {
  const [top, sub] = path.split('.');
  if (top === undefined) return {};
  if (sub === undefined) return { [top]: value };
  const current = readPath(record, top);
  return { [top]: { ...(current && typeof current === 'object' ? current : {}), [sub]: value } };
}

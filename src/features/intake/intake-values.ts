// What the intake form starts from, what a draft holds, and which fields each step validates before moving on.
import type { DefaultValues, Path } from 'react-hook-form';
import type { IntakeInput } from '@schema/inquiry.ts';
import type { SpaceSummary } from '@schema/protocol.ts';
import { findGatheringPoint, isGatheringPointChosen } from '@/db/device.ts';
import type { Profile } from '@/db/profile.ts';

export const STEPS = ['inquiry', 'family', 'consent', 'persons', 'identifying', 'review'] as const;
export type StepName = (typeof STEPS)[number];
export const LAST_STEP = STEPS.length - 1;

export type IntakeDefaults = DefaultValues<IntakeInput>;

/** A sealed draft: the values typed so far and the step the volunteer was on. */
export interface IntakeDraft {
  step: number;
  values: IntakeDefaults;
}

/** Today on the device, as YYYY-MM-DD in local time (the date the family came, not UTC's). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function emptyPerson(): NonNullable<IntakeInput['soughtPersons'][number]> {
  return {
    surname: '', givenName: '', patronymic: '', otherSpellings: '', sex: 'unknown', dateOfBirth: '', placeOfBirth: '',
    unit: '', rank: '', lastSeenDate: '', lastSeenPlace: '', circumstances: '', witnessAccounts: '',
    heightCm: '', build: '', hairColour: '', eyeColour: '', bloodType: 'unknown', marks: [], dentalNotes: '', implants: '',
    clothing: '', effects: '', medicalRecordsLocation: '', referenceSamples: [], needsSecondRelative: false,
  };
}

export function newIntake(profile: Profile): IntakeDefaults {
  const date = today();
  return {
    inquiry: {
      ...(profile.gatheringPointId ? { gatheringPointId: profile.gatheringPointId } : {}),
      volunteerName: profile.volunteerName,
      registeredOn: date,
      // At a border point most families come in person and speak Ukrainian; both stay one tap to change.
      channel: 'in_person',
      familyLanguage: 'uk',
      consent: { shareWith: [], toBeMatched: false, toPublishPhoto: false, givenOn: date, withdrawnOn: '' },
      referrals: { policeCaseNo: '', coordinationHqNo: '', icrcReference: '', registerExtractNo: '' },
      notes: '',
    },
    familyContact: {
      surname: '', givenName: '', patronymic: '', phones: [''], kinshipProofSeen: false,
    },
    soughtPersons: [emptyPerson()],
  };
}

/**
 * The gathering point the form holds, by id, for this device's points: its one point on a volunteer's phone
 * (never asked), none on a phone not enrolled yet (the server files it), and for a coordinator of several
 * exactly one of theirs or nothing. A draft naming a point since dropped shows as not chosen (and is asked
 * for at the step's check) rather than being silently swapped for some point. A draft saved before points
 * were ids holds the name (`gatheringPoint`): it is matched once, by name, and dropped.
 */
export function fitGatheringPoint(values: IntakeDefaults, points: readonly SpaceSummary[]): IntakeDefaults {
  const { gatheringPoint: legacyName, gatheringPointId: held, ...inquiry }: NonNullable<IntakeDefaults['inquiry']> & { gatheringPoint?: unknown } = values.inquiry ?? {};
  const [only] = points;
  if (!only) return { ...values, inquiry };
  if (!isGatheringPointChosen(points)) return { ...values, inquiry: { ...inquiry, gatheringPointId: only.id } };
  const chosen = points.find((p) => p.id === held) ?? findGatheringPoint(points, typeof legacyName === 'string' ? legacyName : '');
  // '' is the empty choice: the schema asks for one of the points (errors.spaceRequired).
  return { ...values, inquiry: { ...inquiry, gatheringPointId: chosen?.id ?? '' } };
}

type IntakePath = Path<IntakeInput>;

const PERSON_FIELDS = [
  'surname', 'givenName', 'patronymic', 'otherSpellings', 'sex', 'dateOfBirth', 'placeOfBirth', 'unit', 'rank',
  'lastSeenDate', 'lastSeenPlace', 'circumstances', 'witnessAccounts',
] as const;
const IDENTIFYING_FIELDS = [
  'heightCm', 'build', 'hairColour', 'eyeColour', 'bloodType', 'marks', 'dentalNotes', 'implants', 'clothing',
  'effects', 'medicalRecordsLocation', 'referenceSamples', 'needsSecondRelative',
] as const;

/** The fields a step validates with `trigger()` before the volunteer may go on. */
export function stepFields(step: number, personCount: number): IntakePath[] {
  const persons = (fields: readonly (typeof PERSON_FIELDS[number] | typeof IDENTIFYING_FIELDS[number])[]): IntakePath[] =>
    Array.from({ length: personCount }, (_, i) => fields.map((f): IntakePath => `soughtPersons.${i}.${f}`)).flat();
  switch (STEPS[step]) {
    case 'inquiry':
      return ['inquiry.gatheringPointId', 'inquiry.volunteerName', 'inquiry.registeredOn', 'inquiry.channel', 'inquiry.familyLanguage', 'inquiry.referrals', 'inquiry.notes'];
    case 'family':
      return ['familyContact'];
    case 'consent':
      return ['inquiry.consent'];
    case 'persons':
      // Not the whole array: that would also check step 5's fields. The UI never leaves zero persons.
      return persons(PERSON_FIELDS);
    case 'identifying':
      return persons(IDENTIFYING_FIELDS);
    default:
      return [];
  }
}

/** The step that holds a field, so a failed final check can send the volunteer to the right place. */
export function stepOfPath(path: string): number {
  if (path.startsWith('familyContact')) return STEPS.indexOf('family');
  if (path.startsWith('inquiry.consent')) return STEPS.indexOf('consent');
  if (path.startsWith('inquiry')) return STEPS.indexOf('inquiry');
  const field = path.split('.')[2];
  return (IDENTIFYING_FIELDS as readonly string[]).includes(field ?? '') ? STEPS.indexOf('identifying') : STEPS.indexOf('persons');
}

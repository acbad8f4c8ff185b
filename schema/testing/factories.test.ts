// The factories give values their schemas accept, link an inquiry's records, and repeat with a seed;
// the hostile texts are refused where a test relies on it (each with the valid value as its control).
import { describe, expect, it } from 'vitest';
import { batchEntrySchema, exchangeBatchSchema } from '../batch.ts';
import { candidateMatchSchema, pairId } from '../candidate.ts';
import { familyContactSchema, inquirySchema, intakeSchema, soughtPersonSchema } from '../inquiry.ts';
import { mutationSchema } from '../mutations.ts';
import {
  CONTROL_TEXTS, UNSTORABLE_TEXTS, createInquiryArgsFromIntake, makeBatchEntry, makeCandidateMatch, makeCreateInquiryArgs,
  makeCreateInquiryMutation, makeCreateRecordMutation, makeExchangeBatch, makeFamilyContact, makeInquiry, makeIntakeInput,
  makeSoughtPerson, randomIds, seededIds,
} from './factories.ts';

describe('test factories', () => {
  it('make values their schemas accept unchanged', () => {
    const batch = makeExchangeBatch();
    const entry = makeBatchEntry({ batchId: batch.id });
    const values = [
      [familyContactSchema, makeFamilyContact()], [soughtPersonSchema, makeSoughtPerson()], [inquirySchema, makeInquiry()],
      [exchangeBatchSchema, batch], [batchEntrySchema, entry],
      [candidateMatchSchema, makeCandidateMatch({ batchEntryId: entry.id, soughtPersonId: makeSoughtPerson().id })],
    ] as const;
    // Equal after parsing: the factory fills every field the schema would default, so stored values compare.
    for (const [schema, value] of values) expect(schema.parse(value)).toEqual(value);
    expect(intakeSchema.safeParse(makeIntakeInput()).success).toBe(true);
  });

  it('link an inquiry to its contact and persons, and file it under the space', () => {
    const spaceId = randomIds.uuid();
    const args = makeCreateInquiryArgs({ spaceId, soughtPersons: [{}, { givenName: 'Андрій' }] });
    expect(args.inquiry.familyContactId).toBe(args.familyContact.id);
    expect(args.inquiry.soughtPersonIds).toEqual(args.soughtPersons.map((p) => p.id));
    expect(args.inquiry.gatheringPointId).toBe(spaceId);
    expect(args.soughtPersons[1]?.givenName).toBe('Андрій');
    // An explicit point wins over the space (how a test sends a mismatch).
    const other = randomIds.uuid();
    expect(makeCreateInquiryArgs({ spaceId, inquiry: { gatheringPointId: other } }).inquiry.gatheringPointId).toBe(other);
    expect(makeCreateInquiryArgs().inquiry.gatheringPointId).toBeUndefined();
  });

  it('make mutations the push envelope accepts', () => {
    const batch = makeExchangeBatch();
    for (const mutation of [makeCreateInquiryMutation(1), makeCreateRecordMutation(2, 'exchangeBatch', batch), createInquiryMutationFromIntake()]) {
      expect(mutationSchema.safeParse(mutation).success, JSON.stringify(mutation).slice(0, 200)).toBe(true);
    }
    const entry = makeBatchEntry({ batchId: batch.id });
    const match = makeCandidateMatch({ batchEntryId: entry.id, soughtPersonId: randomIds.uuid() });
    expect(match.id).toBe(pairId(entry.id, match.soughtPersonId));
  });

  it('repeat with the same seed and differ with another', () => {
    const make = (seed: number) => makeCreateInquiryMutation(1, {}, seededIds(seed));
    expect(make(7)).toEqual(make(7));
    expect(make(7).mutationId).not.toBe(make(8).mutationId);
    const ids = seededIds(3);
    expect(ids.reference()).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(createInquiryArgsFromIntake(makeIntakeInput(), seededIds(5))).toEqual(createInquiryArgsFromIntake(makeIntakeInput(), seededIds(5)));
  });

  it('hostile texts are refused where the schemas promise it (the valid value passes)', () => {
    for (const text of UNSTORABLE_TEXTS) {
      const mutation = makeCreateInquiryMutation(1, { familyContact: { surname: `Ко${text}ва` }, inquiry: { notes: text } });
      expect(mutationSchema.safeParse(mutation).success, JSON.stringify(text)).toBe(false);
    }
    for (const text of CONTROL_TEXTS) expect(inquirySchema.shape.volunteerName.safeParse(`Оле${text}на`).success, JSON.stringify(text)).toBe(false);
    expect(inquirySchema.shape.volunteerName.safeParse('Олена').success).toBe(true);
  });
});

function createInquiryMutationFromIntake() {
  return { mutationSeq: 3, mutationId: randomIds.uuid(), name: 'createInquiry', args: createInquiryArgsFromIntake(makeIntakeInput()) };
}

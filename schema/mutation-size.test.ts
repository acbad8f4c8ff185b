// Sizes as the server counts them: the UTF-8 bytes of the JSON sent, for every kind of text a field may hold.
import { describe, expect, it } from 'vitest';
import { familyContactSchema, inquirySchema, soughtPersonSchema } from './inquiry.ts';
import { createInquiryArgsSchema, patchRecordArgsSchema } from './mutations.ts';
import { MAX_MUTATION_BYTES, MAX_PUSH_BODY_BYTES, jsonBytes, pushBodyBytes } from './protocol.ts';

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('jsonBytes', () => {
  it.each([
    ['ASCII', { a: 'plain text', n: 12, b: true, z: null }],
    ['Cyrillic', 'Олійник Олександр Миколайович'],
    ['CJK', '中文字符'],
    ['emoji (surrogate pairs)', '👍🏽 family 👨‍👩‍👧'],
    ['a lone surrogate (escaped by JSON)', 'a\uD800b\uDC00'],
    ['control characters (escaped by JSON)', '\u0001\u0002\t\n"\\'],
    ['nested', { list: [{ x: 'ї' }, ['€', 1.5]] }],
  ])('counts %s as the encoded JSON', (_name, value) => {
    expect(jsonBytes(value)).toBe(utf8(value));
  });

  it('gives the size of a push body of mutations of given sizes', () => {
    const mutations = [{ a: 'я' }, { b: 2 }, { c: [1, 2, 3] }];
    expect(pushBodyBytes(mutations.map(jsonBytes))).toBe(utf8({ mutations }));
    expect(pushBodyBytes([jsonBytes(mutations[0])])).toBe(utf8({ mutations: [mutations[0]] }));
  });

  it('leaves a mutation at the limit room for its push body', () => {
    expect(pushBodyBytes([MAX_MUTATION_BYTES])).toBeLessThan(MAX_PUSH_BODY_BYTES - 60 * 1024);
  });

  it('every field valid can still make a createInquiry far over the limit: the schema refuses it as too large', () => {
    const text = (n: number) => 'я'.repeat(n);
    const person = () => ({
      id: crypto.randomUUID(), surname: text(100), givenName: text(100), patronymic: text(100), otherSpellings: text(200), sex: 'male',
      dateOfBirth: '1990-01-01', placeOfBirth: text(200), unit: text(200), rank: text(200), lastSeenDate: '2024-01-01', lastSeenPlace: text(200),
      circumstances: text(5000), witnessAccounts: text(5000), heightCm: 180, build: text(200), hairColour: text(200), eyeColour: text(200),
      bloodType: 'AB+', marks: Array.from({ length: 30 }, () => ({ kind: 'tattoo', location: 'left_arm', description: text(5000) })),
      dentalNotes: text(5000), implants: text(5000), clothing: text(5000), effects: text(5000), medicalRecordsLocation: text(5000),
      referenceSamples: Array.from({ length: 10 }, () => ({ donorName: text(200), relationship: 'mother', status: 'collected', collectedBy: text(200), collectedOn: '2024', caseReference: text(200) })),
      needsSecondRelative: true,
    });
    const soughtPersons = Array.from({ length: 10 }, person);
    const familyContact = { id: crypto.randomUUID(), surname: text(100), givenName: text(100), patronymic: text(100), relationship: 'mother', phones: Array(5).fill('+380 67 123 45 67 8901 2'), region: 'sumy', preferredChannel: 'phone', kinshipProofSeen: true };
    const args = {
      spaceId: crypto.randomUUID(), familyContact, soughtPersons,
      inquiry: {
        id: crypto.randomUUID(), reference: 'ABCDEFGH', gatheringPointId: crypto.randomUUID(), volunteerName: text(200), registeredOn: '2026-01-01', channel: 'phone', familyLanguage: 'uk',
        consent: { toRecord: true, shareWith: ['coordinators', 'police', 'coordination_hq', 'icrc'], toBeMatched: true, toPublishPhoto: true, givenOn: '2026-01-01', method: 'written', withdrawnOn: '2026-01-01' },
        referrals: { policeCaseNo: text(200), coordinationHqNo: text(200), icrcReference: text(200), registerExtractNo: text(200) },
        handlingStatus: 'submitted', familyContactId: familyContact.id, soughtPersonIds: soughtPersons.map((p) => p.id), notes: text(5000),
      },
    };
    // Each part is valid on its own, at every field's limit.
    expect(inquirySchema.safeParse(args.inquiry).success).toBe(true);
    expect(familyContactSchema.safeParse(familyContact).success).toBe(true);
    expect(soughtPersons.every((p) => soughtPersonSchema.safeParse(p).success)).toBe(true);
    // 3,906,341 bytes in Cyrillic (the same texts in escaped control characters: 11.6 MB).
    expect(jsonBytes(args)).toBeGreaterThan(3_900_000);
    const whole = createInquiryArgsSchema.safeParse(args);
    expect(whole.success).toBe(false);
    expect(whole.error?.issues.map((i) => i.message)).toEqual(['errors.tooLarge']);
    // Control: the same texts for fewer people fit, and pass.
    const fewer = { ...args, soughtPersons: soughtPersons.slice(0, 2), inquiry: { ...args.inquiry, soughtPersonIds: args.inquiry.soughtPersonIds.slice(0, 2) } };
    expect(jsonBytes(fewer)).toBeLessThan(MAX_MUTATION_BYTES);
    expect(createInquiryArgsSchema.safeParse(fewer).success).toBe(true);
  });

  it('a patch over the limit is refused by its schema; one under it passes', () => {
    const patch = (bytes: number) => ({ type: 'inquiry', id: crypto.randomUUID(), baseVersion: 1, patch: { notes: 'x'.repeat(bytes) } });
    expect(patchRecordArgsSchema.safeParse(patch(MAX_MUTATION_BYTES)).error?.issues.map((i) => i.message)).toEqual(['errors.tooLarge']);
    expect(patchRecordArgsSchema.safeParse(patch(MAX_MUTATION_BYTES - 400)).success).toBe(true);
  });
});

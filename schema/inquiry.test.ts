import { describe, expect, it } from 'vitest';
import { GATHERING_POINT_MISMATCH, fileInquiry, inquirySchema, intakeSchema, upgradeInquiry, type Inquiry } from './inquiry.ts';
import { upgradeRecord } from './upgrade.ts';

const SPACE = '7d3f1c2a-4b5e-4f60-8a71-92b3c4d5e6f7';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function inquiry(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: crypto.randomUUID(), reference: 'ABCD2345', volunteerName: 'Олена', registeredOn: '2026-11-20', channel: 'in_person', familyLanguage: 'uk',
    consent: { toRecord: true, shareWith: [], toBeMatched: false, toPublishPhoto: false, givenOn: '2026-11-20', method: 'verbal', withdrawnOn: '' },
    referrals: { policeCaseNo: '', coordinationHqNo: '', icrcReference: '', registerExtractNo: '' },
    handlingStatus: 'submitted', familyContactId: crypto.randomUUID(), soughtPersonIds: [crypto.randomUUID()], notes: '',
    ...extra,
  };
}

describe('upgradeInquiry', () => {
  it('gives an old inquiry (a point by name) the id of its row’s space and drops the name', () => {
    const old = inquiry({ gatheringPoint: 'Пункт пропуску Суми' });
    const upgraded = upgradeInquiry(old, SPACE);
    expect(upgraded).not.toHaveProperty('gatheringPoint');
    expect(upgraded['gatheringPointId']).toBe(SPACE);
    // Everything else is kept as it was, and the result is a valid inquiry of today.
    const { gatheringPoint: _name, ...rest } = old;
    void _name;
    expect(upgraded).toEqual({ ...rest, gatheringPointId: SPACE });
    expect(inquirySchema.safeParse(upgraded).success).toBe(true);
    expect(old).toHaveProperty('gatheringPoint', 'Пункт пропуску Суми');
  });

  it('leaves an inquiry of today as it is, even when its row names another space', () => {
    const current = inquiry({ gatheringPointId: SPACE });
    expect(upgradeInquiry(current, SPACE)).toEqual(current);
    expect(upgradeInquiry(current, OTHER)).toEqual(current);
    expect(upgradeInquiry(current, null)).toEqual(current);
  });

  it('is idempotent and lowers the space id, as ids are compared everywhere', () => {
    const once = upgradeInquiry(inquiry({ gatheringPoint: 'Чоп' }), SPACE.toUpperCase());
    expect(once['gatheringPointId']).toBe(SPACE);
    expect(upgradeInquiry(once, OTHER)).toEqual(once);
  });

  it('without a space (created on this phone, not synced yet) only drops the name; the server files it', () => {
    const upgraded = upgradeInquiry(inquiry({ gatheringPoint: 'Чоп' }), null);
    expect(upgraded).not.toHaveProperty('gatheringPoint');
    expect(upgraded).not.toHaveProperty('gatheringPointId');
    expect(inquirySchema.safeParse(upgraded).success).toBe(true);
  });

  it('is what upgradeRecord does for inquiries, and nothing for other types', () => {
    const old = inquiry({ gatheringPoint: 'Чоп' });
    expect(upgradeRecord('inquiry', old, SPACE)).toEqual(upgradeInquiry(old, SPACE));
    const contact = { id: crypto.randomUUID(), surname: 'Коваленко', gatheringPoint: 'not an inquiry field' };
    expect(upgradeRecord('familyContact', contact, SPACE)).toBe(contact);
    expect(upgradeRecord('inquiry', null, SPACE)).toBeNull();
  });
});

describe('fileInquiry', () => {
  const parsed = (extra: Record<string, unknown>): Inquiry => inquirySchema.parse(inquiry(extra));

  it('sets the space of an inquiry that names none (an old phone’s, or one registered before enrolment)', () => {
    // An old phone's inquiry still says its point by name; the schema drops that field.
    const old = parsed({ gatheringPoint: 'Пункт Суми' });
    expect(old).not.toHaveProperty('gatheringPoint');
    const filed = fileInquiry(old, SPACE);
    expect(filed).toEqual({ ok: true, inquiry: { ...old, gatheringPointId: SPACE } });
  });

  it('keeps an inquiry naming the same space, and refuses one naming another', () => {
    const same = parsed({ gatheringPointId: SPACE.toUpperCase() });
    expect(same.gatheringPointId).toBe(SPACE);
    expect(fileInquiry(same, SPACE)).toEqual({ ok: true, inquiry: same });
    expect(fileInquiry(parsed({ gatheringPointId: OTHER }), SPACE)).toEqual({ ok: false, reason: GATHERING_POINT_MISMATCH });
  });
});

describe('the gathering point in the schema', () => {
  it('is an id, optional, and a wrong one (an empty choice) says to choose a point', () => {
    expect(inquirySchema.shape.gatheringPointId.safeParse(undefined).success).toBe(true);
    expect(inquirySchema.shape.gatheringPointId.safeParse('').error?.issues[0]?.message).toBe('errors.spaceRequired');
    expect(inquirySchema.shape.gatheringPointId.safeParse('Пункт Суми').error?.issues[0]?.message).toBe('errors.spaceRequired');
    expect(intakeSchema.shape.inquiry.shape.gatheringPointId.safeParse(SPACE).success).toBe(true);
  });
});

// The registry's records on the device: created with createRecord only by the roles the registry names,
// validated by its schemas; a decision on a candidate writes the pair's match and marks its entry.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionResponse } from '@schema/protocol.ts';
import { pairId } from '@schema/candidate.ts';
import { db } from './db.ts';
import { saveEnrolment } from './device.ts';
import { ValidationError } from './errors.ts';
import { createInquiry, getInquiryDetail } from './inquiries.ts';
import { createRecord, decideCandidate, decideDuplicate, getRecord, listRecords, NotPermittedError } from './records.ts';
import { readOutbox } from './sync-store.ts';
import { freshUnlockedDb, makeIntake } from './test-support.ts';

function session(role: 'coordinator' | 'volunteer'): SessionResponse {
  return {
    deviceId: '0b6a3c3e-5d1f-4a53-9d5c-3f0f6f1e2a10', refreshSecret: 'secret-0123456789', accessToken: 'x'.repeat(20), expiresIn: 900,
    user: { id: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f', name: 'Coordinator', role },
    spaces: [{ id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Point', retentionDays: 14 }],
  };
}

const batchValues = { kind: 'pow_exchange', date: '2025-06-11', announcedCount: null, source: 'HQ', sourceCaveat: '', status: 'announced', notes: '' } as const;

beforeEach(freshUnlockedDb);

describe('registry records on the device', () => {
  it('a volunteer phone may not create a batch; a coordinator may, and an invalid one is refused with nothing stored', async () => {
    await saveEnrolment(session('volunteer'));
    await expect(createRecord('exchangeBatch', batchValues)).rejects.toBeInstanceOf(NotPermittedError);
    await saveEnrolment(session('coordinator'));
    await expect(createRecord('exchangeBatch', { ...batchValues, date: '11.06.2025' })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.outbox.count()).toBe(0);
    const batch = await createRecord('exchangeBatch', batchValues);
    expect((await listRecords('exchangeBatch')).map((b) => b.data.id)).toEqual([batch.id]);
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['createRecord']);
  });

  it('confirming a candidate writes the pair\'s match and marks the entry matched; ruling it out again reopens the entry', async () => {
    await saveEnrolment(session('coordinator'));
    const { id: inquiryId } = await createInquiry(makeIntake());
    const personId = (await getInquiryDetail(inquiryId)).soughtPersons[0]?.id ?? '';
    const batch = await createRecord('exchangeBatch', batchValues);
    const entry = await createRecord('batchEntry', {
      batchId: batch.id, label: 'T-1', surname: 'Олейник', givenName: '', patronymic: '', fullName: '', birthDate: '', unit: '', documents: '', sourceLine: null, reviewStatus: 'unreviewed', notes: '',
    });
    const base = { entryId: entry.id, personId, score: 0.9, band: 'strong', fields: { surname: 'close', givenName: 'missing', patronymic: 'missing', birthDate: 'missing', unit: 'missing' }, evidence: 'documents', note: '' } as const;
    await decideCandidate({ ...base, status: 'confirmed' });
    expect((await getRecord('candidateMatch', pairId(entry.id, personId)))?.data).toMatchObject({ status: 'confirmed', evidence: 'documents' });
    expect((await getRecord('batchEntry', entry.id))?.data.reviewStatus).toBe('matched');
    await decideCandidate({ ...base, status: 'ruled_out', evidence: '' });
    expect((await getRecord('candidateMatch', pairId(entry.id, personId)))?.data.status).toBe('ruled_out');
    expect((await getRecord('batchEntry', entry.id))?.data.reviewStatus).toBe('unreviewed');
  });

  it('a decision on persons not yet synced names the space their inquiry is filed under', async () => {
    const two = session('coordinator');
    const other = { id: '2b3c4d5e-6f70-4a8b-9cad-1e2f3a4b5c6d', name: 'Other point', retentionDays: 14 };
    await saveEnrolment({ ...two, spaces: [...two.spaces, other] });
    const [first, second] = [makeIntake({ surname: 'Гуменюк' }), makeIntake({ surname: 'Гуменюк' })];
    first.inquiry.gatheringPointId = other.id;
    second.inquiry.gatheringPointId = other.id;
    const ids = [await createInquiry(first), await createInquiry(second)].map((c) => c.id);
    const persons = await Promise.all(ids.map(async (id) => (await getInquiryDetail(id)).soughtPersons[0]!.id));
    await decideDuplicate({ personIds: [persons[0]!, persons[1]!], score: 0.9, band: 'strong', fields: { surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'agrees', unit: 'missing' }, status: 'confirmed', note: '' });
    const created = (await readOutbox(10)).find((m) => m.name === 'createRecord');
    // Not the first space (the server would file it wrongly) and not none (the server refuses: space_required).
    expect(created?.args).toMatchObject({ type: 'candidateMatch', spaceId: other.id });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mutationSchema } from '@schema/mutations.ts';
import { dropDataKey, getDataKey } from '@/crypto/key-holder.ts';
import { unseal } from '@/crypto/seal.ts';
import { db } from './db.ts';
import { saveEnrolment } from './device.ts';
import { discardDraft, listDrafts, loadDraft, saveDraft } from './drafts.ts';
import { StorageFullError, ValidationError } from './errors.ts';
import { createInquiry, getInquiryDetail, getTimeline, patchRecord } from './inquiries.ts';
import { inquiryIndex } from './search-index.ts';
import { freshUnlockedDb, makeIntake } from './test-support.ts';
import { outboxContext } from './seal-context.ts';

beforeEach(freshUnlockedDb);

async function outboxMutations() {
  const rows = await db.outbox.orderBy('mutationSeq').toArray();
  return Promise.all(
    rows.map(async (r) => ({ mutationSeq: r.mutationSeq, mutationId: r.mutationId, name: r.name, args: await unseal(getDataKey(), r.sealed, outboxContext(r)) })),
  );
}

describe('createInquiry', () => {
  it('writes the inquiry, its contact and persons, one outbox entry and a timeline line together', async () => {
    const { id, reference } = await createInquiry(makeIntake());
    expect(reference).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await db.records.count()).toBe(3);
    const [mutation, ...rest] = await outboxMutations();
    expect(rest).toHaveLength(0);
    expect(mutationSchema.parse(mutation)).toMatchObject({ mutationSeq: 1, name: 'createInquiry' });
    const detail = await getInquiryDetail(id);
    expect(detail.inquiry.reference).toBe(reference);
    expect(detail.familyContact.surname).toBe('Олійник');
    expect(detail.soughtPersons[0]?.marks[0]?.description).toBe('якір');
    expect(detail.state[id]).toEqual({ version: 0, pending: true });
    const timeline = await getTimeline([id]);
    expect(timeline.map((t) => t.action)).toEqual(['created']);
  });

  it('numbers mutations 1, 2, 3 with no gaps', async () => {
    await createInquiry(makeIntake());
    await createInquiry(makeIntake());
    await createInquiry(makeIntake());
    expect((await outboxMutations()).map((m) => m.mutationSeq)).toEqual([1, 2, 3]);
  });

  it('rejects invalid input and writes nothing', async () => {
    const bad = makeIntake();
    bad.familyContact.phones = ['call me'];
    bad.soughtPersons = [];
    await expect(createInquiry(bad)).rejects.toBeInstanceOf(ValidationError);
    const noConsent = makeIntake();
    (noConsent.inquiry.consent as { toRecord: boolean }).toRecord = false;
    await expect(createInquiry(noConsent)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a full disk stops the write with StorageFullError and leaves no half-written record', async () => {
    // The outbox write is the last in the transaction: failing it proves the earlier record writes roll back.
    const spy = vi.spyOn(db.outbox, 'bulkAdd').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
    try {
      await expect(createInquiry(makeIntake())).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      spy.mockRestore();
    }
    expect(await db.records.count()).toBe(0);
    expect(await db.history.count()).toBe(0);
  });

  it('files the inquiry of a coordinator of several gathering points under the one chosen, or refuses', async () => {
    const spaces = [
      { id: crypto.randomUUID(), name: 'Суми', retentionDays: 14 },
      { id: crypto.randomUUID(), name: 'Харків', retentionDays: 14 },
    ];
    await saveEnrolment({
      deviceId: crypto.randomUUID(), refreshSecret: 'secret', accessToken: 'token', expiresIn: 900,
      user: { id: crypto.randomUUID(), name: 'Координатор', role: 'coordinator' }, spaces,
    });
    await expect(createInquiry(makeIntake())).rejects.toMatchObject({ issues: [{ field: 'inquiry.gatheringPointId', message: 'errors.spaceRequired' }] });
    const notTheirs = makeIntake();
    notTheirs.inquiry.gatheringPointId = crypto.randomUUID();
    await expect(createInquiry(notTheirs)).rejects.toMatchObject({ issues: [{ field: 'inquiry.gatheringPointId', message: 'errors.spaceRequired' }] });
    expect(await db.records.count()).toBe(0);
    const intake = makeIntake();
    intake.inquiry.gatheringPointId = spaces[1]?.id;
    await createInquiry(intake);
    expect((await outboxMutations())[0]?.args).toMatchObject({ spaceId: spaces[1]?.id, inquiry: { gatheringPointId: spaces[1]?.id } });
  });

  it('removes the draft it came from in the same write', async () => {
    await saveDraft('d1', { step: 2 });
    await createInquiry(makeIntake(), { draftId: 'd1' });
    expect(await listDrafts()).toEqual([]);
  });

  it('stores no personal value as an index key or in plaintext', async () => {
    await createInquiry(makeIntake({ surname: 'Шевчук', phone: '+380 50 765 43 21' }));
    const rows = await db.records.toArray();
    const plain = JSON.stringify(rows, (_k, v: unknown) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? Buffer.from(v as ArrayBuffer).toString('latin1') : v));
    expect(plain).toContain('soughtPerson');
    expect(plain).not.toContain('Шевчук');
    expect(plain).not.toContain('765');
    expect(db.records.schema.indexes.map((i) => i.name)).toEqual(expect.not.arrayContaining(['surname', 'phones']));
  });

  it('needs the data key: nothing can be written while locked', async () => {
    dropDataKey();
    await expect(createInquiry(makeIntake())).rejects.toThrow(/locked/);
    expect(await db.records.count()).toBe(0);
  });
});

describe('patchRecord', () => {
  it('records only changed fields as a patch on the last seen version, with a timeline line', async () => {
    const { id } = await createInquiry(makeIntake());
    const { familyContact } = await getInquiryDetail(id);
    const changed = await patchRecord('familyContact', familyContact.id, { givenName: 'Ганна', surname: 'Олійник' });
    expect(changed).toEqual(['givenName']);
    const detail = await getInquiryDetail(id);
    expect(detail.familyContact.givenName).toBe('Ганна');
    const mutations = await outboxMutations();
    expect(mutations[1]).toMatchObject({ mutationSeq: 2, name: 'patchRecord', args: { type: 'familyContact', id: familyContact.id, baseVersion: 0, patch: { givenName: 'Ганна' } } });
    const timeline = await getTimeline([id, familyContact.id]);
    expect(timeline.map((t) => [t.action, t.fields])).toEqual([['created', undefined], ['edited', ['givenName']]]);
  });

  it('writes nothing when nothing changes', async () => {
    const { id } = await createInquiry(makeIntake());
    expect(await patchRecord('inquiry', id, { notes: (await getInquiryDetail(id)).inquiry.notes })).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('compares values as the server does: the same object in another key order is no change', async () => {
    const { id } = await createInquiry(makeIntake());
    const { consent } = (await getInquiryDetail(id)).inquiry;
    const reordered = Object.fromEntries(Object.entries(consent).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(consent));
    expect(await patchRecord('inquiry', id, { consent: reordered })).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
    // Control: a real change of the same object is sent.
    expect(await patchRecord('inquiry', id, { consent: { ...reordered, toPublishPhoto: !consent.toPublishPhoto } })).toEqual(['consent']);
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses unknown or immutable fields and invalid values, changing nothing', async () => {
    const { id } = await createInquiry(makeIntake());
    await expect(patchRecord('inquiry', id, { reference: 'AAAAAAAA' })).rejects.toBeInstanceOf(ValidationError);
    await expect(patchRecord('inquiry', id, { isAdmin: true })).rejects.toBeInstanceOf(ValidationError);
    await expect(patchRecord('inquiry', id, { registeredOn: 'yesterday' })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('drafts', () => {
  it('saves sealed, reloads and is discarded only on request', async () => {
    await saveDraft('d2', { surname: 'Коваленко', step: 3 });
    expect(await loadDraft('d2')).toEqual({ surname: 'Коваленко', step: 3 });
    const row = await db.drafts.get('d2');
    expect(Buffer.from(row!.sealed.data).toString('utf8')).not.toContain('Коваленко');
    await discardDraft('d2');
    expect(await loadDraft('d2')).toBeUndefined();
  });
});

describe('search index', () => {
  it('is built after unlock, finds any spelling, stays current and is dropped on lock', async () => {
    await createInquiry(makeIntake({ surname: 'Олійник', givenName: 'Олександр', contactSurname: 'Петренко' }));
    const { id } = await createInquiry(makeIntake({ surname: 'Коваленко', givenName: 'Юрій', contactSurname: 'Коваленко' }));
    await inquiryIndex.build();
    for (const q of ['Oliinyk', 'олейник', 'OLIINYK Aleksandr', 'Олександр', 'Alexandr Oleinik', 'Олі']) {
      expect(inquiryIndex.search(q).map((s) => s.soughtNames[0]), q).toEqual(['Олійник Олександр Миколайович']);
    }
    expect(inquiryIndex.search('Iurii').map((s) => s.id)).toEqual([id]);
    expect(inquiryIndex.search('').length).toBe(2);
    expect(inquiryIndex.search('').map((s) => s.id)[0]).toBe(id);
    expect(inquiryIndex.search('Шевчук')).toEqual([]);
    const { soughtPersons } = await getInquiryDetail(id);
    await patchRecord('soughtPerson', soughtPersons[0]!.id, { surname: 'Шевчук' });
    expect(inquiryIndex.search('Shevchuk').map((s) => s.id)).toEqual([id]);
    // The newest-first order is cached between changes: a new inquiry must still come first.
    const third = await createInquiry(makeIntake({ surname: 'Бондар' }));
    expect(inquiryIndex.search('').map((s) => s.id).slice(0, 2)).toEqual([third.id, id]);
    expect(inquiryIndex.search('').length).toBe(3);
    dropDataKey();
    expect(inquiryIndex.size).toBe(0);
    expect(inquiryIndex.search('')).toEqual([]);
  });
});

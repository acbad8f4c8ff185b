// Gathering points by id: an inquiry names its space's id; an old phone's inquiry (its point by name) is
// still accepted and filed by id; one naming another space is refused; migration 5 upgrades the stored
// inquiries in place, history as it was — on PGlite and (with DATABASE_URL) PostgreSQL.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { upgradeInquiry } from '../../schema/inquiry.ts';
import { sameValue } from '../../schema/merge.ts';
import { migrate } from '../db/migrate.ts';
import { readHeld } from './held-content.ts';
import { describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, patchMutation, pullAll, pushAs, type Session } from '../test-support/fixtures.ts';

/** A createInquiry as phones sent it before points were ids: the point's typed name, no id. */
function oldShapeMutation(mutationSeq: number, options: { spaceId?: string } = {}) {
  const m = inquiryMutation(mutationSeq, options);
  const { gatheringPointId: _id, ...inquiry } = m.args.inquiry;
  void _id;
  return { ...m, args: { ...m.args, inquiry: { ...inquiry, gatheringPoint: 'Пункт пропуску Суми' } } };
}

describeOnEachDatabase('gathering points by id', (env) => {
  async function inquiryData(session: Session, id: string): Promise<Record<string, unknown> | undefined> {
    const { changes } = await pullAll(env.app, session);
    return changes.find((c) => c.type === 'inquiry' && c.id === id)?.data ?? undefined;
  }

  async function addSpace(coordinator: Session): Promise<string> {
    const res = await env.app.inject({ method: 'POST', url: '/v1/spaces', headers: coordinator.auth, payload: { name: `Point ${randomUUID().slice(0, 6)}` } });
    return res.json<{ space: { id: string } }>().space.id;
  }

  it('accepts an old phone’s inquiry (its point by name) and files it under the device’s point by id', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId);
    const old = oldShapeMutation(1);
    const pushed = await pushAs(env.app, volunteer, [old]);
    expect(pushed.body.results).toEqual([{ mutationSeq: 1, mutationId: old.mutationId, result: 'applied' }]);
    const data = await inquiryData(volunteer, old.args.inquiry.id);
    expect(data?.['gatheringPointId']).toBe(spaceId);
    expect(data).not.toHaveProperty('gatheringPoint');
    // The rest is what the phone sent.
    expect(data?.['reference']).toBe(old.args.inquiry.reference);
    expect(data?.['soughtPersonIds']).toEqual(old.args.inquiry.soughtPersonIds);
    // An old coordinator device named the space in the mutation: that is the point.
    const second = await addSpace(coordinator);
    const chosen = oldShapeMutation(1, { spaceId: second });
    expect((await pushAs(env.app, coordinator, [chosen])).body.results[0]?.result).toBe('applied');
    expect((await inquiryData(coordinator, chosen.args.inquiry.id))?.['gatheringPointId']).toBe(second);
  });

  it('refuses an inquiry naming another space’s point and stores nothing; its own point is applied', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const other = await addSpace(coordinator);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId);
    const wrong = inquiryMutation(1, { gatheringPointId: other });
    expect((await pushAs(env.app, volunteer, [wrong])).body.results).toEqual([
      { mutationSeq: 1, mutationId: wrong.mutationId, result: 'rejected', reason: 'gathering_point_mismatch' },
    ]);
    // A coordinator's mutation naming one of their spaces, its inquiry another (also theirs): refused too.
    const mixed = inquiryMutation(1, { spaceId, gatheringPointId: other });
    expect((await pushAs(env.app, coordinator, [mixed])).body.results[0]).toMatchObject({ result: 'rejected', reason: 'gathering_point_mismatch' });
    expect(await inquiryData(coordinator, wrong.args.inquiry.id)).toBeUndefined();
    expect(await inquiryData(coordinator, mixed.args.inquiry.id)).toBeUndefined();
    // Control: the same push with the volunteer's own point is applied, so the refusal was the point's.
    const right = inquiryMutation(2, { gatheringPointId: spaceId });
    expect((await pushAs(env.app, volunteer, [right])).body.results[0]?.result).toBe('applied');
    expect((await inquiryData(volunteer, right.args.inquiry.id))?.['gatheringPointId']).toBe(spaceId);
  });

  it('never moves an inquiry to another point by a patch', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const other = await addSpace(coordinator);
    const m = inquiryMutation(1, { spaceId });
    await pushAs(env.app, coordinator, [m]);
    const moved = await pushAs(env.app, coordinator, [patchMutation(2, 'inquiry', m.args.inquiry.id, 1, { gatheringPointId: other })]);
    expect(moved.body.results[0]).toMatchObject({ result: 'rejected' });
    expect(moved.body.results[0]?.reason).toContain('gatheringPointId');
    // Control: a patch of another field of the same inquiry is applied.
    expect((await pushAs(env.app, coordinator, [patchMutation(3, 'inquiry', m.args.inquiry.id, 1, { notes: 'called back' })])).body.results[0]?.result).toBe('applied');
    expect((await inquiryData(coordinator, m.args.inquiry.id))?.['gatheringPointId']).toBe(spaceId);
  });

  it('migration 5 gives stored inquiries their space’s id in place, keeps every other value and every version in history', async () => {
    const db = env.database.db;
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const m = inquiryMutation(1, { spaceId });
    const current = inquiryMutation(2, { spaceId });
    await pushAs(env.app, coordinator, [m, current]);
    await pushAs(env.app, coordinator, [patchMutation(3, 'inquiry', m.args.inquiry.id, 1, { notes: 'second version' })]);
    // The inquiry as an earlier server stored it: the point by name in its data and in every version.
    const id = m.args.inquiry.id;
    const toOld = sql`(data - 'gatheringPointId') || jsonb_build_object('gatheringPoint', 'Пункт пропуску Суми')`;
    await sql`update record set data = ${toOld}, field_versions = (field_versions - 'gatheringPointId') || jsonb_build_object('gatheringPoint', field_versions -> 'gatheringPointId') where type = 'inquiry' and id = ${id}`.execute(db);
    await sql`update record_history set data = ${toOld} where type = 'inquiry' and id = ${id}`.execute(db);
    const readRecord = async (recordId: string) => (await sql<{ data: Record<string, unknown>; version: number; seq: string; field_versions: Record<string, unknown> }>`select data, version, seq::text as seq, field_versions from record where type = 'inquiry' and id = ${recordId}`.execute(db)).rows[0];
    const readHistory = async () => (await sql<{ version: number; data: Record<string, unknown> }>`select version, data from record_history where type = 'inquiry' and id = ${id} order by version`.execute(db)).rows;
    const before = await readRecord(id);
    const untouched = await readRecord(current.args.inquiry.id);
    const historyBefore = await readHistory();
    expect(before?.data).toHaveProperty('gatheringPoint');
    expect(historyBefore.map((h) => h.version)).toEqual([1, 2]);

    await sql`delete from schema_migration where version = 5`.execute(db);
    expect(await migrate(db)).toEqual([5]);

    const after = await readRecord(id);
    expect(after?.data['gatheringPointId']).toBe(spaceId);
    expect(after?.data).not.toHaveProperty('gatheringPoint');
    // Exactly the device's upgrade of the same data, so a phone reading its old copy holds what the server holds.
    expect(sameValue(after?.data, upgradeInquiry(before?.data ?? {}, spaceId))).toBe(true);
    expect(after?.data['notes']).toBe('second version');
    // In place: no new version, no new seq (devices would pull everything again); the field's version follows it.
    expect(after?.version).toBe(before?.version);
    expect(after?.seq).toBe(before?.seq);
    expect(after?.field_versions['gatheringPointId']).toEqual(before?.field_versions['gatheringPoint']);
    expect(after?.field_versions).not.toHaveProperty('gatheringPoint');
    // History keeps every version as it was written, with the name typed then.
    expect(await readHistory()).toEqual(historyBefore);
    // An inquiry already holding its id is left exactly as it was.
    expect(await readRecord(current.args.inquiry.id)).toEqual(untouched);
    // Devices pull the upgraded data.
    expect((await inquiryData(coordinator, id))?.['gatheringPointId']).toBe(spaceId);
  });
});

describe('a held new inquiry', () => {
  it('names its point by id, the inquiry’s own or else the mutation’s; none for an old volunteer phone’s', () => {
    const space = randomUUID();
    const read = (args: unknown) => {
      const held = readHeld('createInquiry', args, new Map());
      return held.valid && held.content.kind === 'createInquiry' ? held.content.inquiry.gatheringPointId : 'unreadable';
    };
    expect(read(inquiryMutation(1, { spaceId: space }).args)).toBe(space);
    expect(read(oldShapeMutation(1, { spaceId: space }).args)).toBe(space);
    // The page shows the sending device's point then.
    expect(read(oldShapeMutation(1).args)).toBeNull();
  });
});

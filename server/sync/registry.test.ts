// The record registry on the server: an organisation-wide, coordinator-only record (an exchange batch) reaches
// every coordinator and no volunteer device — not from the start, not through a reset, not with another
// device's cursor; who may create, patch and delete follows the registry; coordinator-owned fields are the
// server's to set for volunteers — on PGlite and (with DATABASE_URL) PostgreSQL.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { changesSince } from '../db/records.ts';
import {
  batchMutation, candidateMutation, deleteMutation, describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, patchMutation, pullAll, pushAs, signInAgain, type Session,
} from '../test-support/fixtures.ts';
import { pullScope } from './pull.ts';
import { pairId } from '../../schema/candidate.ts';

describeOnEachDatabase('record registry', (env) => {

  async function setup(): Promise<{ coordinator: Session; other: Session; volunteer: Session; spaceId: string }> {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    // A coordinator of another gathering point: batches are national, so it sees them too.
    const { session: other } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Olena');
    return { coordinator, other, volunteer, spaceId };
  }

  it('an exchange batch reaches every coordinator and never a volunteer device, even through a reset or a borrowed cursor', async () => {
    const { coordinator, other, volunteer } = await setup();
    // Something the volunteer does receive, before and after the batch, so its pulls are not empty by accident.
    expect((await pushAs(env.app, volunteer, [inquiryMutation(1)])).body.results[0]?.result).toBe('applied');
    const before = await pullAll(env.app, coordinator);
    const batch = batchMutation(1);
    expect((await pushAs(env.app, coordinator, [batch])).body.results[0]).toMatchObject({ result: 'applied' });
    expect((await pushAs(env.app, volunteer, [inquiryMutation(2)])).body.results[0]?.result).toBe('applied');

    const batchId = batch.args.record['id'];
    for (const device of [coordinator, other]) {
      const { changes } = await pullAll(env.app, device);
      const received = changes.find((c) => c.id === batchId);
      expect(received).toMatchObject({ type: 'exchangeBatch', spaceId: null, version: 1 });
      expect(received?.data).toMatchObject({ status: 'announced', announcedCount: 1212 });
    }
    // From the start, as a fresh or reset device does, and from the coordinator's cursor just before the batch.
    for (const cursor of ['0', before.cursor]) {
      const { changes } = await pullAll(env.app, volunteer, cursor);
      expect(changes.some((c) => c.type === 'inquiry')).toBe(true);
      expect(changes.filter((c) => c.type === 'exchangeBatch')).toEqual([]);
    }
    // Nor can the volunteer reach it by id.
    const patch = await pushAs(env.app, volunteer, [patchMutation(3, 'exchangeBatch', String(batchId), 1, { notes: 'x' }), deleteMutation(4, 'exchangeBatch', String(batchId), 1)]);
    expect(patch.body.results.map((r) => r.reason)).toEqual(['not_found', 'not_found']);
  });

  it('the pull filters by type inside a space too: a role outside a type\'s audience gets none of it', async () => {
    const { volunteer, spaceId } = await setup();
    await pushAs(env.app, volunteer, [inquiryMutation(1)]);
    // As if the registry made family contacts coordinator-only: the same SQL the pull runs, with that scope.
    const rows = await changesSince(env.database.db, { spaceIds: [spaceId], spaceTypes: ['inquiry', 'soughtPerson'], organisationTypes: [] }, '0', 1000);
    expect(rows.map((r) => r.type).sort()).toEqual(['inquiry', 'soughtPerson']);
    // Control: with the type in the audience, it comes.
    const all = await changesSince(env.database.db, { spaceIds: [spaceId], spaceTypes: ['inquiry', 'familyContact', 'soughtPerson'], organisationTypes: [] }, '0', 1000);
    expect(all.map((r) => r.type)).toContain('familyContact');
    expect(pullScope({ role: 'volunteer', spaceIds: [spaceId] })).toEqual({ spaceIds: [spaceId], spaceTypes: ['inquiry', 'familyContact', 'soughtPerson'], organisationTypes: [] });
    expect(pullScope({ role: 'coordinator', spaceIds: [spaceId] }).organisationTypes).toEqual(['exchangeBatch', 'batchEntry']);
  });

  it('follows the registry on who may create, patch and delete, and where a record may live', async () => {
    const { coordinator, volunteer, spaceId } = await setup();
    const refused = await pushAs(env.app, volunteer, [batchMutation(1)]);
    expect(refused.body.results[0]).toMatchObject({ result: 'rejected', reason: 'not_permitted' });
    const inSpace = await pushAs(env.app, coordinator, [batchMutation(1, {}, { spaceId })]);
    expect(inSpace.body.results[0]).toMatchObject({ result: 'rejected', reason: 'space_not_allowed' });
    const wrongMutation = await pushAs(env.app, coordinator, [{ ...batchMutation(2), args: { type: 'inquiry', record: { id: randomUUID() } } }]);
    expect(wrongMutation.body.results[0]).toMatchObject({ result: 'rejected', reason: 'wrong_mutation' });
    const invalid = await pushAs(env.app, coordinator, [batchMutation(3, { kind: 'holiday' })]);
    expect(invalid.body.results[0]?.reason).toMatch(/^invalid_args record\.kind/);

    const batch = batchMutation(4);
    const id = String(batch.args.record['id']);
    await pushAs(env.app, coordinator, [batch]);
    const again = await pushAs(env.app, coordinator, [{ ...batchMutation(5), args: { ...batch.args } }]);
    expect(again.body.results[0]).toMatchObject({ result: 'rejected', reason: 'id_exists' });
    const changed = await pushAs(env.app, coordinator, [patchMutation(6, 'exchangeBatch', id, 1, { status: 'received' }), deleteMutation(7, 'exchangeBatch', id, 2)]);
    expect(changed.body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
  });

  it('keeps the handling status the coordinators\' to set: a volunteer neither patches it nor files an inquiry with another', async () => {
    const { coordinator, volunteer } = await setup();
    const m = inquiryMutation(1);
    m.args.inquiry.handlingStatus = 'closed_resolved';
    await pushAs(env.app, volunteer, [m]);
    const stored = (await pullAll(env.app, coordinator)).changes.find((c) => c.id === m.args.inquiry.id);
    expect(stored?.data?.['handlingStatus']).toBe('submitted');

    const byVolunteer = await pushAs(env.app, volunteer, [patchMutation(2, 'inquiry', m.args.inquiry.id, 1, { handlingStatus: 'open', notes: 'n' })]);
    expect(byVolunteer.body.results[0]).toMatchObject({ result: 'rejected', reason: 'field_not_permitted handlingStatus' });
    const byCoordinator = await pushAs(env.app, coordinator, [patchMutation(1, 'inquiry', m.args.inquiry.id, 1, { handlingStatus: 'open' })]);
    expect(byCoordinator.body.results[0]?.result).toBe('applied');
    // Control: the same patch without the owned field is the volunteer's to make.
    const notes = await pushAs(env.app, volunteer, [patchMutation(3, 'inquiry', m.args.inquiry.id, 2, { notes: 'n' })]);
    expect(notes.body.results[0]?.result).toBe('applied');
  });

  it('two coordinators changing a batch\'s field concurrently make a conflict every coordinator can review', async () => {
    const { coordinator, other } = await setup();
    const batch = batchMutation(1);
    const id = String(batch.args.record['id']);
    await pushAs(env.app, coordinator, [batch]);
    await pushAs(env.app, coordinator, [patchMutation(2, 'exchangeBatch', id, 1, { announcedCount: 1000 })]);
    const late = await pushAs(env.app, other, [patchMutation(1, 'exchangeBatch', id, 1, { announcedCount: 1212 + 1 })]);
    expect(late.body.results[0]?.result).toBe('conflict');
    const conflictId = late.body.results[0]?.conflictIds?.[0];
    for (const session of [coordinator, other]) {
      const listed = await env.app.inject({ method: 'GET', url: '/v1/conflicts?status=open&limit=200', headers: session.auth });
      expect(listed.statusCode).toBe(200);
      const ids = (listed.json() as { conflicts: { id: string; spaceId: string | null }[] }).conflicts.map((c) => c.id);
      expect(ids).toContain(conflictId);
    }
  });
});

describeOnEachDatabase('candidate matches', (env) => {

  /** A coordinator of a space with one sought person, a batch with one entry, and a second device of theirs. */
  async function setup() {
    const { login, session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const laptop = await signInAgain(env.app, login);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Olena');
    const inquiry = inquiryMutation(1);
    await pushAs(env.app, volunteer, [inquiry]);
    const personId = inquiry.args.soughtPersons[0]?.id ?? '';
    const batch = batchMutation(1);
    const entry = { ...batchMutation(2), args: { type: 'batchEntry', record: { id: randomUUID(), batchId: batch.args.record['id'], surname: 'Олейник' } } };
    expect((await pushAs(env.app, coordinator, [batch, entry])).body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    return { coordinator, laptop, volunteer, spaceId, personId, entryId: entry.args.record.id };
  }

  it('a confirmation syncs to the coordinators of the person\'s space only', async () => {
    const { coordinator, laptop, volunteer, spaceId, personId, entryId } = await setup();
    // A coordinator of another space may not decide on that person, and nobody links an entry that does not exist.
    const { session: other, spaceId: otherSpace } = await makeCoordinator(env.app, env.database);
    const foreign = await pushAs(env.app, other, [candidateMutation(1, otherSpace, entryId, personId)]);
    expect(foreign.body.results[0]).toMatchObject({ result: 'rejected', reason: 'link_not_found soughtPerson' });
    const ghost = await pushAs(env.app, coordinator, [candidateMutation(3, spaceId, randomUUID(), personId)]);
    expect(ghost.body.results[0]).toMatchObject({ result: 'rejected', reason: 'link_not_found batchEntry' });
    const byVolunteer = await pushAs(env.app, volunteer, [candidateMutation(2, spaceId, entryId, personId)]);
    expect(byVolunteer.body.results[0]?.reason).toBe('not_permitted');

    const decided = candidateMutation(4, spaceId, entryId, personId);
    expect((await pushAs(env.app, coordinator, [decided])).body.results[0]).toMatchObject({ result: 'applied' });
    const id = decided.args.record['id'];
    expect((await pullAll(env.app, laptop)).changes.find((c) => c.id === id)).toMatchObject({ type: 'candidateMatch', spaceId, data: { status: 'confirmed' } });
    for (const device of [other, volunteer]) expect((await pullAll(env.app, device)).changes.some((c) => c.id === id)).toBe(false);
  });

  it('a duplicate may link persons of two spaces the coordinator sees; a candidate is filed under its sought person\'s space only', async () => {
    const { coordinator, spaceId, personId, entryId } = await setup();
    // A second gathering point of the same coordinator, with its own family seeking someone similar.
    const created = await env.app.inject({ method: 'POST', url: '/v1/spaces', headers: coordinator.auth, payload: { name: `Point ${randomUUID().slice(0, 6)}` } });
    const otherSpace = created.json<{ space: { id: string } }>().space.id;
    const elsewhere = inquiryMutation(3, { spaceId: otherSpace });
    expect((await pushAs(env.app, coordinator, [elsewhere])).body.results[0]?.result).toBe('applied');
    const otherPerson = elsewhere.args.soughtPersons[0]?.id ?? '';
    const misfiled = await pushAs(env.app, coordinator, [candidateMutation(4, otherSpace, entryId, personId)]);
    expect(misfiled.body.results[0]).toMatchObject({ result: 'rejected', reason: 'link_other_space soughtPerson' });
    const [first, second] = [personId, otherPerson].sort();
    const duplicate = {
      mutationSeq: 5, mutationId: randomUUID(), name: 'createRecord',
      args: {
        type: 'candidateMatch', spaceId,
        record: {
          id: pairId(first ?? '', second ?? ''), kind: 'duplicate', batchEntryId: null, soughtPersonId: personId, otherSoughtPersonId: otherPerson,
          score: 0.9, band: 'strong', fields: { surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'agrees', unit: 'agrees' }, status: 'confirmed',
        },
      },
    };
    expect((await pushAs(env.app, coordinator, [duplicate])).body.results[0]).toMatchObject({ result: 'applied' });
  });

  it('two devices deciding the same pair differently make a conflict; the same decision twice changes nothing', async () => {
    const { coordinator, laptop, spaceId, personId, entryId } = await setup();
    await pushAs(env.app, coordinator, [candidateMutation(3, spaceId, entryId, personId, { status: 'confirmed' })]);
    const same = await pushAs(env.app, laptop, [candidateMutation(1, spaceId, entryId, personId, { status: 'confirmed' })]);
    expect(same.body.results[0]).toMatchObject({ result: 'applied' });
    const differing = await pushAs(env.app, laptop, [candidateMutation(2, spaceId, entryId, personId, { status: 'ruled_out', evidence: 'other' })]);
    expect(differing.body.results[0]?.result).toBe('conflict');
    expect(differing.body.results[0]?.conflictIds).toHaveLength(2);
    // The first decision stands until a coordinator resolves the conflict.
    const stored = (await pullAll(env.app, coordinator)).changes.find((c) => c.type === 'candidateMatch' && c.data?.['soughtPersonId'] === personId);
    expect(stored).toMatchObject({ version: 1, data: { status: 'confirmed', evidence: 'documents' } });
  });
});

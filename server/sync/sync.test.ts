// Push and pull over the HTTP API: inserts, patches, conflicts, delete versus update, duplicates,
// gaps, revocation and quarantine, resets — on PGlite and (with DATABASE_URL) PostgreSQL.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  deleteMutation, describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, patchMutation, pullAll, pushAs, type Session,
} from '../test-support/fixtures.ts';

describeOnEachDatabase('sync', (env) => {

  async function setup(): Promise<{ coordinator: Session; spaceId: string; a: Session; b: Session }> {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const a = await enrolVolunteer(env.app, coordinator, spaceId, 'Olena');
    const b = await enrolVolunteer(env.app, coordinator, spaceId, 'Taras');
    return { coordinator, spaceId, a, b };
  }

  it('pushes an inquiry and every device of the space pulls it', async () => {
    const { coordinator, a, b, spaceId } = await setup();
    const m = inquiryMutation(1);
    const pushed = await pushAs(env.app, a, [m]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.results).toEqual([{ mutationSeq: 1, mutationId: m.mutationId, result: 'applied' }]);
    expect(pushed.body.lastAckedSeq).toBe(1);
    for (const device of [a, b, coordinator]) {
      const { changes, last } = await pullAll(env.app, device);
      expect(changes.map((c) => c.type).sort()).toEqual(['familyContact', 'inquiry', 'soughtPerson']);
      expect(changes.every((c) => c.spaceId === spaceId && c.version === 1 && typeof c.seq === 'string')).toBe(true);
      expect(last.lastAckedMutationSeq).toBe(device === a ? 1 : 0);
    }
    const inquiry = (await pullAll(env.app, b)).changes.find((c) => c.type === 'inquiry');
    expect(inquiry?.data?.['id']).toBe(m.args.inquiry.id);
    expect((await pullAll(env.app, a)).last.retentionDays).toBe(14);
  });

  it('answers a replay as a duplicate and a gap with the expected seq', async () => {
    const { a, coordinator } = await setup();
    const m1 = inquiryMutation(1);
    await pushAs(env.app, a, [m1]);
    const again = await pushAs(env.app, a, [m1, inquiryMutation(2)]);
    expect(again.body.results.map((r) => r.result)).toEqual(['duplicate', 'applied']);
    const gap = await pushAs(env.app, a, [inquiryMutation(5)]);
    expect(gap.status).toBe(200);
    expect(gap.body).toMatchObject({ expectedSeq: 3, lastAckedSeq: 2, results: [] });
    const { changes } = await pullAll(env.app, coordinator);
    expect(changes.filter((c) => c.type === 'inquiry')).toHaveLength(2);
  });

  it('applies a patch based on the current version and pages by cursor', async () => {
    const { a, b } = await setup();
    const m = inquiryMutation(1);
    await pushAs(env.app, a, [m]);
    const personId = m.args.soughtPersons[0]!.id;
    const patched = await pushAs(env.app, b, [patchMutation(1, 'soughtPerson', personId, 1, { unit: '93rd brigade', rank: 'sergeant' })]);
    expect(patched.body.results[0]?.result).toBe('applied');
    const first = await pullAll(env.app, a, '0', 1);
    const person = first.changes.filter((c) => c.id === personId);
    expect(person.at(-1)?.version).toBe(2);
    expect(person.at(-1)?.data?.['unit']).toBe('93rd brigade');
    const seqs = first.changes.map((c) => BigInt(c.seq));
    expect([...seqs].sort((x, y) => (x < y ? -1 : 1))).toEqual(seqs);
  });

  it('keeps the first value of a field changed by two devices and records a conflict', async () => {
    const { a, b, coordinator } = await setup();
    const m = inquiryMutation(1);
    await pushAs(env.app, a, [m]);
    const personId = m.args.soughtPersons[0]!.id;
    await pushAs(env.app, a, [patchMutation(2, 'soughtPerson', personId, 1, { unit: 'A unit', rank: 'private' })]);
    const second = await pushAs(env.app, b, [patchMutation(1, 'soughtPerson', personId, 1, { unit: 'B unit', build: 'slim' })]);
    expect(second.body.results[0]?.result).toBe('conflict');
    expect(second.body.results[0]?.conflictIds).toHaveLength(1);
    const { changes } = await pullAll(env.app, coordinator);
    const latest = changes.filter((c) => c.id === personId).at(-1);
    expect(latest?.data).toMatchObject({ unit: 'A unit', rank: 'private', build: 'slim' });
    expect(latest?.version).toBe(3);
    const list = await env.app.inject({ method: 'GET', url: '/v1/conflicts', headers: coordinator.auth });
    const conflicts = list.json<{ conflicts: { id: string; field: string; kept: { value: unknown; user: { name: string } }; proposed: { value: unknown; user: { name: string } } }[] }>().conflicts;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ field: 'unit', kept: { value: 'A unit', user: { name: 'Olena' } }, proposed: { value: 'B unit', user: { name: 'Taras' } } });
    // Resolving is an ordinary new version, and the conflict is closed with who and when.
    const resolved = await env.app.inject({ method: 'POST', url: `/v1/conflicts/${conflicts[0]!.id}/resolve`, headers: coordinator.auth, payload: { choice: 'proposed' } });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toEqual({ version: 4 });
    const again = await env.app.inject({ method: 'POST', url: `/v1/conflicts/${conflicts[0]!.id}/resolve`, headers: coordinator.auth, payload: { choice: 'kept' } });
    expect(again.statusCode).toBe(409);
    const history = await env.app.inject({ method: 'GET', url: `/v1/records/soughtPerson/${personId}/history`, headers: coordinator.auth });
    const versions = history.json<{ versions: { version: number; data: { unit: string }; user: { name: string } }[] }>().versions;
    expect(versions.map((v) => v.data.unit)).toEqual(['', 'A unit', 'A unit', 'B unit']);
    expect(versions.at(-1)?.user.name).toMatch(/^Coordinator/);
  });

  it('lets the same device overwrite its own field without a conflict', async () => {
    const { a } = await setup();
    const m = inquiryMutation(1);
    const id = m.args.inquiry.id;
    const res = await pushAs(env.app, a, [m, patchMutation(2, 'inquiry', id, 0, { notes: 'one' }), patchMutation(3, 'inquiry', id, 0, { notes: 'two' })]);
    expect(res.body.results.map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
  });

  it('surfaces delete versus a concurrent update and never decides it', async () => {
    const { a, b, coordinator } = await setup();
    const m = inquiryMutation(1);
    await pushAs(env.app, a, [m]);
    const id = m.args.inquiry.id;
    await pushAs(env.app, a, [patchMutation(2, 'inquiry', id, 1, { notes: 'family called again' })]);
    const del = await pushAs(env.app, b, [deleteMutation(1, 'inquiry', id, 1)]);
    expect(del.body.results[0]).toMatchObject({ result: 'conflict' });
    const { changes } = await pullAll(env.app, coordinator);
    expect(changes.filter((c) => c.id === id).at(-1)?.deleted).toBe(false);
    // The other order: deleted first (by a coordinator who saw v2), then an update based on v2.
    const del2 = await pushAs(env.app, coordinator, [deleteMutation(1, 'inquiry', id, 2)]);
    expect(del2.body.results[0]?.result).toBe('applied');
    const upd = await pushAs(env.app, a, [patchMutation(3, 'inquiry', id, 2, { notes: 'more' })]);
    expect(upd.body.results[0]?.result).toBe('conflict');
    const after = await pullAll(env.app, b);
    const last = after.changes.filter((c) => c.id === id).at(-1);
    expect(last).toMatchObject({ deleted: true, data: null });
    const list = await env.app.inject({ method: 'GET', url: '/v1/conflicts', headers: coordinator.auth });
    expect(list.json<{ conflicts: { kind: string }[] }>().conflicts.map((c) => c.kind).sort()).toEqual(['delete_vs_update', 'update_vs_delete']);
  });

  it('quarantines what a revoked device pushes and tells it to wipe', async () => {
    const { a, coordinator } = await setup();
    await pushAs(env.app, a, [inquiryMutation(1)]);
    const revoke = await env.app.inject({ method: 'POST', url: `/v1/devices/${a.deviceId}/revoke`, headers: coordinator.auth });
    expect(revoke.statusCode).toBe(200);
    const before = (await pullAll(env.app, coordinator)).changes.length;
    const late = await pushAs(env.app, a, [inquiryMutation(2)]);
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({ error: { code: 'device_revoked' }, wipe: true });
    expect((await pullAll(env.app, coordinator)).changes.length).toBe(before);
    const pull = await env.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: a.auth, payload: { cursor: '0' } });
    expect(pull.statusCode).toBe(401);
    expect(pull.json()).toMatchObject({ error: { code: 'device_revoked' }, wipe: true });
    const token = await env.app.inject({ method: 'POST', url: '/v1/auth/token', payload: { deviceId: a.deviceId, refreshSecret: a.refreshSecret } });
    expect(token.statusCode).toBe(401);
    expect(token.json()).toMatchObject({ error: { code: 'device_revoked' }, wipe: true });
    const quarantine = await env.app.inject({ method: 'GET', url: '/v1/quarantine', headers: coordinator.auth });
    expect(quarantine.json<{ mutations: { deviceId: string; mutationSeq: number }[] }>().mutations).toEqual([expect.objectContaining({ deviceId: a.deviceId, mutationSeq: 2 })]);
  });

  it('repeats a pull whose answer was lost with the same cursor and gets the same page', async () => {
    const { a, b } = await setup();
    await pushAs(env.app, a, [inquiryMutation(1), inquiryMutation(2)]);
    const ask = () => env.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: b.auth, payload: { cursor: '0', limit: 2 } });
    const lost = (await ask()).json<{ changes: unknown[]; cursor: string }>(); // never reached the phone
    const again = (await ask()).json<{ changes: unknown[]; cursor: string }>();
    expect(again).toEqual({ ...lost, serverTime: expect.any(String) });
    expect(again.changes).toHaveLength(2);
  });

  it('tells a device whose cursor is ahead of the server to reset', async () => {
    const { a } = await setup();
    const res = await env.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: a.auth, payload: { cursor: '999999999999' } });
    expect(res.json()).toMatchObject({ reset: true, cursor: '0', changes: [] });
  });

  it('rejects patches to records of another space, and keeps them apart in pulls', async () => {
    const one = await setup();
    const two = await setup();
    const m = inquiryMutation(1);
    await pushAs(env.app, one.a, [m]);
    const res = await pushAs(env.app, two.a, [patchMutation(1, 'inquiry', m.args.inquiry.id, 1, { notes: 'x' }), deleteMutation(2, 'inquiry', m.args.inquiry.id, 1)]);
    expect(res.body.results.map((r) => [r.result, r.reason])).toEqual([['rejected', 'not_found'], ['rejected', 'not_found']]);
    expect((await pullAll(env.app, two.coordinator)).changes).toEqual([]);
    const createThere = await pushAs(env.app, two.coordinator, [inquiryMutation(1, { spaceId: one.spaceId })]);
    expect(createThere.body.results[0]).toMatchObject({ result: 'rejected', reason: 'space_not_visible' });
    const history = await env.app.inject({ method: 'GET', url: `/v1/records/inquiry/${m.args.inquiry.id}/history`, headers: two.coordinator.auth });
    expect(history.statusCode).toBe(404);
  });

  it('acknowledges invalid arguments as rejected so the device never gets stuck', async () => {
    const { a } = await setup();
    const bad = { ...inquiryMutation(1), args: { inquiry: { id: randomUUID() } } };
    const res = await pushAs(env.app, a, [bad, inquiryMutation(2)]);
    expect(res.body.results.map((r) => r.result)).toEqual(['rejected', 'applied']);
    expect(res.body.lastAckedSeq).toBe(2);
  });
});

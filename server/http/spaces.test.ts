// Changing a gathering point (PATCH /v1/spaces/:spaceId): what is accepted, what is refused and changes
// nothing, who may do it, and that volunteers' phones learn the new name and retention at their next pull.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeOnEachDatabase, enrolVolunteer, makeCoordinator, pullAll, type Session } from '../test-support/fixtures.ts';

describeOnEachDatabase('spaces', (env) => {

  function patch(session: Session, spaceId: string, payload: object) {
    return env.app.inject({ method: 'PATCH', url: `/v1/spaces/${spaceId}`, headers: session.auth, payload });
  }

  async function spaceRow(spaceId: string) {
    return env.database.db.selectFrom('space').select(['name', 'retention_days']).where('id', '=', spaceId).executeTakeFirstOrThrow();
  }

  it('changes the name and the retention, together or one at a time', async () => {
    const { session, spaceId } = await makeCoordinator(env.app, env.database, { spaceName: 'Суми' });
    const both = await patch(session, spaceId, { name: '  Суми, вул. Соборна  ', retentionDays: 30 });
    expect(both.statusCode).toBe(200);
    expect(both.json()).toEqual({ space: { id: spaceId, name: 'Суми, вул. Соборна', retentionDays: 30 } });
    const onlyRetention = await patch(session, spaceId, { retentionDays: 3650 });
    expect(onlyRetention.json()).toEqual({ space: { id: spaceId, name: 'Суми, вул. Соборна', retentionDays: 3650 } });
    const onlyName = await patch(session, spaceId, { name: 'Суми' });
    expect(onlyName.json()).toEqual({ space: { id: spaceId, name: 'Суми', retentionDays: 3650 } });
    const listed = await env.app.inject({ method: 'GET', url: '/v1/spaces', headers: session.auth });
    expect(listed.json()).toEqual({ spaces: [{ id: spaceId, name: 'Суми', retentionDays: 3650 }] });
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name'],
    ['a name too long', { name: 'x'.repeat(201) }, 'name'],
    ['retention 0', { retentionDays: 0 }, 'retentionDays'],
    ['retention 3651', { retentionDays: 3651 }, 'retentionDays'],
    ['retention not whole', { retentionDays: 1.5 }, 'retentionDays'],
    ['retention as text', { retentionDays: '30' }, 'retentionDays'],
    ['an unknown field', { retention: 30 }, ''],
    ['an unknown field beside a good one', { name: 'Суми', colour: 'red' }, ''],
    ['nothing to change', {}, ''],
    ['a list', [{ name: 'Суми' }], ''],
  ])('refuses %s with 400 and changes nothing', async (_what, payload, path) => {
    const { session, spaceId } = await makeCoordinator(env.app, env.database, { spaceName: 'Охтирка' });
    const before = await spaceRow(spaceId);
    const res = await patch(session, spaceId, payload);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; issues: { path: string }[] } }>();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path)).toContain(path);
    expect(await spaceRow(spaceId)).toEqual(before);
  });

  it('refuses a misspelt field when creating a space too, creating nothing', async () => {
    const { session } = await makeCoordinator(env.app, env.database);
    const res = await env.app.inject({ method: 'POST', url: '/v1/spaces', headers: session.auth, payload: { name: 'Ромни', retention: 30 } });
    expect(res.statusCode).toBe(400);
    const listed = await env.app.inject({ method: 'GET', url: '/v1/spaces', headers: session.auth });
    expect(listed.json<{ spaces: { name: string }[] }>().spaces.map((s) => s.name)).not.toContain('Ромни');
  });

  it('refuses a body that is not JSON', async () => {
    const { session, spaceId } = await makeCoordinator(env.app, env.database);
    const res = await env.app.inject({ method: 'PATCH', url: `/v1/spaces/${spaceId}`, headers: { ...session.auth, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(res.statusCode).toBe(400);
    const empty = await env.app.inject({ method: 'PATCH', url: `/v1/spaces/${spaceId}`, headers: session.auth });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('answers 404 for an unknown space and 403 for another coordinator’s, changing nothing', async () => {
    const one = await makeCoordinator(env.app, env.database, { spaceName: 'Перший' });
    const two = await makeCoordinator(env.app, env.database, { spaceName: 'Другий' });
    const unknown = await patch(one.session, randomUUID(), { retentionDays: 30 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    const notAnId = await patch(one.session, 'not-an-id', { retentionDays: 30 });
    expect(notAnId.statusCode).toBe(400);
    const cross = await patch(two.session, one.spaceId, { name: 'Захоплений', retentionDays: 1 });
    expect(cross.statusCode).toBe(403);
    expect(cross.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await spaceRow(one.spaceId)).toEqual({ name: 'Перший', retention_days: 14 });
  });

  it('lets only coordinators change a space, and only signed-in ones', async () => {
    const { session, spaceId } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, session, spaceId);
    expect((await patch(volunteer, spaceId, { retentionDays: 1 })).statusCode).toBe(403);
    const anonymous = await env.app.inject({ method: 'PATCH', url: `/v1/spaces/${spaceId}`, payload: { retentionDays: 1 } });
    expect(anonymous.statusCode).toBe(401);
    expect((await spaceRow(spaceId)).retention_days).toBe(14);
  });

  it('a changed retention and name reach volunteers’ phones with their next pull', async () => {
    const { session, spaceId } = await makeCoordinator(env.app, env.database, { spaceName: 'Конотоп' });
    const volunteer = await enrolVolunteer(env.app, session, spaceId);
    const first = await pullAll(env.app, volunteer);
    expect(first.last).toMatchObject({ retentionDays: 14, spaces: [{ id: spaceId, name: 'Конотоп', retentionDays: 14 }] });
    expect((await patch(session, spaceId, { name: 'Конотоп, вокзал', retentionDays: 3 })).statusCode).toBe(200);
    // The cursor is already at the end: the new settings come with an empty page too.
    const next = await pullAll(env.app, volunteer, first.cursor);
    expect(next.changes).toEqual([]);
    expect(next.last).toMatchObject({ retentionDays: 3, spaces: [{ id: spaceId, name: 'Конотоп, вокзал', retentionDays: 3 }] });
    // A token refresh tells the phone as well (it updates its list of spaces from the answer).
    const token = await env.app.inject({ method: 'POST', url: '/v1/auth/token', payload: { deviceId: volunteer.deviceId, refreshSecret: volunteer.refreshSecret } });
    expect(token.json()).toMatchObject({ spaces: [{ id: spaceId, name: 'Конотоп, вокзал', retentionDays: 3 }] });
  });
});

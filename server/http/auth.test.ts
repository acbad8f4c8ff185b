// Sign-in, enrolment codes, token refresh and the coordinator endpoints' access rules.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { enrolVolunteer, makeApp, makeCoordinator, PASSWORD } from '../test-support/fixtures.ts';

describe.each(DATABASES)('auth on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      app = await makeApp(database, { limits: { authPerMinute: 100_000, failuresPerLogin: 3 } });
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it('signs a coordinator in and answers wrong passwords and unknown logins alike', async () => {
      const { login, spaceId } = await makeCoordinator(app, database);
      const ok = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login: login.toUpperCase(), password: PASSWORD, deviceLabel: 'phone' } });
      expect(ok.statusCode).toBe(200);
      const body = ok.json();
      expect(body).toMatchObject({ user: { role: 'coordinator' }, expiresIn: 900, spaces: [{ id: spaceId, retentionDays: 14 }] });
      expect(typeof body.refreshSecret).toBe('string');
      const wrong = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login, password: 'wrong password', deviceLabel: 'x' } });
      const unknown = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login: 'nobody-here', password: 'wrong password', deviceLabel: 'x' } });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    });

    it('locks a login after repeated failures', async () => {
      const { login } = await makeCoordinator(app, database);
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login, password: 'nope nope', deviceLabel: 'x' } });
        expect(res.statusCode).toBe(401);
      }
      const locked = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login, password: PASSWORD, deviceLabel: 'x' } });
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ error: { code: 'too_many_requests' } });
    });

    it('rate-limits sign-in per address', async () => {
      const strict = await makeApp(database, { limits: { authPerMinute: 2 } });
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        // Its own address: the count lives in the database, shared with every app (process) on it.
        const res = await strict.inject({ method: 'POST', url: '/v1/auth/sign-in', remoteAddress: '192.0.2.201', payload: { login: 'x', password: 'y', deviceLabel: 'z' } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 429]);
      await strict.close();
    });

    it('refreshes access tokens and refuses a wrong refresh secret', async () => {
      const { session } = await makeCoordinator(app, database);
      const res = await app.inject({ method: 'POST', url: '/v1/auth/token', payload: { deviceId: session.deviceId, refreshSecret: session.refreshSecret } });
      expect(res.statusCode).toBe(200);
      const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${res.json<{ accessToken: string }>().accessToken}` } });
      expect(me.statusCode).toBe(200);
      const bad = await app.inject({ method: 'POST', url: '/v1/auth/token', payload: { deviceId: session.deviceId, refreshSecret: 'guess' } });
      expect(bad.statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer not.a.token' } })).statusCode).toBe(401);
    });

    it('says when an access token has expired', async () => {
      const past = await makeApp(database, { now: () => new Date(Date.now() - 20 * 60_000) });
      const { login } = await makeCoordinator(app, database);
      const signIn = await past.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login, password: PASSWORD, deviceLabel: 'old' } });
      const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${signIn.json<{ accessToken: string }>().accessToken}` } });
      expect(me.statusCode).toBe(401);
      expect(me.json()).toMatchObject({ error: { code: 'token_expired' } });
      await past.close();
    });

    it('enrols a volunteer phone with a single-use code, shown as text and QR', async () => {
      const { session, spaceId } = await makeCoordinator(app, database);
      const volunteer = await app.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/volunteers`, headers: session.auth, payload: { name: 'Olena' } });
      const volunteerId = volunteer.json<{ volunteer: { id: string } }>().volunteer.id;
      const codeRes = await app.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/enrolment-codes`, headers: session.auth, payload: { volunteerId } });
      expect(codeRes.statusCode).toBe(201);
      const { code, qrSvg, enrolUrl } = codeRes.json<{ code: string; qrSvg: string; enrolUrl: string }>();
      expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(qrSvg).toContain('<svg');
      expect(enrolUrl).toContain(`/enrol?code=${code}`);
      const typed = code.toLowerCase().replace('-', ' ');
      const enrol = await app.inject({ method: 'POST', url: '/v1/devices/enrol', payload: { code: typed, deviceLabel: 'Olena phone' } });
      expect(enrol.statusCode).toBe(200);
      expect(enrol.json()).toMatchObject({ user: { id: volunteerId, role: 'volunteer', name: 'Olena' }, spaces: [{ id: spaceId }] });
      const again = await app.inject({ method: 'POST', url: '/v1/devices/enrol', payload: { code, deviceLabel: 'thief' } });
      expect(again.statusCode).toBe(401);
      expect(again.json()).toMatchObject({ error: { code: 'invalid_code' } });
      const devices = await app.inject({ method: 'GET', url: '/v1/devices', headers: session.auth });
      expect(devices.json<{ devices: { label: string }[] }>().devices.map((d) => d.label)).toContain('Olena phone');
    });

    it('refuses an expired enrolment code', async () => {
      const past = await makeApp(database, { now: () => new Date(Date.now() - 11 * 60_000) });
      const { session, spaceId } = await makeCoordinator(past, database);
      const volunteer = await past.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/volunteers`, headers: session.auth, payload: { name: 'Late' } });
      const volunteerId = volunteer.json<{ volunteer: { id: string } }>().volunteer.id;
      // The coordinator's token was issued 11 minutes ago and is still valid for 4 more.
      const codeRes = await past.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/enrolment-codes`, headers: session.auth, payload: { volunteerId } });
      const enrol = await app.inject({ method: 'POST', url: '/v1/devices/enrol', payload: { code: codeRes.json<{ code: string }>().code, deviceLabel: 'late' } });
      expect(enrol.statusCode).toBe(401);
      expect(enrol.json()).toMatchObject({ error: { code: 'invalid_code' } });
      await past.close();
    });

    it('keeps coordinators to their own spaces and volunteers out of coordinator endpoints', async () => {
      const one = await makeCoordinator(app, database);
      const two = await makeCoordinator(app, database);
      const volunteer = await enrolVolunteer(app, one.session, one.spaceId);
      const cross = await app.inject({ method: 'POST', url: `/v1/spaces/${one.spaceId}/volunteers`, headers: two.session.auth, payload: { name: 'Spy' } });
      expect(cross.statusCode).toBe(403);
      expect(cross.json()).toMatchObject({ error: { code: 'forbidden' } });
      const asVolunteer = await app.inject({ method: 'GET', url: '/v1/devices', headers: volunteer.auth });
      expect(asVolunteer.statusCode).toBe(403);
      const revokeOther = await app.inject({ method: 'POST', url: `/v1/devices/${volunteer.deviceId}/revoke`, headers: two.session.auth });
      expect(revokeOther.statusCode).toBe(404);
      const spaces = await app.inject({ method: 'GET', url: '/v1/spaces', headers: two.session.auth });
      expect(spaces.json<{ spaces: { id: string }[] }>().spaces.map((s) => s.id)).toEqual([two.spaceId]);
    });

    it('answers bad bodies with 400 and oversized ones with 413', async () => {
      const malformed = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"login":' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: { code: 'invalid_request' } });
      const wrongTypes = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login: 5, password: [], deviceLabel: null } });
      expect(wrongTypes.statusCode).toBe(400);
      const huge = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login: 'x', password: 'y'.repeat(20_000), deviceLabel: 'z' } });
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ error: { code: 'body_too_large' } });
      const text = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
      expect(text.statusCode).toBe(415);
    });
  });
});

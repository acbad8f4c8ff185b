// Rate limits that cannot be dodged or turned against people: only the configured proxies are believed,
// a lockout is keyed on login and address, the counts live in the database (shared by every server
// process), and one device's pushes per minute are bounded.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy, type TrustProxy } from '../config.ts';
import { DATABASES, openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { enrolVolunteer, inquiryMutation, makeApp, makeCoordinator, PASSWORD } from '../test-support/fixtures.ts';

describe('RODYNA_TRUST_PROXY', () => {
  it('is a hop count or a list of proxy addresses, never every hop', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => parseTrustProxy('true')).toThrow(/hops or a list/);
  });
});

describe.each(DATABASES)('rate limits on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    const apps: FastifyInstance[] = [];
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    }, 240_000);
    afterAll(async () => {
      await Promise.all(apps.map((a) => a.close()));
      await database?.close();
    });
    async function app(deps: Parameters<typeof makeApp>[1]): Promise<FastifyInstance> {
      const made = await makeApp(database, deps);
      apps.push(made);
      return made;
    }
    const signIn = (on: FastifyInstance, login: string, password: string, from: { remoteAddress?: string; forwarded?: string } = {}) =>
      on.inject({
        method: 'POST', url: '/v1/auth/sign-in', remoteAddress: from.remoteAddress ?? '127.0.0.1',
        headers: from.forwarded ? { 'x-forwarded-for': from.forwarded } : {},
        payload: { login, password, deviceLabel: 'laptop' },
      });

    it('believes only the configured proxy: a forged X-Forwarded-For picks no new address', async () => {
      const configs: TrustProxy[] = [1, ['10.0.0.1']];
      for (const trustProxy of configs) {
        const behind = await app({ trustProxy, limits: { authPerMinute: 3 } });
        const client = `203.0.113.${apps.length}`;
        const codes: number[] = [];
        // The attacker writes any address first; the proxy appends the real one.
        for (let i = 0; i < 5; i++) codes.push((await signIn(behind, 'nobody', 'wrong', { remoteAddress: '10.0.0.1', forwarded: `198.51.100.${i}, ${client}` })).statusCode);
        expect(codes).toEqual([401, 401, 401, 429, 429]);
        const refused = await signIn(behind, 'nobody', 'wrong', { remoteAddress: '10.0.0.1', forwarded: `198.51.100.77, ${client}` });
        expect(refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        // Another real client behind the same proxy is not limited with it.
        expect((await signIn(behind, 'nobody', 'wrong', { remoteAddress: '10.0.0.1', forwarded: `198.51.100.9, 203.0.113.200` })).statusCode).toBe(401);
      }
      // Without a trusted proxy the header is ignored altogether.
      const direct = await app({ limits: { authPerMinute: 2 } });
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await signIn(direct, 'nobody', 'wrong', { remoteAddress: '192.0.2.7', forwarded: `198.51.100.${i}` })).statusCode);
      expect(codes).toEqual([401, 401, 429]);
    });

    it('locks a login out only from the address that guessed, and never refuses the right password from another', async () => {
      let now = Date.now();
      const server = await app({ limits: { authPerMinute: 1000, failuresPerLogin: 3, loginLockMinutes: 15 }, now: () => new Date(now) });
      const { login } = await makeCoordinator(server, database);
      for (let i = 0; i < 3; i++) expect((await signIn(server, login, 'wrong guess', { remoteAddress: '192.0.2.66' })).statusCode).toBe(401);
      const locked = await signIn(server, login, PASSWORD, { remoteAddress: '192.0.2.66' });
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ error: { code: 'too_many_requests' } });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      // The real coordinator, elsewhere, signs in.
      expect((await signIn(server, login, PASSWORD, { remoteAddress: '192.0.2.10' })).statusCode).toBe(200);
      // The guesser's lock ends after 15 minutes.
      now += 16 * 60_000;
      expect((await signIn(server, login, PASSWORD, { remoteAddress: '192.0.2.66' })).statusCode).toBe(200);
    });

    it('shares counts and lockouts between server processes, and stores no address or login', async () => {
      const one = await app({ limits: { authPerMinute: 2, failuresPerLogin: 2 } });
      const two = await app({ limits: { authPerMinute: 2, failuresPerLogin: 2 } });
      const codes = [
        (await signIn(one, 'shared-login', 'wrong', { remoteAddress: '192.0.2.99' })).statusCode,
        (await signIn(two, 'shared-login', 'wrong', { remoteAddress: '192.0.2.99' })).statusCode,
        (await signIn(one, 'shared-login', 'wrong', { remoteAddress: '192.0.2.99' })).statusCode,
      ];
      expect(codes).toEqual([401, 401, 429]);
      const rows = await database.db.selectFrom('rate_limit').select(['bucket', 'key']).execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toMatch(/192\.0\.2|shared-login|203\.0\.113/);
    });

    it('limits how much one device pushes per minute: 429 with Retry-After, nothing applied, then accepted', async () => {
      let now = Date.now();
      const server = await app({ limits: { pushMutationsPerMinute: 5, pushBytesPerMinute: 1024 ** 3 }, now: () => new Date(now) });
      const { session, spaceId } = await makeCoordinator(server, database);
      const device = await enrolVolunteer(server, session, spaceId);
      const push = (mutations: unknown[], who = device) => server.inject({ method: 'POST', url: '/v1/sync/push', headers: who.auth, payload: { mutations } });
      expect((await push([inquiryMutation(1), inquiryMutation(2), inquiryMutation(3)])).statusCode).toBe(200);
      const refused = await push([inquiryMutation(4), inquiryMutation(5), inquiryMutation(6)]);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const applied = await database.db.selectFrom('mutation_log').select('mutation_seq').where('device_id', '=', device.deviceId).execute();
      expect(applied).toHaveLength(3);
      // Another device is not held back by this one.
      const other = await enrolVolunteer(server, session, spaceId, 'Other');
      expect((await push([inquiryMutation(1)], other)).statusCode).toBe(200);
      now += 61_000;
      const later = await push([inquiryMutation(4), inquiryMutation(5), inquiryMutation(6)]);
      expect(later.statusCode).toBe(200);
      expect(later.json()).toMatchObject({ lastAckedSeq: 6 });
      // Bytes count too.
      const small = await app({ limits: { pushMutationsPerMinute: 1000, pushBytesPerMinute: 6000 } });
      const bytesDevice = await enrolVolunteer(small, session, spaceId, 'Bytes');
      const big = (seq: number) => small.inject({ method: 'POST', url: '/v1/sync/push', headers: bytesDevice.auth, payload: { mutations: [inquiryMutation(seq)] } });
      const statuses = [];
      for (let seq = 1; seq <= 6; seq++) statuses.push((await big(seq)).statusCode);
      expect(statuses).toContain(429);
      expect(statuses[0]).toBe(200);
    });
  });
});

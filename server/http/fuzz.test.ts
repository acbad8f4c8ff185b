// Hostile and malformed input: every answer is 4xx (or 200 with the mutation rejected), never 5xx,
// and no record, history row or conflict changes.
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { enrolVolunteer, inquiryMutation, makeApp, makeCoordinator, type Session } from '../test-support/fixtures.ts';

const ENDPOINTS = [
  '/v1/sync/push', '/v1/sync/pull', '/v1/auth/sign-in', '/v1/auth/token', '/v1/devices/enrol', '/v1/spaces',
] as const;

describe.each(DATABASES)('hostile input on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let volunteer: Session;
    let other: Session;
    let victimId: string;
    let otherSpaceId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      app = await makeApp(database);
      const one = await makeCoordinator(app, database);
      volunteer = await enrolVolunteer(app, one.session, one.spaceId);
      const two = await makeCoordinator(app, database);
      other = await enrolVolunteer(app, two.session, two.spaceId);
      otherSpaceId = two.spaceId;
      const m = inquiryMutation(1);
      victimId = m.args.inquiry.id;
      await app.inject({ method: 'POST', url: '/v1/sync/push', headers: other.auth, payload: { mutations: [m] } });
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    async function snapshot(): Promise<string> {
      const records = await database.db.selectFrom('record').select(['type', 'id', 'version', 'deleted']).orderBy('id').execute();
      const history = await database.db.selectFrom('record_history').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const conflicts = await database.db.selectFrom('conflict').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return JSON.stringify({ records, history: history.n, conflicts: conflicts.n });
    }

    it('answers random JSON bodies on every endpoint with 4xx', async () => {
      const before = await snapshot();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ENDPOINTS), fc.jsonValue({ maxDepth: 4 }), fc.boolean(), async (url, body, authed) => {
          const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(authed ? volunteer.auth : {}) }, payload: JSON.stringify(body) });
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.json()).toHaveProperty('error.code');
        }),
        { numRuns: 150 },
      );
      expect(await snapshot()).toBe(before);
    }, 120_000);

    it('never applies hostile mutations', async () => {
      const before = await snapshot();
      const push = (mutations: unknown, extra: Record<string, unknown> = {}, session = volunteer) =>
        app.inject({ method: 'POST', url: '/v1/sync/push', headers: session.auth, payload: { mutations, ...extra } });
      const good = inquiryMutation(1);
      const cases: { name: string; res: Awaited<ReturnType<typeof push>>; status: number[] }[] = [
        { name: 'unknown mutation', res: await push([{ ...good, name: 'dropDatabase' }]), status: [400] },
        { name: 'seq as string', res: await push([{ ...good, mutationSeq: '1' }]), status: [400] },
        { name: 'negative seq', res: await push([{ ...good, mutationSeq: -1 }]), status: [400] },
        { name: 'not a uuid', res: await push([{ ...good, mutationId: "1'; drop table record; --" }]), status: [400] },
        { name: 'too many', res: await push(Array.from({ length: 501 }, (_, i) => inquiryMutation(i + 1))), status: [400] },
        { name: 'empty batch', res: await push([]), status: [400] },
        { name: 'gappy batch', res: await push([inquiryMutation(1), inquiryMutation(3)]), status: [400] },
        { name: "another device's id", res: await push([good], { deviceId: other.deviceId }), status: [403] },
        { name: 'no token', res: await app.inject({ method: 'POST', url: '/v1/sync/push', payload: { mutations: [good] } }), status: [401] },
        { name: 'forged token', res: await app.inject({ method: 'POST', url: '/v1/sync/push', headers: { authorization: `Bearer ${volunteer.accessToken.slice(0, -4)}AAAA` }, payload: { mutations: [good] } }), status: [401] },
        { name: 'oversized body', res: await app.inject({ method: 'POST', url: '/v1/sync/push', headers: { ...volunteer.auth, 'content-type': 'application/json' }, payload: JSON.stringify({ mutations: [{ ...good, args: { pad: 'x'.repeat(1_100_000) } }] }) }), status: [413] },
        { name: 'deep nesting', res: await app.inject({ method: 'POST', url: '/v1/sync/push', headers: { ...volunteer.auth, 'content-type': 'application/json' }, payload: `{"mutations":[{"mutationSeq":1,"mutationId":"${randomUUID()}","name":"patchRecord","args":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}` }), status: [200, 400] },
        { name: 'pull cursor number', res: await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: volunteer.auth, payload: { cursor: 5 } }), status: [400] },
        { name: 'pull cursor negative', res: await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: volunteer.auth, payload: { cursor: '-1' } }), status: [400] },
        { name: 'pull cursor huge', res: await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: volunteer.auth, payload: { cursor: '99999999999999999999999' } }), status: [400] },
        { name: 'pull limit huge', res: await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: volunteer.auth, payload: { cursor: '0', limit: 100000 } }), status: [400] },
        { name: 'history of bad type', res: await app.inject({ method: 'GET', url: `/v1/records/user/${randomUUID()}/history`, headers: volunteer.auth }), status: [400, 403] },
        { name: 'conflict id not uuid', res: await app.inject({ method: 'POST', url: '/v1/conflicts/xyz/resolve', headers: volunteer.auth, payload: { choice: 'kept' } }), status: [400, 403] },
      ];
      for (const c of cases) {
        expect(c.status, `${c.name}: ${c.res.statusCode} ${c.res.body.slice(0, 200)}`).toContain(c.res.statusCode);
      }
      // Envelope fine, arguments hostile: answered 200, each mutation rejected and acknowledged.
      const victimPatch = { type: 'inquiry', id: victimId, baseVersion: 1, patch: { notes: 'pwned' } };
      const hostile = [
        { name: 'createInquiry', args: { ...good.args, inquiry: { ...good.args.inquiry, notes: 'x'.repeat(200_000) } } },
        { name: 'createInquiry', args: { ...good.args, familyContact: { ...good.args.familyContact, surname: 42 } } },
        { name: 'createInquiry', args: { ...good.args, spaceId: otherSpaceId } },
        { name: 'createInquiry', args: { ...good.args, inquiry: { ...good.args.inquiry, id: victimId } } },
        { name: 'patchRecord', args: victimPatch },
        { name: 'patchRecord', args: { ...victimPatch, patch: { id: randomUUID() } } },
        { name: 'patchRecord', args: { ...victimPatch, patch: { __proto__: { admin: true } } } },
        { name: 'patchRecord', args: { ...victimPatch, type: 'app_user' } },
        { name: 'deleteRecord', args: { type: 'inquiry', id: victimId, baseVersion: 1, reason: 'gone' } },
        { name: 'patchRecord', args: null },
      ].map((m, i) => ({ mutationSeq: i + 1, mutationId: randomUUID(), ...m }));
      const res = await push(hostile);
      expect(res.statusCode).toBe(200);
      const results = res.json<{ results: { result: string }[] }>().results;
      expect(results.map((r) => r.result)).toEqual(hostile.map(() => 'rejected'));
      expect(await snapshot()).toBe(before);
    }, 120_000);
  });
});

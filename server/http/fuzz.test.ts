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

// ----- every route, with what PostgreSQL cannot store, what is huge and ids in upper case -----

/** Hostile strings: NUL, lone surrogates, control and bidi characters, huge, upper-case ids, SQL. */
const HOSTILE_STRINGS = [
  '\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF', '\u202Eevil', 'zero\u200Bwidth', '\uFEFF', '\u0085',
  'x'.repeat(20_000), randomUUID().toUpperCase(), `${randomUUID()}\u0000`, "'; drop table record; --", '', ' ',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }));
const hostileParam = fc.oneof(hostileString, fc.constantFrom('%00', '%ED%A0%80', '%C0%80', '%FF', '%'));
const hostileValue = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 }), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));
/** Field names the endpoints read, so hostile values reach the handlers' own checks and the database. */
const FIELDS = ['login', 'password', 'deviceLabel', 'code', 'name', 'deviceId', 'refreshSecret', 'volunteerId', 'cursor', 'limit', 'choice', 'value', 'reason', 'retentionDays', 'spaceId', 'status'];

/** The routes Fastify registered, read from its own route tree, so a new route is fuzzed without listing it here. */
export function registeredRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[└├]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const full = depth === 0 ? match[2]! : `${parent.replace(/\/$/, '')}${match[2]!.startsWith('/') ? '' : '/'}${match[2]}`;
    stack[depth] = full;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) routes.push({ method, path: full });
  }
  return routes.filter((r) => r.path.startsWith('/v1') && r.method !== 'HEAD');
}

/** Sends requests and returns those answered 5xx (or without `Cache-Control: no-store`). */
async function probe(app: FastifyInstance, requests: { method: string; url: string; headers?: Record<string, string>; payload?: string }[]): Promise<string[]> {
  const problems: string[] = [];
  for (const req of requests) {
    const res = await app.inject({ method: req.method as 'GET', url: req.url, headers: { 'content-type': 'application/json', ...req.headers }, ...(req.payload === undefined ? {} : { payload: req.payload }) });
    const where = `${req.method} ${req.url.slice(0, 80)} ${(req.payload ?? '').slice(0, 120)}`;
    if (res.statusCode >= 500) problems.push(`${res.statusCode} ${where}`);
    if (res.headers['cache-control'] !== 'no-store') problems.push(`cache-control ${String(res.headers['cache-control'])} on ${where}`);
  }
  return problems;
}

/** Percent-encodes every byte (encodeURIComponent throws on a lone surrogate); also raw invalid sequences. */
const RAW_URL_PARTS = ['%00', '%ED%A0%80', '%C0%80', '%FF', '%'];
function enc(value: string): string {
  if (RAW_URL_PARTS.includes(value)) return value;
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function fill(path: string, value: string): string {
  return path.replace(/:[A-Za-z]+/g, () => enc(value));
}

describe.each(DATABASES)('every route with hostile text on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let coordinator: Session;
    let volunteer: Session;
    let spaceId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      app = await makeApp(database);
      const one = await makeCoordinator(app, database);
      coordinator = one.session;
      spaceId = one.spaceId;
      volunteer = await enrolVolunteer(app, coordinator, spaceId);
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it('finds the registered routes', () => {
      const routes = registeredRoutes(app).map((r) => `${r.method} ${r.path}`);
      expect(routes).toEqual(expect.arrayContaining(['POST /v1/sync/push', 'POST /v1/auth/sign-in', 'POST /v1/spaces/:spaceId/volunteers', 'GET /v1/records/:type/:id/history', 'PATCH /v1/spaces/:spaceId']));
    });

    it('answers NUL, lone surrogates, huge and upper-case values on every route without a 5xx', async () => {
      const routes = registeredRoutes(app);
      const statuses = new Map<string, Set<number>>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes), fc.constantFrom('none', 'volunteer', 'coordinator'), hostileParam,
          fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 5 }), fc.boolean(),
          async (route, who, param, fields, realSpace) => {
            // Signing out would end the fuzz's own sessions: that route is fuzzed without a token.
            const session = route.path === '/v1/auth/sign-out' ? undefined : who === 'volunteer' ? volunteer : who === 'coordinator' ? coordinator : undefined;
            const path = realSpace ? fill(route.path.replace(':spaceId', spaceId), param) : fill(route.path, param);
            const query = route.method === 'GET' ? `?status=${enc(param)}&spaceId=${enc(param)}&cursor=${enc(param)}` : '';
            const body = route.method === 'GET' ? undefined : JSON.stringify(route.path === '/v1/sync/push' ? { mutations: [{ mutationSeq: 1, mutationId: param, name: 'patchRecord', args: fields }] } : fields);
            const res = await app.inject({ method: route.method as 'GET', url: path + query, headers: { 'content-type': 'application/json', ...(session?.auth ?? {}) }, ...(body === undefined ? {} : { payload: body }) });
            const key = `${route.method} ${route.path}`;
            statuses.set(key, (statuses.get(key) ?? new Set()).add(res.statusCode));
            expect(res.statusCode, `${key} ${path.slice(0, 80)} ${body?.slice(0, 200)}`).toBeLessThan(500);
            expect(res.headers['cache-control']).toBe('no-store');
          },
        ),
        { numRuns: 400 },
      );
      // The fuzz got past authentication: some answers came from the handlers' own checks.
      expect([...statuses.values()].some((s) => [...s].some((code) => code !== 401 && code !== 403))).toBe(true);
    }, 240_000);

    it('answers hostile text in each named place with 4xx or a rejected mutation', async () => {
      ({ session: coordinator, spaceId } = await makeCoordinator(app, database));
      const requests: Parameters<typeof probe>[1] = [];
      for (const bad of HOSTILE_STRINGS.filter((s) => s.trim() && !/^[0-9A-F-]{36}$/.test(s))) {
        requests.push(
          { method: 'POST', url: '/v1/auth/sign-in', payload: JSON.stringify({ login: bad, password: bad, deviceLabel: bad }) },
          { method: 'POST', url: '/v1/devices/enrol', payload: JSON.stringify({ code: bad, deviceLabel: bad }) },
          { method: 'POST', url: '/v1/auth/token', payload: JSON.stringify({ deviceId: bad, refreshSecret: bad }) },
          { method: 'POST', url: `/v1/spaces/${spaceId}/volunteers`, headers: coordinator.auth, payload: JSON.stringify({ name: bad }) },
          { method: 'POST', url: '/v1/spaces', headers: coordinator.auth, payload: JSON.stringify({ name: bad }) },
          { method: 'PATCH', url: `/v1/spaces/${spaceId}`, headers: coordinator.auth, payload: JSON.stringify({ name: bad }) },
          { method: 'GET', url: `/v1/conflicts?status=open&spaceId=${enc(bad)}`, headers: coordinator.auth },
          { method: 'GET', url: `/v1/${enc(bad)}/${'y'.repeat(300)}`, headers: coordinator.auth },
        );
      }
      expect(await probe(app, requests)).toEqual([]);
      // Names with control or bidirectional characters are refused, not stored.
      for (const bad of ['\u202Eevil', 'zero\u200Bwidth', 'tab\there', 'a\u0000b']) {
        const res = await app.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/volunteers`, headers: coordinator.auth, payload: { name: bad } });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
      }
      const label = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login: 'someone', password: 'x', deviceLabel: 'phone\u2066' } });
      expect(label.json()).toMatchObject({ error: { code: 'invalid_request', issues: [{ path: 'deviceLabel', message: 'errors.controlChars' }] } });
      const volunteers = await database.db.selectFrom('app_user').select('name').execute();
      expect(volunteers.some((v) => ['\u0000', '\u200B', '\u202E'].some((c) => v.name.includes(c)))).toBe(false);
    }, 120_000);

    it('answers an unknown long path under /v1/ with 404 not_found', async () => {
      for (const url of [`/v1/${'a'.repeat(300)}`, `/v1/records/inquiry/${'a'.repeat(300)}/history`, `/v1/spaces/${'b'.repeat(200)}/volunteers`, '/v1/no/such/thing']) {
        const res = await app.inject({ method: 'GET', url, headers: coordinator.auth });
        expect(res.statusCode, url).toBe(404);
        expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('control: the same probe reports a route that fails on a NUL, and the failure is logged without the body', async () => {
      const { serverErrorLog } = await import('../log.ts');
      const lines: Record<string, unknown>[] = [];
      const write = serverErrorLog.write;
      serverErrorLog.write = (entry) => lines.push(entry);
      const fragile = await makeApp(database);
      // A handler that trusts its input, as an unguarded one would: it fails on the first NUL it meets.
      fragile.post('/v1/test/fragile', async (request) => {
        if (JSON.stringify(request.body).includes('\\u0000')) throw new Error('cannot store Секретенко');
        return { ok: true };
      });
      try {
        const problems = await probe(fragile, [
          { method: 'POST', url: '/v1/test/fragile', payload: JSON.stringify({ name: 'fine' }) },
          { method: 'POST', url: '/v1/test/fragile', payload: JSON.stringify({ name: 'Секретенко\u0000' }) },
        ]);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^500 POST \/v1\/test\/fragile/);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatchObject({ level: 'error', method: 'POST', route: '/v1/test/fragile', status: 500, error: 'Error' });
        expect(JSON.stringify(lines)).not.toContain('Секретенко');
      } finally {
        serverErrorLog.write = write;
        await fragile.close();
      }
    });
  });
});

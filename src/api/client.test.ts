// The typed client against the real server, in process (as src/sync/api.test.ts): real Dexie over
// fake-indexeddb holds the enrolment, real Fastify on embedded PGlite answers through the same endpoint
// definitions. Only the network edge (fetch) is replaced by inject, or by a broken answer on purpose.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { API } from '@schema/api.ts';
import { openTestDatabase, type TestDatabase } from '../../server/test-support/databases.ts';
import { makeApp, makeCoordinator, type Session } from '../../server/test-support/fixtures.ts';
import { saveEnrolment } from '@/db/device.ts';
import { freshUnlockedDb } from '@/db/test-support.ts';
import { ApiError, NetworkError, forgetAccessToken } from '@/sync/api.ts';
import { call } from './client.ts';
import { apiErrorCode } from './errors.ts';

let database: TestDatabase;
let app: FastifyInstance;
let coordinator: Session;
let spaceId: string;
/** Every request the server saw: method, URL, whether it carried a token, and its body. */
const seen: { method: string; url: string; hasToken: boolean; body: string | null }[] = [];
const serverFetch: typeof fetch = async (input, init) => {
  const method = (init?.method ?? 'GET') as HTTPMethods;
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  seen.push({ method, url: String(input), hasToken: 'authorization' in headers, body: init?.body ? String(init.body) : null });
  const response = await app.inject({ method, url: String(input), headers, ...(init?.body ? { payload: String(init.body) } : {}) });
  return new Response(response.body || null, { status: response.statusCode, headers: { 'content-type': 'application/json' } });
};

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  app = await makeApp(database);
  ({ session: coordinator, spaceId } = await makeCoordinator(app, database, { spaceName: 'Суми' }));
});

afterAll(async () => {
  await app.close();
  await database.close();
});

beforeEach(async () => {
  globalThis.fetch = serverFetch;
  await freshUnlockedDb();
  forgetAccessToken();
  await saveEnrolment(coordinator);
  seen.length = 0;
});

describe('call', () => {
  it('builds each request from the definition: method, path parameters, query, JSON body and token', async () => {
    const { spaces } = await call(API.listSpaces);
    expect(spaces.map((s) => s.name)).toContain('Суми');
    const { space } = await call(API.updateSpace, { params: { spaceId }, body: { retentionDays: 30 } });
    expect(space).toMatchObject({ id: spaceId, retentionDays: 30 });
    const page = await call(API.listConflicts, { query: { status: 'all', cursor: undefined } });
    expect(page).toEqual({ conflicts: [], nextCursor: null });
    await call(API.revokeDevice, { params: { id: crypto.randomUUID() } }).catch(() => undefined);
    // The refresh of the first call, then the calls themselves, each with its definition's method and URL.
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/auth/token', 'GET /v1/spaces', `PATCH /v1/spaces/${spaceId}`, 'GET /v1/conflicts?status=all', expect.stringMatching(/^POST \/v1\/devices\/[0-9a-f-]+\/revoke$/),
    ]);
    expect(seen.slice(1).every((r) => r.hasToken)).toBe(true);
    // A GET carries no body; a POST the endpoint reads nothing of still carries JSON.
    expect(seen[1]?.body).toBeNull();
    expect(seen[4]?.body).toBe('{}');
  });

  it('answers with the status of the definition and parses the answer by it', async () => {
    const { space } = await call(API.createSpace, { body: { name: 'Харків', retentionDays: 7 } });
    expect(space).toMatchObject({ name: 'Харків', retentionDays: 7 });
    const { volunteer } = await call(API.createVolunteer, { params: { spaceId: space.id }, body: { name: 'Олена' } });
    const code = await call(API.createEnrolmentCode, { params: { spaceId: space.id }, body: { volunteerId: volunteer.id } });
    expect(code.volunteer).toEqual({ id: volunteer.id, name: 'Олена' });
    const { devices } = await call(API.listDevices);
    // Filled by the answer's schema when an older server leaves it out; this server sends it.
    expect(devices.find((d) => d.isCurrent)).toMatchObject({ wipedAt: null, quarantinedCount: 0 });
  });

  it('sends no token to a public endpoint', async () => {
    expect(await call(API.health)).toMatchObject({ ok: true });
    expect(seen).toEqual([{ method: 'GET', url: '/v1/health', hasToken: false, body: null }]);
  });

  it("fails with the server's error, the network's, or an unreadable answer, each as a code", async () => {
    const missing = await call(API.updateSpace, { params: { spaceId: crypto.randomUUID() }, body: { retentionDays: 30 } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect(apiErrorCode(missing)).toBe('not_found');
    const refused = await call(API.updateSpace, { params: { spaceId }, body: { retentionDays: 0 } }).catch((e: unknown) => e);
    expect(apiErrorCode(refused)).toBe('invalid_request');
    await call(API.listSpaces);
    globalThis.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const offline = await call(API.listSpaces).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(NetworkError);
    expect(apiErrorCode(offline)).toBe('offline');
    // Control: an answer of the wrong shape is not taken for a list of spaces.
    globalThis.fetch = async () => new Response('{"spaces":5}', { status: 200, headers: { 'content-type': 'application/json' } });
    const unreadable = await call(API.listSpaces).catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(ZodError);
    expect(apiErrorCode(unreadable)).toBe('bad_response');
  });

  it('refuses, when compiled, a call that does not fit its definition', () => {
    // Never run: `npx tsc` checks each line fails to compile (an unused @ts-expect-error is itself an error).
    const notRun = () => {
      // @ts-expect-error updateSpace needs the space's id in params.
      void call(API.updateSpace, { body: { retentionDays: 3 } });
      // @ts-expect-error listSpaces takes no request.
      void call(API.listSpaces, { body: {} });
      // @ts-expect-error a resolution's choice is one of kept, proposed or value.
      void call(API.resolveConflict, { params: { id: 'x' }, body: { choice: 'mine' } });
      // @ts-expect-error the query's status is one of the list's filters.
      void call(API.listQuarantined, { query: { status: 'everything' } });
    };
    expect(typeof notRun).toBe('function');
  });
});

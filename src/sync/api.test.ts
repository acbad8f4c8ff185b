// The HTTP client against the real server, in process: real Dexie over fake-indexeddb holds the enrolment,
// real Fastify on embedded PGlite answers. Only the network edge (fetch) is replaced by inject.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spaceSummarySchema } from '@schema/protocol.ts';
import { openTestDatabase, type TestDatabase } from '../../server/test-support/databases.ts';
import { makeApp, makeCoordinator, type Session } from '../../server/test-support/fixtures.ts';
import { saveEnrolment } from '@/db/device.ts';
import { freshUnlockedDb } from '@/db/test-support.ts';
import { ApiError, NetworkError, authedCall, forgetAccessToken, setAccessToken } from './api.ts';

let database: TestDatabase;
let app: FastifyInstance;
let coordinator: Session;
let spaceId: string;
/** Every request the server saw, so a test can tell which method a call really used. */
const seen: { method: string; url: string }[] = [];

const spaceAnswer = z.object({ space: spaceSummarySchema });
const spacesAnswer = z.object({ spaces: z.array(spaceSummarySchema) });

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  app = await makeApp(database);
  ({ session: coordinator, spaceId } = await makeCoordinator(app, database, { spaceName: 'Суми' }));
  globalThis.fetch = async (input, init) => {
    const method = (init?.method ?? 'GET') as HTTPMethods;
    seen.push({ method, url: String(input) });
    const response = await app.inject({
      method,
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.body ? { payload: String(init.body) } : {}),
    });
    return new Response(response.body || null, { status: response.statusCode, headers: { 'content-type': 'application/json' } });
  };
});

afterAll(async () => {
  await app.close();
  await database.close();
});

beforeEach(async () => {
  await freshUnlockedDb();
  forgetAccessToken();
  await saveEnrolment(coordinator);
  seen.length = 0;
});

const spacePath = () => `/v1/spaces/${spaceId}`;

describe('authedCall', () => {
  it('sends GET without a body and POST with one, as before', async () => {
    const listed = await authedCall('/v1/spaces', undefined, spacesAnswer);
    expect(listed.spaces.map((s) => s.id)).toContain(spaceId);
    const created = await authedCall('/v1/spaces', { name: 'Харків', retentionDays: 7 }, spaceAnswer);
    expect(created.space).toMatchObject({ name: 'Харків', retentionDays: 7 });
    expect(seen.filter((r) => r.url.startsWith('/v1/spaces')).map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('sends PATCH when asked and returns the parsed answer', async () => {
    const answer = await authedCall(spacePath(), { retentionDays: 30 }, spaceAnswer, { method: 'PATCH' });
    expect(answer.space).toEqual({ id: spaceId, name: 'Суми', retentionDays: 30 });
    expect(seen.at(-1)).toEqual({ method: 'PATCH', url: spacePath() });
    const listed = await authedCall('/v1/spaces', undefined, spacesAnswer);
    expect(listed.spaces.find((s) => s.id === spaceId)?.retentionDays).toBe(30);
  });

  it('turns a refused PATCH into an ApiError with the server’s code', async () => {
    const refused = authedCall(spacePath(), { retentionDays: 0 }, spaceAnswer, { method: 'PATCH' });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    const missing = authedCall(`/v1/spaces/${crypto.randomUUID()}`, { retentionDays: 30 }, spaceAnswer, { method: 'PATCH' });
    await expect(missing).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('gets a new access token after a 401 and repeats the call with the same method', async () => {
    // A token the server does not accept stands for one that expired on the server's clock.
    setAccessToken('not.a.valid.token', 900);
    const answer = await authedCall(spacePath(), { name: 'Суми, вокзал' }, spaceAnswer, { method: 'PATCH' });
    expect(answer.space.name).toBe('Суми, вокзал');
    expect(seen.map((r) => r.method)).toEqual(['PATCH', 'POST', 'PATCH']);
    expect(seen[1]?.url).toBe('/v1/auth/token');
  });

  it('reports an unreachable server as a NetworkError', async () => {
    setAccessToken(coordinator.accessToken, 900);
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      await expect(authedCall(spacePath(), { retentionDays: 30 }, spaceAnswer, { method: 'PATCH' })).rejects.toBeInstanceOf(NetworkError);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('refuses a GET with a body before sending anything', async () => {
    setAccessToken(coordinator.accessToken, 900);
    await expect(authedCall('/v1/spaces', { name: 'x' }, spacesAnswer, { method: 'GET' })).rejects.toThrow(TypeError);
    expect(seen).toEqual([]);
  });
});

// The server's routes and the endpoint definitions (schema/api.ts) are the same list: every route under
// /v1/ is registered from a definition (by route.ts, with the definition's method and path), and no
// definition lacks its route. Controls show each check fails on a stray route, a missing route, an
// answer that drifted from its definition and a handler that skipped its validation.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API, type Endpoint } from '../../schema/api.ts';
import { DEFAULT_LIMITS } from '../app.ts';
import { TokenKeyRing } from '../auth/token-keys.ts';
import { TokenService } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { makeApp } from '../test-support/fixtures.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerEraseRoute } from './erase-route.ts';
import { installErrorHandler } from './errors.ts';
import { route, type RouteHandler } from './route.ts';
import { registerSyncRoutes } from './sync-routes.ts';

interface RouteSeen {
  method: string;
  path: string;
}

/**
 * Every method and path an app serves, read from Fastify's own route tree (`printRoutes`), so a route
 * registered any way at all is seen. HEAD is Fastify's automatic twin of each GET.
 */
function routesOf(app: FastifyInstance): RouteSeen[] {
  const seen: RouteSeen[] = [];
  const pathAt: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[└├]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (pathAt[depth - 1] ?? '') + (match[2] ?? '');
    pathAt.length = depth;
    pathAt[depth] = path;
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) seen.push({ method, path });
  }
  return seen;
}

/** The API's routes that have no definition, and the definitions that have no route. */
function compare(routes: RouteSeen[], definitions: readonly Endpoint[]): { undefinedRoutes: string[]; missingRoutes: string[] } {
  const key = (r: RouteSeen) => `${r.method} ${r.path}`;
  const served = new Set(routes.filter((r) => r.path === '/v1' || r.path.startsWith('/v1/')).map(key));
  const defined = new Set(definitions.map(key));
  return { undefinedRoutes: [...served].filter((k) => !defined.has(k)).sort(), missingRoutes: [...defined].filter((k) => !served.has(k)).sort() };
}

const DEFINITIONS: Endpoint[] = Object.values(API);

describe('routes and endpoint definitions', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await makeApp(database);
    await app.ready();
    ctx = { db: database.db, dbKind: database.kind, tokens: new TokenService(TokenKeyRing.ephemeral()), now: () => new Date(), limits: DEFAULT_LIMITS };
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('serves every definition, and nothing under /v1/ that is not one', () => {
    const routes = routesOf(app);
    // The tree was read at all: the static pages' catch-all aside, the API's routes are there.
    expect(routes.length).toBeGreaterThanOrEqual(DEFINITIONS.length);
    expect(compare(routes, DEFINITIONS)).toEqual({ undefinedRoutes: [], missingRoutes: [] });
  });

  it('control: a route without a definition and a definition without a route are both found', async () => {
    const stray = Fastify();
    route(stray, ctx, API.health, async () => ({ ok: true, db: 'pglite' }));
    stray.get('/v1/stray', async () => ({ ok: true }));
    await stray.ready();
    const found = compare(routesOf(stray), DEFINITIONS);
    await stray.close();
    expect(found.undefinedRoutes).toEqual(['GET /v1/stray']);
    expect(found.missingRoutes).toEqual(DEFINITIONS.filter((d) => d !== API.health).map((d) => `${d.method} ${d.path}`).sort());
  });

  it('registers each route module through route.ts, tagged with its definition', async () => {
    const tagged: { method: string; url: string; endpoint: string | undefined }[] = [];
    const fresh = Fastify();
    fresh.addHook('onRoute', (options) => {
      for (const method of [options.method].flat()) if (method !== 'HEAD') tagged.push({ method, url: options.url, endpoint: options.config?.endpoint });
    });
    route(fresh, ctx, API.health, async () => ({ ok: true, db: ctx.dbKind }));
    await registerAuthRoutes(fresh, ctx);
    await registerAdminRoutes(fresh, ctx);
    await registerSyncRoutes(fresh, ctx);
    await registerEraseRoute(fresh, ctx);
    await fresh.close();
    expect(tagged.filter((r) => r.endpoint === undefined)).toEqual([]);
    const byName = new Map<string, Endpoint>(Object.entries(API));
    for (const r of tagged) {
      const definition = byName.get(r.endpoint ?? '');
      expect(definition && `${definition.method} ${definition.path}`).toBe(`${r.method} ${r.url}`);
    }
    expect(tagged.map((r) => r.endpoint).sort()).toEqual(Object.keys(API).sort());
  });

  describe('what route.ts checks', () => {
    /** An app with one route from the `health` definition, answering what `answer` gives. */
    async function appAnswering(handler: RouteHandler<typeof API.health>): Promise<FastifyInstance> {
      const one = Fastify();
      installErrorHandler(one);
      route(one, ctx, API.health, handler);
      await one.ready();
      return one;
    }

    it('answers 500 for an answer that drifted from its definition (under test), and 200 for the right one', async () => {
      // @ts-expect-error the answer is wrong on purpose: `db` must be text.
      const drifted = await appAnswering(async () => ({ ok: true, db: 5 }));
      expect((await drifted.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(500);
      await drifted.close();
      const right = await appAnswering(async () => ({ ok: true, db: 'pglite' }));
      const answer = await right.inject({ method: 'GET', url: '/v1/health' });
      await right.close();
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ ok: true, db: 'pglite' });
    });

    it('answers 500 when a handler never validated the body its definition has; 400 for a bad one it did', async () => {
      const erase = API.erase;
      const make = async (readsBody: boolean) => {
        const one = Fastify();
        installErrorHandler(one);
        route(one, ctx, erase, async ({ body }) => {
          if (readsBody) body();
          return { ok: true };
        });
        await one.ready();
        return one;
      };
      const skipping = await make(false);
      expect((await skipping.inject({ method: 'POST', url: '/v1/erase', payload: {} })).statusCode).toBe(500);
      await skipping.close();
      const reading = await make(true);
      expect((await reading.inject({ method: 'POST', url: '/v1/erase', payload: {} })).statusCode).toBe(200);
      const bad = await reading.inject({ method: 'POST', url: '/v1/erase', payload: { all: true } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'invalid_request' } });
      await reading.close();
    });

    it('refuses to register a definition that is not in API', () => {
      const copy = { ...API.health, answer: z.object({ ok: z.boolean(), db: z.string() }) };
      expect(() => route(Fastify(), ctx, copy, async () => ({ ok: true, db: 'x' }))).toThrow(/not in schema\/api\.ts/);
    });
  });
});

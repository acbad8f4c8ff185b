// Builds the Fastify application from its dependencies (database, clock, limits) without listening,
// so tests drive it with `app.inject` and main.ts serves it.
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { API } from '../schema/api.ts';
import { MAX_BODY_BYTES, MAX_PUSH_BODY_BYTES } from '../schema/protocol.ts';
import { TokenKeyRing } from './auth/token-keys.ts';
import { TokenService } from './auth/tokens.ts';
import type { TrustProxy } from './config.ts';
import type { AppContext, AppLimits } from './context.ts';
import type { DatabaseKind } from './db/open.ts';
import type { Database } from './db/types.ts';
import { registerAdminRoutes } from './http/admin-routes.ts';
import { registerAuthRoutes } from './http/auth-routes.ts';
import { registerEraseRoute } from './http/erase-route.ts';
import { errorBody, installErrorHandler } from './http/errors.ts';
import { route } from './http/route.ts';
import { registerStatic } from './http/static.ts';
import { registerSyncRoutes } from './http/sync-routes.ts';
import { DEFAULT_QUARANTINE_LIMITS } from './sync/quarantine.ts';

export interface AppDeps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  /** Folder of the built PWA; omitted in API-only tests. */
  distDir?: string;
  logger?: boolean;
  now?: () => Date;
  limits?: Partial<AppLimits>;
  /** The signing keys (from the key file or RODYNA_TOKEN_SECRET); a fresh in-memory key when omitted (tests). */
  tokenKeys?: TokenKeyRing;
  trustProxy?: TrustProxy;
}

export const DEFAULT_LIMITS: AppLimits = {
  authPerMinute: 20, failuresPerLogin: 10, loginLockMinutes: 15, pushMutationsPerMinute: 2000, pushBytesPerMinute: 8 * 1024 * 1024,
  pushBodyBytes: MAX_PUSH_BODY_BYTES,
  ...DEFAULT_QUARANTINE_LIMITS,
};

/** A hop count as proxy-addr's trust function: the socket and the next `hops - 1` addresses are proxies. */
function trustProxyOption(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    // Behind a reverse proxy (RODYNA_TRUST_PROXY) rate limits see the client address; only the configured
    // hops or addresses are believed, never every hop (server/config.ts).
    trustProxy: trustProxyOption(deps.trustProxy ?? false),
    // The router's own refusals, in the API's error shape: an over-long path segment cannot name anything.
    frameworkErrors: (error, _request, frameworkReply) => {
      // The framework types this reply without status codes; it is an ordinary reply.
      const reply = frameworkReply as unknown as FastifyReply;
      reply.header('Cache-Control', 'no-store');
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.code(404).send(errorBody('not_found', 'No such endpoint or object.'));
      return reply.code(400).send(errorBody('invalid_request', 'The request is not valid.'));
    },
  });
  const ctx: AppContext = {
    db: deps.db,
    dbKind: deps.dbKind,
    tokens: new TokenService(deps.tokenKeys ?? TokenKeyRing.ephemeral(), deps.now),
    now: deps.now ?? (() => new Date()),
    limits: { ...DEFAULT_LIMITS, ...deps.limits },
  };
  installErrorHandler(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Argon2 runs in WebAssembly on the phone.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: tests and local installs run on plain http://127.0.0.1.
      },
    },
  });
  route(app, ctx, API.health, async () => ({ ok: true, db: ctx.dbKind }));
  await registerAuthRoutes(app, ctx);
  await registerAdminRoutes(app, ctx);
  await registerSyncRoutes(app, ctx);
  await registerEraseRoute(app, ctx);
  await registerStatic(app, deps.distDir);
  return app;
}

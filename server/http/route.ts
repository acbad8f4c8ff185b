// Registers a route from its definition in schema/api.ts: the method and path, the caller checked by the
// definition's access before anything else is read, its parameters, query and body validated with the
// definition's schemas (each a 400 `invalid_request` when wrong), its answer typed by the answer schema,
// sent with the definition's status, and checked against that schema under test.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { endpointName, type AnswerSent, type BodyOf, type Endpoint, type ParamsOf, type QueryOf } from '../../schema/api.ts';
import type { AppContext } from '../context.ts';
import { authenticate, requireCoordinator, type DeviceContext } from '../auth/guard.ts';
import { parseInput } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The name in schema/api.ts `API` of the definition this route was registered from. */
    endpoint?: string;
  }
}

/**
 * What a handler reads, each part validated when first asked for, so a handler keeps its order of checks
 * (which space it is, then whether the body is right). A part the definition has and the handler never
 * read is a bug: the route answers 500 instead of acting on input nobody checked.
 */
export interface RouteInput<E extends Endpoint> {
  /** The authenticated device; for a `public` endpoint there is none. */
  device: E['access'] extends 'public' ? null : DeviceContext;
  params: () => ParamsOf<E>;
  query: () => QueryOf<E>;
  body: () => BodyOf<E>;
}

export interface RouteOptions {
  /** A revoked device is still let through (its push is quarantined; its wipe confirmed). */
  allowRevoked?: boolean;
  /** Fastify's own options: a body limit, the route's config. */
  fastify?: Pick<RouteShorthandOptions, 'bodyLimit' | 'config'>;
}

export type RouteHandler<E extends Endpoint> = (input: RouteInput<E>, request: FastifyRequest, reply: FastifyReply) => Promise<AnswerSent<E>>;

/** Answers are checked against their definition under test (Vitest sets NODE_ENV=test); in service only typed, so a drift is never an outage. */
const CHECK_ANSWERS = process.env['NODE_ENV'] === 'test';

export function route<E extends Endpoint>(app: FastifyInstance, ctx: AppContext, definition: E, handler: RouteHandler<E>): void;
export function route<E extends Endpoint>(app: FastifyInstance, ctx: AppContext, definition: E, options: RouteOptions, handler: RouteHandler<E>): void;
export function route<E extends Endpoint>(app: FastifyInstance, ctx: AppContext, definition: E, ...rest: [RouteHandler<E>] | [RouteOptions, RouteHandler<E>]): void {
  const [options, handler] = rest.length === 1 ? [{}, rest[0]] : rest;
  const name = endpointName(definition);
  if (!name) throw new Error(`${definition.method} ${definition.path} is not in schema/api.ts API`);
  app.route({
    method: definition.method,
    url: definition.path,
    ...options.fastify,
    config: { ...options.fastify?.config, endpoint: name },
    handler: async (request, reply) => {
      const device = definition.access === 'public' ? null : await authenticate(ctx.db, ctx.tokens, request, { allowRevoked: options.allowRevoked === true });
      if (device && definition.access === 'coordinator') requireCoordinator(device);
      const unread = new Set<'params' | 'query' | 'body'>();
      const part = <S extends z.ZodType | undefined>(key: 'params' | 'query' | 'body', schema: S, value: () => unknown) => {
        if (schema === undefined) return () => undefined;
        unread.add(key);
        let parsed: { value: unknown } | null = null;
        return () => {
          parsed ??= { value: parseInput(schema, value()) };
          unread.delete(key);
          return parsed.value;
        };
      };
      // The parts' types follow the definition (ParamsOf<E> …); TypeScript cannot see through the generic check above.
      const input = {
        device,
        params: part('params', definition.params, () => request.params),
        query: part('query', definition.query, () => request.query),
        // An empty POST arrives as undefined: a definition that allows no body says so (`.optional()`).
        body: part('body', definition.body, () => request.body),
      } as RouteInput<E>;
      const answer = await handler(input, request, reply);
      if (unread.size > 0) throw new Error(`${name}: the handler did not validate its ${[...unread].join(', ')}`);
      if (CHECK_ANSWERS) {
        const checked = definition.answer.safeParse(answer);
        if (!checked.success) throw new Error(`${name}: the answer does not match its definition: ${checked.error.message}`);
      }
      reply.code(definition.status ?? 200);
      return answer;
    },
  });
}

// Every HTTP endpoint of the server, defined once: method, path, who may call it, the zod schemas of its
// path parameters, query and body, and of its answer. The server's routes register, validate and type
// their answers by these (server/http/route.ts); the app calls them through one typed client
// (src/api/client.ts). Every error, on every endpoint, is the envelope `errorResponseSchema`.
import { z } from 'zod';
import {
  conflictPageSchema, conflictQuerySchema, decisionAnswerSchema, deviceSchema, discardRequestSchema, enrolmentCodeRequestSchema,
  enrolmentCodeSchema, heldParamsSchema, historyParamsSchema, historySchema, idParamsSchema, okAnswerSchema, quarantinePageSchema,
  quarantineQuerySchema, resolutionSchema, resolveAnswerSchema, revokeAnswerSchema, spaceParamsSchema, volunteerSchema,
} from './admin.ts';
import {
  createSpaceRequestSchema, createVolunteerRequestSchema, enrolRequestSchema, errorResponseSchema, pullRequestSchema, pullResponseSchema,
  pushRequestSchema, pushResponseSchema, sessionResponseSchema, signInRequestSchema, spaceSummarySchema, tokenRequestSchema,
  tokenResponseSchema, updateSpaceRequestSchema, userSummarySchema,
} from './protocol.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Who may call: anyone (`public`), any enrolled device with its access token (`device`), or a
 * coordinator's device (`coordinator`). The server authenticates by it before reading anything else.
 */
export type Access = 'public' | 'device' | 'coordinator';

/** A path parameter, query or body schema; path parameters and queries are text (numbers for queries). */
type ParamsSchema = z.ZodType<unknown, Record<string, string>>;
type QuerySchema = z.ZodType<unknown, Record<string, string | number | undefined>>;

export interface Endpoint {
  method: HttpMethod;
  /** Fastify's form: `:name` for a path parameter, each one a key of `params`. */
  path: `/v1/${string}`;
  access: Access;
  params?: ParamsSchema;
  query?: QuerySchema;
  /** Absent: the endpoint reads no body (the app still sends `{}` to a POST, as JSON). */
  body?: z.ZodType;
  answer: z.ZodType;
  /** The success status; 200 unless said. */
  status?: 200 | 201;
}

/** Keeps each definition's literal types (method, access, schemas) while checking it is an Endpoint. */
const endpoint = <const E extends Endpoint>(definition: E): E => definition;

/** The one error envelope of every endpoint: `{ error: { code, message, issues? }, wipe?, … }`. */
export const errorAnswerSchema = errorResponseSchema;

// The answers without a schema of their own elsewhere.
const spacesAnswer = z.object({ spaces: z.array(spaceSummarySchema) });
const spaceAnswer = z.object({ space: spaceSummarySchema });
const meAnswer = z.object({ deviceId: z.string(), deviceLabel: z.string(), user: userSummarySchema, spaces: z.array(spaceSummarySchema) });
const emptyBody = z.strictObject({});

export const API = {
  // ----- health -----
  health: endpoint({ method: 'GET', path: '/v1/health', access: 'public', answer: z.object({ ok: z.boolean(), db: z.string() }) }),

  // ----- sessions (server/http/auth-routes.ts) -----
  signIn: endpoint({ method: 'POST', path: '/v1/auth/sign-in', access: 'public', body: signInRequestSchema, answer: sessionResponseSchema }),
  enrolDevice: endpoint({ method: 'POST', path: '/v1/devices/enrol', access: 'public', body: enrolRequestSchema, answer: sessionResponseSchema }),
  refreshToken: endpoint({ method: 'POST', path: '/v1/auth/token', access: 'public', body: tokenRequestSchema, answer: tokenResponseSchema }),
  signOut: endpoint({ method: 'POST', path: '/v1/auth/sign-out', access: 'device', answer: okAnswerSchema }),
  me: endpoint({ method: 'GET', path: '/v1/me', access: 'device', answer: meAnswer }),

  // ----- sync (server/http/sync-routes.ts) and erasing (erase-route.ts) -----
  push: endpoint({ method: 'POST', path: '/v1/sync/push', access: 'device', body: pushRequestSchema, answer: pushResponseSchema }),
  pull: endpoint({ method: 'POST', path: '/v1/sync/pull', access: 'device', body: pullRequestSchema, answer: pullResponseSchema }),
  /** A revoked device, right before erasing itself, says so (any token of it with a good signature); the body may be left out. */
  confirmWiped: endpoint({ method: 'POST', path: '/v1/devices/self/wiped', access: 'device', body: emptyBody.optional(), answer: okAnswerSchema }),
  /** Answered with Clear-Site-Data, so the browser drops the storage files too. JSON only (`{}`, never empty): another site cannot send it without a preflight. */
  erase: endpoint({ method: 'POST', path: '/v1/erase', access: 'public', body: emptyBody, answer: okAnswerSchema }),

  // ----- coordinators (server/http/admin-routes.ts) -----
  listSpaces: endpoint({ method: 'GET', path: '/v1/spaces', access: 'coordinator', answer: spacesAnswer }),
  createSpace: endpoint({ method: 'POST', path: '/v1/spaces', access: 'coordinator', body: createSpaceRequestSchema, answer: spaceAnswer, status: 201 }),
  updateSpace: endpoint({ method: 'PATCH', path: '/v1/spaces/:spaceId', access: 'coordinator', params: spaceParamsSchema, body: updateSpaceRequestSchema, answer: spaceAnswer }),
  listVolunteers: endpoint({ method: 'GET', path: '/v1/spaces/:spaceId/volunteers', access: 'coordinator', params: spaceParamsSchema, answer: z.object({ volunteers: z.array(volunteerSchema) }) }),
  createVolunteer: endpoint({
    method: 'POST', path: '/v1/spaces/:spaceId/volunteers', access: 'coordinator', params: spaceParamsSchema, body: createVolunteerRequestSchema,
    answer: z.object({ volunteer: volunteerSchema.extend({ spaceId: z.string() }) }), status: 201,
  }),
  createEnrolmentCode: endpoint({
    method: 'POST', path: '/v1/spaces/:spaceId/enrolment-codes', access: 'coordinator', params: spaceParamsSchema, body: enrolmentCodeRequestSchema,
    answer: enrolmentCodeSchema, status: 201,
  }),
  listDevices: endpoint({ method: 'GET', path: '/v1/devices', access: 'coordinator', answer: z.object({ devices: z.array(deviceSchema) }) }),
  revokeDevice: endpoint({ method: 'POST', path: '/v1/devices/:id/revoke', access: 'coordinator', params: idParamsSchema, answer: revokeAnswerSchema }),
  listConflicts: endpoint({ method: 'GET', path: '/v1/conflicts', access: 'coordinator', query: conflictQuerySchema, answer: conflictPageSchema }),
  resolveConflict: endpoint({ method: 'POST', path: '/v1/conflicts/:id/resolve', access: 'coordinator', params: idParamsSchema, body: resolutionSchema, answer: resolveAnswerSchema }),
  recordHistory: endpoint({ method: 'GET', path: '/v1/records/:type/:id/history', access: 'coordinator', params: historyParamsSchema, answer: historySchema }),
  listQuarantined: endpoint({ method: 'GET', path: '/v1/quarantine', access: 'coordinator', query: quarantineQuerySchema, answer: quarantinePageSchema }),
  /** Applies a held change as this coordinator's own; accepting twice applies once. */
  acceptHeld: endpoint({ method: 'POST', path: '/v1/quarantine/:mutationId/accept', access: 'coordinator', params: heldParamsSchema, answer: decisionAnswerSchema }),
  discardHeld: endpoint({ method: 'POST', path: '/v1/quarantine/:mutationId/discard', access: 'coordinator', params: heldParamsSchema, body: discardRequestSchema, answer: decisionAnswerSchema }),
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof API;

const NAMES = new Map<Endpoint, EndpointName>(Object.entries(API).map(([name, definition]) => [definition, name as EndpointName]));

/** The name an endpoint has in `API`; undefined for a definition that is not there. */
export function endpointName(definition: Endpoint): EndpointName | undefined {
  return NAMES.get(definition);
}

// ----- what each side reads off a definition -----
type SchemaOf<E, K extends 'params' | 'query' | 'body'> = E extends { [P in K]: infer S extends z.ZodType } ? S : undefined;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** On the server: the parameters, query and body once validated. */
export type ParamsOf<E extends Endpoint> = Parsed<SchemaOf<E, 'params'>>;
export type QueryOf<E extends Endpoint> = Parsed<SchemaOf<E, 'query'>>;
export type BodyOf<E extends Endpoint> = Parsed<SchemaOf<E, 'body'>>;
/** On the server: what a route returns (before the app parses it: defaults and transforms not yet applied). */
export type AnswerSent<E extends Endpoint> = z.input<E['answer']>;
/** In the app: the answer as parsed. */
export type AnswerOf<E extends Endpoint> = z.output<E['answer']>;

type Part<E, K extends 'params' | 'query' | 'body'> = SchemaOf<E, K> extends infer S extends z.ZodType ? { [P in K]: z.input<S> } : unknown;
/** In the app: what a call gives, `{ params?, query?, body? }` as the endpoint has them; unknown when it has none. */
export type RequestOf<E extends Endpoint> = Part<E, 'params'> & Part<E, 'query'> & Part<E, 'body'>;

/** The names of a path's `:parameters`, in order. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1] ?? '');
}

/**
 * The URL of a call: each `:parameter` replaced by its value (encoded), then the query's defined values.
 * A missing parameter is the caller's mistake and throws, rather than calling another endpoint.
 */
export function endpointUrl(definition: Endpoint, request: { params?: Record<string, string>; query?: Record<string, string | number | undefined> } = {}): string {
  const path = definition.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_match, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw new TypeError(`${definition.method} ${definition.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(key, String(value));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

// One shape for every error answer, `{ error: { code, message } }`, and the mapping of Fastify's own
// errors (bad JSON, oversized body, wrong content type) into it, so bad input never becomes a 5xx.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode, ErrorResponse } from '../../schema/protocol.ts';
import { logServerError, serverErrorLog } from '../log.ts';
import { SyncError, type SyncErrorKind } from '../sync/errors.ts';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorResponse, 'error'> & { issues?: { path: string; message: string }[] } = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, extra: HttpError['extra'] = {}): ErrorResponse {
  const { issues, ...rest } = extra;
  return { error: { code, message, ...(issues ? { issues } : {}) }, ...rest };
}

/** Parses a body or parameter object with a zod schema; 400 `invalid_request` listing the issues. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new HttpError(400, 'invalid_request', 'The request is not valid.', { issues });
}

/** The sync domain's refusals (server/sync/errors.ts) as HTTP statuses. */
const SYNC_ERROR_STATUS: Record<SyncErrorKind, number> = { invalid: 400, not_found: 404, already_decided: 409, cannot_apply: 422 };

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Send JSON (Content-Type: application/json).' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_request', message: 'The Content-Length header does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_request', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_request', message: 'The body is not valid JSON.' },
};

/** Iteratively (no recursion, so no stack overflow) checks a parsed body is nested at most `limit` deep. */
export function isShallow(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const item = stack.pop();
    if (!item || item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= limit) return false;
    for (const child of Object.values(item.value as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return true;
}

/**
 * PostgreSQL's codes for a character it cannot store (NUL, a lone surrogate in jsonb, untranslatable
 * text): the input's fault, never the server's, in case a schema missed one.
 */
const UNSTORABLE_SQLSTATES = new Set(['22021', '22P05', '22P02', '22025']);

/** Records nest about 5 deep; anything much deeper is hostile and would overflow recursive code. */
const MAX_BODY_DEPTH = 32;

/** Requests whose 5xx the error handler already logged with its stack (the onResponse hook skips them). */
const loggedRequests = new WeakSet<object>();

export function installErrorHandler(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.body !== undefined && !isShallow(request.body, MAX_BODY_DEPTH)) {
      throw new HttpError(400, 'invalid_request', `The request is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    }
  });
  // Nothing under /v1/ may be kept by a browser, a proxy or the service worker: errors included.
  app.addHook('onSend', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname === '/v1' || pathname.startsWith('/v1/')) reply.header('Cache-Control', 'no-store');
  });
  // Every 5xx is logged, whatever produced it (a handler's reply, the error handler below, a plugin).
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 500 && !loggedRequests.has(request)) {
      serverErrorLog.write({ level: 'error', time: new Date().toISOString(), msg: 'server error answer', method: request.method, route: request.routeOptions.url ?? '(no route)', status: reply.statusCode });
    }
  });
  app.setErrorHandler((error: FastifyError | HttpError | SyncError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.extra));
    }
    if (error instanceof SyncError) {
      return reply.code(SYNC_ERROR_STATUS[error.kind]).send(errorBody(error.code, error.message, error.extra));
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return reply.code(known.status).send(errorBody(known.code, known.message));
    if (error.statusCode === 429) {
      return reply.code(429).send(errorBody('too_many_requests', 'Too many attempts. Wait a minute and try again.'));
    }
    if (error instanceof SyntaxError || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
      return reply.code(error.statusCode ?? 400).send(errorBody('invalid_request', 'The request is not valid.'));
    }
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && UNSTORABLE_SQLSTATES.has(sqlState)) {
      return reply.code(400).send(errorBody('invalid_request', 'The request holds text the server cannot store (a NUL or a lone surrogate).'));
    }
    loggedRequests.add(request);
    logServerError(error, { method: request.method, route: request.routeOptions.url ?? '(no route)', status: 500 });
    return reply.code(500).send(errorBody('internal', 'Something went wrong on the server. Try again later.'));
  });
}

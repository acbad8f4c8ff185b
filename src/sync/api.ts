// The device's HTTP transport to the server: JSON in and out, the access token kept in memory only and
// refreshed with the sealed refresh secret, and errors turned into codes the UI can translate. Screens call
// endpoints by their definitions through src/api/client.ts, which sends through here.
import { API, errorAnswerSchema } from '@schema/api.ts';
import type { ErrorResponse, TokenRequest, TokenResponse } from '@schema/protocol.ts';
import type { z } from 'zod';
import { onLock } from '@/crypto/key-holder.ts';
import { getEnrolment, getRefreshSecret, updateEnrolmentDetails } from '@/db/device.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly wipe = false,
    /** The server's whole error answer, when it sent one (a revoked device's hand-over token, how far a push got). */
    readonly details: ErrorResponse | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The network could not be reached at all (offline, server down): retry later, nothing is lost. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network unreachable', { cause });
    this.name = 'NetworkError';
  }
}

let accessToken: { token: string; expiresAt: number } | null = null;
onLock(() => {
  accessToken = null;
});

export function setAccessToken(token: string, expiresInSeconds: number): void {
  accessToken = { token, expiresAt: Date.now() + (expiresInSeconds - 30) * 1000 };
}

export function forgetAccessToken(): void {
  accessToken = null;
}

/** The access token held, even if expired: a revoked device's push is still read with it (for quarantine). */
export function heldAccessToken(): string | null {
  return accessToken?.token ?? null;
}

/** GET without a body, POST with one, unless told otherwise (PATCH changes part of a resource). */
export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export interface CallOptions {
  method?: HttpMethod;
}

async function send(path: string, body: unknown, token?: string, options: CallOptions = {}): Promise<unknown> {
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  // fetch would reject a GET with a body as a TypeError, which would look like "offline": a caller's mistake
  // must fail loudly instead.
  if (method === 'GET' && body !== undefined) throw new TypeError(`GET ${path} cannot carry a body`);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, 'bad_response', `unexpected answer (${response.status})`);
  }
  if (!response.ok) {
    const parsed = errorAnswerSchema.safeParse(json);
    if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.wipe === true, parsed.data);
    throw new ApiError(response.status, response.status >= 500 ? 'server_error' : 'bad_response', `HTTP ${response.status}`);
  }
  return json;
}

/** A call with a given token and no refresh: the hand-over of a revoked device, which must not ask for a new one. */
export async function callWithToken<S extends z.ZodType>(path: string, body: unknown, token: string, schema: S): Promise<z.infer<S>> {
  return schema.parse(await send(path, body, token));
}

/** An unauthenticated call (sign-in, enrolment). */
export async function publicCall<S extends z.ZodType>(path: string, body: unknown, schema: S, options: CallOptions = {}): Promise<z.infer<S>> {
  return schema.parse(await send(path, body, undefined, options));
}

export async function refreshAccessToken(): Promise<string> {
  const enrolment = await getEnrolment();
  const refreshSecret = await getRefreshSecret();
  if (!enrolment || !refreshSecret) throw new ApiError(401, 'not_enrolled', 'this device is not enrolled');
  const request: TokenRequest = { deviceId: enrolment.deviceId, refreshSecret };
  const answer: TokenResponse = API.refreshToken.answer.parse(await send(API.refreshToken.path, request));
  setAccessToken(answer.accessToken, answer.expiresIn);
  await updateEnrolmentDetails(answer.user, answer.spaces);
  return answer.accessToken;
}

/**
 * An authenticated call; refreshes the access token once if it expired, and repeats the call with the same
 * method. Pass `undefined` body for GET; `{ method: 'PATCH' }` to change part of a resource.
 */
export async function authedCall<S extends z.ZodType>(path: string, body: unknown, schema: S, options: CallOptions = {}): Promise<z.infer<S>> {
  const token = accessToken && accessToken.expiresAt > Date.now() ? accessToken.token : await refreshAccessToken();
  try {
    return schema.parse(await send(path, body, token, options));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !error.wipe && error.code !== 'not_enrolled') {
      return schema.parse(await send(path, body, await refreshAccessToken(), options));
    }
    throw error;
  }
}

// Who is calling: checks the bearer token AND the device row on every authenticated request, and
// resolves the spaces the device may see (a volunteer's one space, a coordinator's coordinated spaces).
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findDeviceContext, touchDevice } from '../db/devices.ts';
import { spacesOfUser, type SpaceRow } from '../db/people.ts';
import type { Database } from '../db/types.ts';
import { HttpError } from '../http/errors.ts';
import type { TokenService } from './tokens.ts';

export interface DeviceContext {
  deviceId: string;
  label: string;
  userId: string;
  userName: string;
  role: 'coordinator' | 'volunteer';
  spaces: SpaceRow[];
  spaceIds: string[];
  revoked: boolean;
  /** When the device was revoked, for the window in which it may still hand over changes; null if not. */
  revokedAt: Date | null;
}

export function revokedError(extra: { quarantined?: number; quarantineClosed?: boolean; lastAckedSeq?: number; handOverToken?: string; handOverExpiresIn?: number } = {}): HttpError {
  return new HttpError(401, 'device_revoked', 'This device has been revoked. Its local data must be erased.', { wipe: true, ...extra });
}

/** Whether a revoked device may still hand over its unsent changes (they are quarantined, never applied). */
export function isInHandOverWindow(revokedAt: Date | null, now: Date, windowHours: number): boolean {
  return revokedAt !== null && now.getTime() - revokedAt.getTime() < windowHours * 3_600_000;
}

/**
 * `allowRevoked`: a push from a revoked device is still read (to quarantine it), even with an expired
 * token, as long as the signature is good; the caller must answer `device_revoked` afterwards.
 */
export async function authenticate(
  db: Kysely<Database>,
  tokens: TokenService,
  request: FastifyRequest,
  options: { allowRevoked?: boolean } = {},
): Promise<DeviceContext> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'Sign in first: this call needs an access token.');
  const claims = await tokens.verify(match[1]);
  if (!claims) throw new HttpError(401, 'unauthorized', 'The access token is not valid. Sign in again.');
  const device = await findDeviceContext(db, claims.deviceId);
  if (!device) throw new HttpError(401, 'unauthorized', 'This device is not known to the server.');
  const revoked = device.revokedAt !== null;
  if (revoked && !options.allowRevoked) throw revokedError();
  if (!revoked && claims.expired) throw new HttpError(401, 'token_expired', 'The access token has expired. Get a new one with the refresh secret.');
  if (!revoked) await touchDevice(db, device.deviceId);
  const userSpaces = await spacesOfUser(db, { id: device.userId, role: device.role, spaceId: device.userSpaceId });
  // A volunteer device is bound to one space; a coordinator device sees all coordinated spaces.
  const spaces = device.spaceId === null ? userSpaces : userSpaces.filter((s) => s.id === device.spaceId);
  return {
    deviceId: device.deviceId,
    label: device.label,
    userId: device.userId,
    userName: device.userName,
    role: device.role,
    spaces,
    spaceIds: spaces.map((s) => s.id),
    revoked,
    revokedAt: device.revokedAt,
  };
}

export function requireCoordinator(ctx: DeviceContext): void {
  if (ctx.role !== 'coordinator') throw new HttpError(403, 'forbidden', 'Only coordinators may do this.');
}

export function requireSpace(ctx: DeviceContext, spaceId: string): void {
  requireCoordinator(ctx);
  if (!ctx.spaceIds.includes(spaceId)) throw new HttpError(403, 'forbidden', 'You do not coordinate this gathering point.');
}

// Sessions: coordinator sign-in, volunteer-device enrolment with a single-use code, access-token
// refresh, sign-out and "who am I". Every answer that creates a device has the same shape.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { API } from '../../schema/api.ts';
import type { SessionResponse, TokenResponse } from '../../schema/protocol.ts';
import type { AppContext } from '../context.ts';
import { isInHandOverWindow, revokedError } from '../auth/guard.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { newRefreshSecret, normalizeEnrolmentCode, secretMatches, sha256 } from '../auth/secrets.ts';
import { consumeEnrolmentCode, createDevice, findDeviceContext, revokeDevice } from '../db/devices.ts';
import { clearCount, countHit, limitKey, peekCount } from '../db/limits.ts';
import { findUser, findUserByLogin, spacesOfUser, type SpaceRow, type UserRow } from '../db/people.ts';
import { HttpError } from './errors.ts';
import { route } from './route.ts';

function spaceSummaries(spaces: SpaceRow[]): SessionResponse['spaces'] {
  return spaces.map((s) => ({ id: s.id, name: s.name, retentionDays: s.retentionDays }));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counts against the per-address limit of sign-in, enrolment and token calls. */
    authLimited?: boolean;
  }
}

/** 429 with Retry-After: the device engine and the app back off on `too_many_requests`. */
export function tooMany(reply: FastifyReply, resetAt: Date, now: Date, message: string): HttpError {
  reply.header('Retry-After', String(Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000))));
  return new HttpError(429, 'too_many_requests', message);
}

export async function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Per address, in the database so every server process counts the same calls (request.ip honours only
  // the configured proxies, so a forged X-Forwarded-For picks no new address).
  const limited = { fastify: { config: { authLimited: true } } };
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.authLimited !== true) return;
    const now = ctx.now();
    const hit = await countHit(ctx.db, 'auth_address', limitKey(request.ip), 60_000, now);
    if (hit.count > ctx.limits.authPerMinute) throw tooMany(reply, hit.resetAt, now, 'Too many attempts. Wait a minute and try again.');
  });
  const lockMs = ctx.limits.loginLockMinutes * 60_000;

  async function openSession(user: UserRow, spaceId: string | null, label: string): Promise<SessionResponse> {
    const deviceId = randomUUID();
    const refreshSecret = newRefreshSecret();
    await createDevice(ctx.db, { id: deviceId, userId: user.id, spaceId, label, refreshHash: sha256(refreshSecret) });
    const { accessToken, expiresIn } = await ctx.tokens.issue(deviceId, ctx.now());
    const spaces = await spacesOfUser(ctx.db, user);
    return {
      deviceId,
      refreshSecret,
      accessToken,
      expiresIn,
      user: { id: user.id, name: user.name, role: user.role },
      spaces: spaceSummaries(spaceId === null ? spaces : spaces.filter((s) => s.id === spaceId)),
    };
  }

  route(app, ctx, API.signIn, limited, async ({ body: readBody }, request, reply) => {
    const body = readBody();
    const login = body.login.toLowerCase();
    const now = ctx.now();
    // Keyed on the login AND the address: guessing from one address locks only that address out of this
    // login, so nobody can lock the real coordinator out from elsewhere.
    const failureKey = limitKey(login, request.ip);
    const failed = await peekCount(ctx.db, 'login_failure', failureKey, lockMs, now);
    if (failed.count >= ctx.limits.failuresPerLogin) {
      throw tooMany(reply, failed.resetAt, now, `Too many failed sign-ins for this login from this address. Wait ${ctx.limits.loginLockMinutes} minutes and try again.`);
    }
    const user = await findUserByLogin(ctx.db, login);
    // Unknown logins cost the same work and get the same answer as wrong passwords.
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || user.role !== 'coordinator' || !ok) {
      await countHit(ctx.db, 'login_failure', failureKey, lockMs, now);
      throw new HttpError(401, 'invalid_credentials', 'The login or password is wrong.');
    }
    await clearCount(ctx.db, 'login_failure', failureKey);
    const session = await openSession(user, null, body.deviceLabel);
    return session;
  });

  route(app, ctx, API.enrolDevice, limited, async ({ body: readBody }) => {
    const body = readBody();
    const codeHash = sha256(normalizeEnrolmentCode(body.code));
    const session = await ctx.db.transaction().execute(async (trx) => {
      const code = await trx.selectFrom('enrolment_code').select(['user_id', 'space_id']).where('code_hash', '=', codeHash).executeTakeFirst();
      if (!code) return undefined;
      const user = await findUser(trx, code.user_id);
      if (!user) return undefined;
      const deviceId = randomUUID();
      const refreshSecret = newRefreshSecret();
      await createDevice(trx, { id: deviceId, userId: user.id, spaceId: code.space_id, label: body.deviceLabel, refreshHash: sha256(refreshSecret) });
      const used = await consumeEnrolmentCode(trx, codeHash, deviceId, ctx.now());
      if (!used) throw new HttpError(401, 'invalid_code', 'This code is wrong, already used or expired. Ask your coordinator for a new one.');
      return { user, deviceId, refreshSecret, spaceId: code.space_id };
    });
    if (!session) throw new HttpError(401, 'invalid_code', 'This code is wrong, already used or expired. Ask your coordinator for a new one.');
    const { accessToken, expiresIn } = await ctx.tokens.issue(session.deviceId, ctx.now());
    const spaces = await spacesOfUser(ctx.db, session.user);
    const response: SessionResponse = {
      deviceId: session.deviceId,
      refreshSecret: session.refreshSecret,
      accessToken,
      expiresIn,
      user: { id: session.user.id, name: session.user.name, role: session.user.role },
      spaces: spaceSummaries(spaces.filter((s) => s.id === session.spaceId)),
    };
    return response;
  });

  route(app, ctx, API.refreshToken, limited, async ({ body: readBody }) => {
    const body = readBody();
    const device = await findDeviceContext(ctx.db, body.deviceId);
    if (!device || !secretMatches(body.refreshSecret, device.refreshHash)) {
      throw new HttpError(401, 'invalid_credentials', 'This device is not known or its secret is wrong. Sign in again.');
    }
    if (device.revokedAt !== null) {
      // Hand-over before wipe: inside the window the device gets a token that only push (quarantine) and the
      // wipe confirmation accept, so nothing registered since its last sync is destroyed unseen.
      if (!isInHandOverWindow(device.revokedAt, ctx.now(), ctx.limits.quarantineWindowHours)) throw revokedError();
      const handOver = await ctx.tokens.issue(device.deviceId, ctx.now());
      throw revokedError({ handOverToken: handOver.accessToken, handOverExpiresIn: handOver.expiresIn });
    }
    const { accessToken, expiresIn } = await ctx.tokens.issue(device.deviceId, ctx.now());
    const spaces = await spacesOfUser(ctx.db, { id: device.userId, role: device.role, spaceId: device.userSpaceId });
    const response: TokenResponse = {
      accessToken,
      expiresIn,
      user: { id: device.userId, name: device.userName, role: device.role },
      spaces: spaceSummaries(device.spaceId === null ? spaces : spaces.filter((s) => s.id === device.spaceId)),
    };
    return response;
  });

  /** Ends this device's session for good (the device deletes its own data; no wipe is demanded). */
  route(app, ctx, API.signOut, async ({ device }) => {
    await revokeDevice(ctx.db, device.deviceId, device.userId, 'signed_out');
    return { ok: true };
  });

  route(app, ctx, API.me, async ({ device }) => {
    return {
      deviceId: device.deviceId,
      deviceLabel: device.label,
      user: { id: device.userId, name: device.userName, role: device.role },
      spaces: spaceSummaries(device.spaces),
    };
  });
}

// The sync endpoints: push (outbox → server) and pull (change feed → device), bearer-authenticated.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { API } from '../../schema/api.ts';
import type { AppContext } from '../context.ts';
import { revokedError } from '../auth/guard.ts';
import { markWiped } from '../db/devices.ts';
import { countHit, limitKey } from '../db/limits.ts';
import { pull } from '../sync/pull.ts';
import { push } from '../sync/push.ts';
import { startSuggestions } from '../sync/suggest.ts';
import { tooMany } from './auth-routes.ts';
import { HttpError } from './errors.ts';
import { route } from './route.ts';

/**
 * How much one device may push per minute (mutations and bytes, counted in the database so every server
 * process shares the count): one device must not hold the clock row for seconds at a time. Beyond, the
 * whole push is refused with 429 `too_many_requests` and Retry-After; the device backs off and resends.
 */
async function checkPushRate(ctx: AppContext, deviceId: string, mutations: number, bytes: number, reply: FastifyReply): Promise<void> {
  const now = ctx.now();
  const key = limitKey(deviceId);
  const byCount = await countHit(ctx.db, 'push_mutations', key, 60_000, now, mutations);
  const bySize = await countHit(ctx.db, 'push_bytes', key, 60_000, now, bytes);
  if (byCount.count > ctx.limits.pushMutationsPerMinute || bySize.count > ctx.limits.pushBytesPerMinute) {
    const resetAt = byCount.count > ctx.limits.pushMutationsPerMinute ? byCount.resetAt : bySize.resetAt;
    throw tooMany(reply, resetAt, now, 'This device is sending too much at once. Wait a minute; nothing was applied.');
  }
}

export async function registerSyncRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // The server's matcher runs after pushes commit, off the request path (server/sync/suggest.ts).
  const suggestions = startSuggestions(app, ctx.db, ctx.now);
  route(app, ctx, API.push, { allowRevoked: true, fastify: { bodyLimit: ctx.limits.pushBodyBytes } }, async ({ device, body: readBody }, request, reply) => {
    const body = readBody();
    await checkPushRate(ctx, device.deviceId, body.mutations.length, Number(request.headers['content-length'] ?? 0) || JSON.stringify(request.body).length, reply);
    if (body.deviceId !== undefined && body.deviceId !== device.deviceId) {
      throw new HttpError(403, 'device_mismatch', 'The deviceId does not match the access token.');
    }
    const response = await push(ctx.db, device, body.mutations, ctx.now(), ctx.limits);
    if (response.results.some((r) => r.result === 'applied' || r.result === 'conflict')) suggestions.poke();
    if (device.revoked) {
      // Stored for review, never applied; the device must erase itself.
      throw revokedError({
        quarantined: response.results.filter((r) => r.result === 'quarantined').length, lastAckedSeq: response.lastAckedSeq,
        ...(response.quarantineClosed ? { quarantineClosed: true } : {}),
      });
    }
    return response;
  });

  route(app, ctx, API.pull, async ({ device, body }) => pull(ctx.db, device, body(), ctx.now()));

  // A revoked device confirms, after its last push and right before erasing itself, that it is wiping:
  // its coordinator's device list then shows when. Any token of the device with a good signature will do.
  route(app, ctx, API.confirmWiped, { allowRevoked: true }, async ({ device, body }) => {
    body();
    await markWiped(ctx.db, device.deviceId, ctx.now());
    return { ok: true };
  });
}

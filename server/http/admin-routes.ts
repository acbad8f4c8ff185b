// Coordinator endpoints: gathering points, volunteers, enrolment codes, devices and revocation, and the
// review of conflicts, record history and quarantined mutations. Only for spaces the caller coordinates.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { idSchema } from '../../schema/inquiry.ts';
import { RECORD_TYPES, isVisibleTo } from '../../schema/records.ts';
import { UNSTORABLE_ERROR, isStorableText } from '../../schema/text.ts';
import { ENROLMENT_CODE_MINUTES, createSpaceRequestSchema, createVolunteerRequestSchema, updateSpaceRequestSchema } from '../../schema/protocol.ts';
import type { AppContext } from '../context.ts';
import { authenticate, requireCoordinator, requireSpace, type DeviceContext } from '../auth/guard.ts';
import { newEnrolmentCode, normalizeEnrolmentCode, sha256 } from '../auth/secrets.ts';
import { createEnrolmentCode, findDeviceContext, listDevices, revokeDevice } from '../db/devices.ts';
import { createSpace, createVolunteer, findSpace, findUser, listVolunteers, updateSpace } from '../db/people.ts';
import { findRecord } from '../db/records.ts';
import { acceptedHeldChanges, describeRecords, listConflicts, listQuarantined, recordHistory } from '../db/review.ts';
import { heldTarget, readHeld } from '../sync/held-content.ts';
import { acceptHeld, discardHeld } from '../sync/quarantine.ts';
import { resolveConflict } from '../sync/resolve.ts';
import { HttpError, parseInput } from './errors.ts';
import { cursorSeq, cursorTimestamp, decodeCursor, pageQuerySchema, takePage } from './paging.ts';

const spaceParams = z.object({ spaceId: idSchema });
const idParams = z.object({ id: idSchema });
const enrolmentBody = z.object({ volunteerId: idSchema });
const conflictQuery = pageQuerySchema({ default: 50, max: 200 }).extend({ status: z.enum(['open', 'resolved', 'all']).default('open'), spaceId: idSchema.optional() });
const conflictCursor = z.tuple([cursorTimestamp, idSchema]);
const quarantineQuery = pageQuerySchema({ default: 20, max: 100 }).extend({ status: z.enum(['pending', 'decided', 'all']).default('pending') });
const quarantineCursor = z.tuple([cursorTimestamp, idSchema, cursorSeq]);
const heldParams = z.object({ mutationId: idSchema });
// The reason is stored: text PostgreSQL cannot hold (NUL, lone surrogates) is refused like everywhere else.
const discardBody = z.strictObject({ reason: z.string().trim().min(1).max(1000).refine(isStorableText, { error: UNSTORABLE_ERROR }) });
const resolveBody = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('kept') }),
  z.object({ choice: z.literal('proposed') }),
  z.object({ choice: z.literal('value'), value: z.unknown() }),
]);
const historyParams = z.object({ type: z.enum(RECORD_TYPES), id: idSchema });

function publicOrigin(request: FastifyRequest): string {
  const configured = process.env['RODYNA_PUBLIC_URL'];
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

const NO_SUCH_SPACE = 'No such gathering point.';

/**
 * 404 for a space id that does not exist, like any missing resource; 403 for one that exists but is
 * another coordinator's. Space ids are random UUIDs, so telling the two apart reveals nothing guessable.
 */
async function requireCoordinatedSpace(ctx: AppContext, device: DeviceContext, spaceId: string): Promise<void> {
  if (!device.spaceIds.includes(spaceId) && !(await findSpace(ctx.db, spaceId))) throw new HttpError(404, 'not_found', NO_SUCH_SPACE);
  requireSpace(device, spaceId);
}

export async function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const coordinator = async (request: FastifyRequest) => {
    const device = await authenticate(ctx.db, ctx.tokens, request);
    requireCoordinator(device);
    return device;
  };

  app.get('/v1/spaces', async (request) => {
    const device = await coordinator(request);
    return { spaces: device.spaces.map((s) => ({ id: s.id, name: s.name, retentionDays: s.retentionDays })) };
  });

  app.post('/v1/spaces', async (request, reply) => {
    const device = await coordinator(request);
    const body = parseInput(createSpaceRequestSchema, request.body);
    const space = await ctx.db.transaction().execute((trx) => createSpace(trx, { name: body.name, ...(body.retentionDays === undefined ? {} : { retentionDays: body.retentionDays }), coordinatorId: device.userId }));
    return reply.code(201).send({ space });
  });

  app.patch('/v1/spaces/:spaceId', async (request) => {
    const device = await coordinator(request);
    const { spaceId } = parseInput(spaceParams, request.params);
    await requireCoordinatedSpace(ctx, device, spaceId);
    const body = parseInput(updateSpaceRequestSchema, request.body);
    // Volunteers' phones learn the new name and retention with their next pull (the pull reads the space row).
    const space = await updateSpace(ctx.db, spaceId, body);
    if (!space) throw new HttpError(404, 'not_found', NO_SUCH_SPACE);
    return { space };
  });

  app.get('/v1/spaces/:spaceId/volunteers', async (request) => {
    const device = await coordinator(request);
    const { spaceId } = parseInput(spaceParams, request.params);
    await requireCoordinatedSpace(ctx, device, spaceId);
    return { volunteers: await listVolunteers(ctx.db, spaceId) };
  });

  app.post('/v1/spaces/:spaceId/volunteers', async (request, reply) => {
    const device = await coordinator(request);
    const { spaceId } = parseInput(spaceParams, request.params);
    await requireCoordinatedSpace(ctx, device, spaceId);
    const body = parseInput(createVolunteerRequestSchema, request.body);
    const volunteer = await createVolunteer(ctx.db, { name: body.name, spaceId, createdBy: device.userId });
    return reply.code(201).send({ volunteer: { id: volunteer.id, name: volunteer.name, spaceId } });
  });

  app.post('/v1/spaces/:spaceId/enrolment-codes', async (request, reply) => {
    const device = await coordinator(request);
    const { spaceId } = parseInput(spaceParams, request.params);
    await requireCoordinatedSpace(ctx, device, spaceId);
    const body = parseInput(enrolmentBody, request.body);
    const volunteer = await findUser(ctx.db, body.volunteerId);
    if (!volunteer || volunteer.role !== 'volunteer' || volunteer.spaceId !== spaceId) {
      throw new HttpError(404, 'not_found', 'No such volunteer at this gathering point.');
    }
    const code = newEnrolmentCode();
    const expiresAt = new Date(ctx.now().getTime() + ENROLMENT_CODE_MINUTES * 60_000);
    await createEnrolmentCode(ctx.db, { codeHash: sha256(normalizeEnrolmentCode(code)), userId: volunteer.id, spaceId, createdBy: device.userId, expiresAt });
    const enrolUrl = `${publicOrigin(request)}/enrol?code=${encodeURIComponent(code)}`;
    const qrSvg = await QRCode.toString(enrolUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.code(201).send({ code, expiresAt: expiresAt.toISOString(), enrolUrl, qrSvg, volunteer: { id: volunteer.id, name: volunteer.name } });
  });

  app.get('/v1/devices', async (request) => {
    const device = await coordinator(request);
    const rows = await listDevices(ctx.db, device.spaceIds, device.userId);
    return {
      devices: rows.map((d) => ({
        id: d.id, label: d.label, user: { id: d.userId, name: d.userName, role: d.role }, spaceId: d.spaceId,
        createdAt: d.createdAt.toISOString(), lastSeenAt: d.lastSeenAt?.toISOString() ?? null, revokedAt: d.revokedAt?.toISOString() ?? null,
        revokedReason: d.revokedReason, lastMutationSeq: Number(d.lastMutationSeq), isCurrent: d.id === device.deviceId,
        wipedAt: d.wipedAt?.toISOString() ?? null, quarantinedCount: Number(d.quarantinedCount),
      })),
    };
  });

  app.post('/v1/devices/:id/revoke', async (request) => {
    const device = await coordinator(request);
    const { id } = parseInput(idParams, request.params);
    const target = await findDeviceContext(ctx.db, id);
    const visible = target && (target.userId === device.userId || (target.spaceId !== null && device.spaceIds.includes(target.spaceId)));
    if (!target || !visible) throw new HttpError(404, 'not_found', 'No such device at your gathering points.');
    const revoked = await revokeDevice(ctx.db, id, device.userId, 'revoked_by_coordinator');
    return { ok: true, alreadyRevoked: !revoked };
  });

  app.get('/v1/conflicts', async (request) => {
    const device = await coordinator(request);
    const query = parseInput(conflictQuery, request.query);
    if (query.spaceId) requireSpace(device, query.spaceId);
    const after = decodeCursor(query.cursor, conflictCursor);
    const rows = await listConflicts(
      ctx.db, query.spaceId ? [query.spaceId] : device.spaceIds, query.status, { limit: query.limit, ...(after ? { after: { at: after[0], id: after[1] } } : {}) },
      query.spaceId === undefined,
    );
    const { page, nextCursor } = takePage(rows, query.limit, (c) => [c.cursorAt, c.id]);
    const records = await describeRecords(ctx.db, page.map((c) => ({ type: c.recordType, id: c.recordId })));
    return {
      nextCursor,
      conflicts: page.map((c) => ({
        id: c.id, kind: c.kind, recordType: c.recordType, recordId: c.recordId, spaceId: c.spaceId, field: c.field, status: c.status,
        record: records.get(`${c.recordType}:${c.recordId}`) ?? null,
        kept: { value: c.keptValue, version: c.keptVersion, at: c.keptAt?.toISOString() ?? null, user: c.keptUserId ? { id: c.keptUserId, name: c.keptUserName } : null, device: c.keptDeviceId ? { id: c.keptDeviceId, label: c.keptDeviceLabel } : null },
        proposed: { value: c.proposedValue, at: c.proposedAt.toISOString(), user: { id: c.proposedUserId, name: c.proposedUserName }, device: { id: c.proposedDeviceId, label: c.proposedDeviceLabel }, mutationId: c.mutationId },
        resolution: c.resolution, resolvedAt: c.resolvedAt?.toISOString() ?? null, resolvedBy: c.resolvedByName,
      })),
    };
  });

  app.post('/v1/conflicts/:id/resolve', async (request) => {
    const device = await coordinator(request);
    const { id } = parseInput(idParams, request.params);
    const body = parseInput(resolveBody, request.body);
    return resolveConflict(ctx.db, device, id, body, ctx.now());
  });

  app.get('/v1/records/:type/:id/history', async (request) => {
    const device = await coordinator(request);
    const { type, id } = parseInput(historyParams, request.params);
    const record = await findRecord(ctx.db, type, id);
    if (!record || !isVisibleTo(device, record)) throw new HttpError(404, 'not_found', 'No such record in your gathering points.');
    const rows = await recordHistory(ctx.db, type, id);
    const summary = (await describeRecords(ctx.db, [{ type, id }])).get(`${type}:${id}`) ?? null;
    // A version written by accepting a held change names the revoked device it came from.
    const held = await acceptedHeldChanges(ctx.db, [...new Set(rows.map((r) => r.mutationId).filter((m): m is string => m !== null))]);
    return {
      type, id, spaceId: record.spaceId, version: record.version, deleted: record.deleted, record: summary,
      versions: rows.map((r) => {
        const from = r.mutationId ? held.get(r.mutationId) : undefined;
        return {
          version: r.version, seq: r.seq, deleted: r.deleted, reason: r.reason, data: r.data, changedAt: r.changedAt.toISOString(), mutationId: r.mutationId,
          user: { id: r.userId, name: r.userName }, device: { id: r.deviceId, label: r.deviceLabel },
          heldFrom: from ? { deviceLabel: from.deviceLabel, userName: from.userName, receivedAt: from.receivedAt.toISOString() } : null,
        };
      }),
    };
  });

  app.get('/v1/quarantine', async (request) => {
    const device = await coordinator(request);
    const query = parseInput(quarantineQuery, request.query);
    const after = decodeCursor(query.cursor, quarantineCursor);
    const rows = await listQuarantined(ctx.db, device.spaceIds, device.userId, query.status, {
      limit: query.limit, ...(after ? { after: { at: after[0], deviceId: after[1], seq: after[2] } } : {}),
    });
    const { page, nextCursor } = takePage(rows, query.limit, (m) => [m.cursorAt, m.deviceId, m.mutationSeq]);
    const targets = page.map((m) => heldTarget(m.name, m.args)).filter((t) => t !== null);
    const records = await describeRecords(ctx.db, targets);
    return {
      nextCursor,
      mutations: page.map((m) => {
        const reading = m.args === null ? { valid: false as const, problem: 'too_large' } : readHeld(m.name, m.args, records);
        return {
          deviceId: m.deviceId, deviceLabel: m.deviceLabel, userName: m.userName, spaceId: m.spaceId, mutationSeq: Number(m.mutationSeq),
          mutationId: m.mutationId, name: m.name, receivedAt: m.receivedAt.toISOString(), reason: m.reason, bytes: Number(m.bytes),
          ...(reading.valid ? { valid: true, problem: null, content: reading.content } : { valid: false, problem: reading.problem, content: null }),
          decision: m.decision
            ? {
                decision: m.decision, reason: m.decisionReason, result: m.decisionResult, resultReason: m.decisionResultReason,
                conflictIds: m.decisionConflictIds ?? [], at: m.decidedAt?.toISOString() ?? null, by: m.decidedByName,
              }
            : null,
        };
      }),
    };
  });

  // Accepting applies the held change as this coordinator's own (re-validated, audited); discarding needs a reason.
  app.post('/v1/quarantine/:mutationId/accept', async (request) => {
    const device = await coordinator(request);
    const { mutationId } = parseInput(heldParams, request.params);
    return acceptHeld(ctx.db, device, mutationId, ctx.now());
  });

  app.post('/v1/quarantine/:mutationId/discard', async (request) => {
    const device = await coordinator(request);
    const { mutationId } = parseInput(heldParams, request.params);
    const body = parseInput(discardBody, request.body);
    return discardHeld(ctx.db, device, mutationId, body.reason, ctx.now());
  });
}

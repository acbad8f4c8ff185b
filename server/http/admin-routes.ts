// Coordinator endpoints: gathering points, volunteers, enrolment codes, devices and revocation, and the
// review of conflicts, record history and quarantined mutations. Only for spaces the caller coordinates.
// Their requests and answers are defined in schema/api.ts (shapes in schema/admin.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { idSchema } from '../../schema/inquiry.ts';
import { isRecordType, isVisibleTo, type RecordType } from '../../schema/records.ts';
import { API } from '../../schema/api.ts';
import { ENROLMENT_CODE_MINUTES } from '../../schema/protocol.ts';
import type { AppContext } from '../context.ts';
import { requireSpace, type DeviceContext } from '../auth/guard.ts';
import { newEnrolmentCode, normalizeEnrolmentCode, sha256 } from '../auth/secrets.ts';
import { createEnrolmentCode, findDeviceContext, listDevices, revokeDevice } from '../db/devices.ts';
import { createSpace, createVolunteer, findSpace, findUser, listVolunteers, updateSpace } from '../db/people.ts';
import { findRecord } from '../db/records.ts';
import { acceptedHeldChanges, describeRecords, listConflicts, listQuarantined, recordHistory } from '../db/review.ts';
import { heldTarget, readHeld } from '../sync/held-content.ts';
import { acceptHeld, discardHeld } from '../sync/quarantine.ts';
import { resolveConflict } from '../sync/resolve.ts';
import { HttpError } from './errors.ts';
import { cursorSeq, cursorTimestamp, decodeCursor, takePage } from './paging.ts';
import { route } from './route.ts';

// The cursors are the server's own (opaque to the app): their parts are checked here, not in schema/.
const conflictCursor = z.tuple([cursorTimestamp, idSchema]);
const quarantineCursor = z.tuple([cursorTimestamp, idSchema, cursorSeq]);

/** The database keeps a record's type as text; only the registry's types are ever written there. */
function recordTypeOf(value: string): RecordType {
  if (!isRecordType(value)) throw new Error(`a record type the registry does not know: ${value.slice(0, 64)}`);
  return value;
}

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
  route(app, ctx, API.listSpaces, async ({ device }) => ({ spaces: device.spaces.map((s) => ({ id: s.id, name: s.name, retentionDays: s.retentionDays })) }));

  route(app, ctx, API.createSpace, async ({ device, body }) => {
    const { name, retentionDays } = body();
    const space = await ctx.db.transaction().execute((trx) => createSpace(trx, { name, ...(retentionDays === undefined ? {} : { retentionDays }), coordinatorId: device.userId }));
    return { space };
  });

  route(app, ctx, API.updateSpace, async ({ device, params, body }) => {
    const { spaceId } = params();
    await requireCoordinatedSpace(ctx, device, spaceId);
    // Volunteers' phones learn the new name and retention with their next pull (the pull reads the space row).
    const space = await updateSpace(ctx.db, spaceId, body());
    if (!space) throw new HttpError(404, 'not_found', NO_SUCH_SPACE);
    return { space };
  });

  route(app, ctx, API.listVolunteers, async ({ device, params }) => {
    const { spaceId } = params();
    await requireCoordinatedSpace(ctx, device, spaceId);
    const volunteers = await listVolunteers(ctx.db, spaceId);
    return { volunteers: volunteers.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) };
  });

  route(app, ctx, API.createVolunteer, async ({ device, params, body }) => {
    const { spaceId } = params();
    await requireCoordinatedSpace(ctx, device, spaceId);
    const volunteer = await createVolunteer(ctx.db, { name: body().name, spaceId, createdBy: device.userId });
    return { volunteer: { id: volunteer.id, name: volunteer.name, spaceId } };
  });

  route(app, ctx, API.createEnrolmentCode, async ({ device, params, body }, request) => {
    const { spaceId } = params();
    await requireCoordinatedSpace(ctx, device, spaceId);
    const volunteer = await findUser(ctx.db, body().volunteerId);
    if (!volunteer || volunteer.role !== 'volunteer' || volunteer.spaceId !== spaceId) {
      throw new HttpError(404, 'not_found', 'No such volunteer at this gathering point.');
    }
    const code = newEnrolmentCode();
    const expiresAt = new Date(ctx.now().getTime() + ENROLMENT_CODE_MINUTES * 60_000);
    await createEnrolmentCode(ctx.db, { codeHash: sha256(normalizeEnrolmentCode(code)), userId: volunteer.id, spaceId, createdBy: device.userId, expiresAt });
    const enrolUrl = `${publicOrigin(request)}/enrol?code=${encodeURIComponent(code)}`;
    const qrSvg = await QRCode.toString(enrolUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { code, expiresAt: expiresAt.toISOString(), enrolUrl, qrSvg, volunteer: { id: volunteer.id, name: volunteer.name } };
  });

  route(app, ctx, API.listDevices, async ({ device }) => {
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

  route(app, ctx, API.revokeDevice, async ({ device, params }) => {
    const { id } = params();
    const target = await findDeviceContext(ctx.db, id);
    const visible = target && (target.userId === device.userId || (target.spaceId !== null && device.spaceIds.includes(target.spaceId)));
    if (!target || !visible) throw new HttpError(404, 'not_found', 'No such device at your gathering points.');
    const revoked = await revokeDevice(ctx.db, id, device.userId, 'revoked_by_coordinator');
    return { ok: true, alreadyRevoked: !revoked };
  });

  route(app, ctx, API.listConflicts, async ({ device, query: readQuery }) => {
    const query = readQuery();
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
        id: c.id, kind: c.kind, recordType: recordTypeOf(c.recordType), recordId: c.recordId, spaceId: c.spaceId, field: c.field, status: c.status,
        record: records.get(`${c.recordType}:${c.recordId}`) ?? null,
        kept: { value: c.keptValue, version: c.keptVersion, at: c.keptAt?.toISOString() ?? null, user: c.keptUserId ? { id: c.keptUserId, name: c.keptUserName } : null, device: c.keptDeviceId ? { id: c.keptDeviceId, label: c.keptDeviceLabel } : null },
        proposed: { value: c.proposedValue, at: c.proposedAt.toISOString(), user: { id: c.proposedUserId, name: c.proposedUserName }, device: { id: c.proposedDeviceId, label: c.proposedDeviceLabel }, mutationId: c.mutationId },
        resolution: c.resolution, resolvedAt: c.resolvedAt?.toISOString() ?? null, resolvedBy: c.resolvedByName,
      })),
    };
  });

  route(app, ctx, API.resolveConflict, async ({ device, params, body }) => {
    const { id } = params();
    return resolveConflict(ctx.db, device, id, body(), ctx.now());
  });

  route(app, ctx, API.recordHistory, async ({ device, params }) => {
    const { type, id } = params();
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
          user: r.userId ? { id: r.userId, name: r.userName } : null,
          device: r.deviceId ? { id: r.deviceId, label: r.deviceLabel } : null,
          heldFrom: from ? { deviceLabel: from.deviceLabel, userName: from.userName, receivedAt: from.receivedAt.toISOString() } : null,
        };
      }),
    };
  });

  route(app, ctx, API.listQuarantined, async ({ device, query: readQuery }) => {
    const query = readQuery();
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
  route(app, ctx, API.acceptHeld, async ({ device, params }) => acceptHeld(ctx.db, device, params().mutationId, ctx.now()));

  route(app, ctx, API.discardHeld, async ({ device, params, body }) => {
    const { mutationId } = params();
    return discardHeld(ctx.db, device, mutationId, body().reason, ctx.now());
  });
}

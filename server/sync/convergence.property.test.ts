// Property: several devices edit offline in random interleavings, with duplicated, reordered and
// unanswered pushes; afterwards every device converges to the server, every mutation is logged exactly
// once, and every value that lost can be found in a conflict, the history or the log.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../schema/mutations.ts';
import type { PullResponse, PushRequest } from '../../schema/protocol.ts';
import type { DeviceContext } from '../auth/guard.ts';
import { createDevice } from '../db/devices.ts';
import { createSpace, createVolunteer } from '../db/people.ts';
import { DATABASES, openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { inquiryMutation } from '../test-support/fixtures.ts';
import { sameValue } from '../../schema/merge.ts';
import { pull } from './pull.ts';
import { push } from './push.ts';

const RUNS: Record<string, number> = { pglite: Number(process.env['RODYNA_PROPERTY_RUNS'] ?? 120), postgres: Number(process.env['RODYNA_PROPERTY_RUNS_PG'] ?? 80) };
const DEVICES = 3;
const FIELDS = { inquiry: ['notes'], soughtPerson: ['unit', 'rank'] } as const;
const VALUES = ['alpha', 'bravo', 'charlie', 'delta'];

type Command =
  | { kind: 'edit'; device: number; target: number; field: number; value: number }
  | { kind: 'delete'; device: number; target: number }
  | { kind: 'push'; device: number; lose: boolean; duplicate: boolean; shuffle: boolean; only: number }
  | { kind: 'pull'; device: number; limit: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.nat(DEVICES - 1), target: fc.nat(3), field: fc.nat(1), value: fc.nat(VALUES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device: fc.nat(DEVICES - 1), target: fc.nat(3) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), device: fc.nat(DEVICES - 1), lose: fc.boolean(), duplicate: fc.boolean(), shuffle: fc.boolean(), only: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), device: fc.nat(DEVICES - 1), limit: fc.integer({ min: 1, max: 5 }) }) },
);

interface Target {
  type: 'inquiry' | 'soughtPerson';
  id: string;
}

/** What a device holds: the server's records as last pulled, plus an outbox of pending mutations. */
class DeviceModel {
  records = new Map<string, { version: number; data: Record<string, unknown> }>();
  outbox: Mutation[] = [];
  nextSeq = 1;
  cursor = '0';
  constructor(readonly ctx: DeviceContext) {}

  view(id: string): Record<string, unknown> | undefined {
    return this.records.get(id)?.data;
  }
}

describe.each(DATABASES)('sync convergence on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    }, 240_000);
    afterAll(async () => {
      await database?.close();
    });

    async function newWorld(): Promise<{ devices: DeviceModel[]; targets: Target[]; spaceId: string }> {
      const db = database.db;
      const coordinatorId = randomUUID();
      await db.insertInto('app_user').values({ id: coordinatorId, login: `c-${coordinatorId}`, name: 'C', role: 'coordinator', password_hash: 'x', space_id: null, created_by: null }).execute();
      const space = await createSpace(db, { name: 'P', coordinatorId });
      const devices: DeviceModel[] = [];
      for (let i = 0; i < DEVICES; i++) {
        const user = await createVolunteer(db, { name: `V${i}`, spaceId: space.id, createdBy: coordinatorId });
        const deviceId = randomUUID();
        await createDevice(db, { id: deviceId, userId: user.id, spaceId: space.id, label: `d${i}`, refreshHash: 'x' });
        devices.push(new DeviceModel({ deviceId, label: `d${i}`, userId: user.id, userName: `V${i}`, role: 'volunteer', spaces: [space], spaceIds: [space.id], revoked: false, revokedAt: null }));
      }
      // Two inquiries created by device 0 and synced to everyone before the offline period.
      const targets: Target[] = [];
      const seed = devices[0]!;
      const creates = [inquiryMutation(1), inquiryMutation(2)];
      await push(db, seed.ctx, creates, new Date());
      seed.nextSeq = 3;
      for (const m of creates) targets.push({ type: 'inquiry', id: m.args.inquiry.id }, { type: 'soughtPerson', id: m.args.soughtPersons[0]!.id });
      for (const d of devices) await pullInto(d, 1000);
      return { devices, targets, spaceId: space.id };
    }

    async function pullInto(device: DeviceModel, limit: number): Promise<void> {
      for (;;) {
        const page: PullResponse = await pull(database.db, device.ctx, { cursor: device.cursor, limit }, new Date());
        if (page.reset) throw new Error('unexpected reset');
        // One page is applied as a unit, with its cursor.
        for (const c of page.changes) {
          if (c.deleted) device.records.delete(c.id);
          else device.records.set(c.id, { version: c.version, data: c.data ?? {} });
        }
        device.cursor = page.cursor;
        // Acknowledged mutations leave the outbox (the ack is read in the same snapshot).
        device.outbox = device.outbox.filter((m) => m.mutationSeq > page.lastAckedMutationSeq);
        if (!page.hasMore) return;
      }
    }

    async function pushFrom(device: DeviceModel, cmd: { lose: boolean; duplicate: boolean; shuffle: boolean; only: number }): Promise<void> {
      if (device.outbox.length === 0) return;
      let batch: PushRequest['mutations'] = cmd.only > 0 ? device.outbox.slice(0, cmd.only) : [...device.outbox];
      if (cmd.shuffle) batch = [...batch].reverse();
      const response = await push(database.db, device.ctx, batch, new Date());
      if (cmd.duplicate) await push(database.db, device.ctx, batch, new Date());
      if (cmd.lose) return; // The answer never reached the phone: it will resend.
      if ('expectedSeq' in response && response.results.length === 0 && response.expectedSeq !== undefined) throw new Error('gap from a well-behaved device');
      device.outbox = device.outbox.filter((m) => m.mutationSeq > response.lastAckedSeq);
    }

    it('converges, logs every mutation once and keeps every losing value', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 20 }), async (commands) => {
          const { devices, targets, spaceId } = await newWorld();
          const proposed: { id: string; field: string; value: string; mutationId: string }[] = [];
          const generated: string[] = [];
          for (const cmd of commands) {
            const device = devices[cmd.device]!;
            if (cmd.kind === 'edit' || cmd.kind === 'delete') {
              const target = targets[cmd.target]!;
              const known = device.records.get(target.id);
              if (!known) continue; // The device no longer has it (deleted).
              let m: Mutation;
              if (cmd.kind === 'edit') {
                const fields = FIELDS[target.type];
                const field = fields[cmd.field % fields.length]!;
                const value = VALUES[cmd.value]!;
                m = { mutationSeq: device.nextSeq++, mutationId: randomUUID(), name: 'patchRecord', args: { type: target.type, id: target.id, baseVersion: known.version, patch: { [field]: value } } };
                proposed.push({ id: target.id, field, value, mutationId: m.mutationId });
              } else {
                m = { mutationSeq: device.nextSeq++, mutationId: randomUUID(), name: 'deleteRecord', args: { type: target.type, id: target.id, baseVersion: known.version, reason: 'test' } };
              }
              device.outbox.push(m);
              generated.push(m.mutationId);
            } else if (cmd.kind === 'push') {
              await pushFrom(device, cmd);
            } else {
              await pullInto(device, cmd.limit);
            }
          }
          // Everyone comes online for good: push everything, then pull everything.
          for (const d of devices) await pushFrom(d, { lose: false, duplicate: false, shuffle: false, only: 0 });
          for (const d of devices) await pullInto(d, 1000);

          const server = await database.db.selectFrom('record').select(['id', 'version', 'data', 'deleted']).where('space_id', '=', spaceId).execute();
          const alive = new Map(server.filter((r) => !r.deleted).map((r) => [r.id, r]));
          for (const d of devices) {
            expect(d.outbox).toEqual([]);
            expect(new Set(d.records.keys())).toEqual(new Set(alive.keys()));
            for (const [id, local] of d.records) {
              expect(local.version).toBe(alive.get(id)?.version);
              expect(sameValue(local.data, alive.get(id)?.data)).toBe(true);
            }
          }

          const deviceIds = devices.map((d) => d.ctx.deviceId);
          const log = await database.db.selectFrom('mutation_log').select(['mutation_id', 'result', 'device_id', 'mutation_seq']).where('device_id', 'in', deviceIds).execute();
          const counts = new Map<string, number>();
          for (const row of log) counts.set(row.mutation_id, (counts.get(row.mutation_id) ?? 0) + 1);
          for (const id of generated) expect(counts.get(id)).toBe(1);
          expect(log.length).toBe(generated.length + 2);

          const history = await database.db.selectFrom('record_history').select(['id', 'data']).where('space_id', '=', spaceId).execute();
          const conflicts = await database.db.selectFrom('conflict').select(['record_id', 'field', 'proposed_value', 'mutation_id']).where('space_id', '=', spaceId).execute();
          const byMutation = new Map(log.map((r) => [r.mutation_id, r.result]));
          for (const p of proposed) {
            const inHistory = history.some((h) => h.id === p.id && h.data[p.field] === p.value);
            const inConflict = conflicts.some((c) => c.record_id === p.id && (c.field === p.field ? c.proposed_value === p.value : (c.proposed_value as Record<string, unknown> | null)?.[p.field] === p.value));
            const rejected = byMutation.get(p.mutationId) === 'rejected';
            // A patch that changed nothing (value already there) is "applied" with no new version.
            const noop = byMutation.get(p.mutationId) === 'applied';
            expect(inHistory || inConflict || rejected || noop).toBe(true);
          }
        }),
        { numRuns: RUNS[kind] ?? 100 },
      );
      // Not vacuous: the runs did produce conflicts and replays.
      const conflicts = await database.db.selectFrom('conflict').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(conflicts.n)).toBeGreaterThan(0);
    }, 600_000);
  });
});

// Property: several phones edit offline in random interleavings, with duplicated, reordered, partial and
// unanswered pushes, paged pulls, full syncs and a coordinator's deletes; the phones are the real device code
// (repositories, write gate, record cache and sync store over sealed packs and rows on fake-indexeddb, and the engine's syncNow)
// and the server is the real one, in process (Fastify through inject, on PGlite and on PostgreSQL): only the
// network edge is replaced. Every push answer is checked against an independent reading of the rules
// (docs/sync-protocol.md §5) and against the server's rows; after every complete pull each phone shows the
// server's version with its own pending patches on top; in the end every phone converges to the server, every
// mutation is logged exactly once, and every value that lost can be found in a conflict, the history or the log.
//
// One Dexie database per phone: the repositories use the module's one `db` (src/db/db.ts), so the phones take
// turns on it: before a phone acts, the rows of the phone that acted last are read out and this phone's rows
// put back, with its own data key and access token. Nothing runs between two phones' actions, so this is the
// same as each phone keeping its own database, without a test-only way to open another one in the app.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '@schema/mutations.ts';
import { typesFor } from '@schema/records.ts';
import type { MutationResult, PullResponse, PushResponse } from '@schema/protocol.ts';
import { createDataKey, newKdfParams } from '@/crypto/keys.ts';
import { setDataKey } from '@/crypto/key-holder.ts';
import { db } from '@/db/db.ts';
import { saveEnrolment } from '@/db/device.ts';
import { NotFoundError } from '@/db/errors.ts';
import { createInquiry, getInquiryDetail, patchRecord } from '@/db/inquiries.ts';
import { recordCache } from '@/db/record-cache.ts';
import { acknowledge, applyPage, getCursor, readOutbox, resetSynced } from '@/db/sync-store.ts';
import { makeIntake } from '@/db/test-support.ts';
import { DATABASES, openTestDatabase, type TestDatabase } from '../../server/test-support/databases.ts';
import { enrolVolunteer, makeApp, makeCoordinator, type Session } from '../../server/test-support/fixtures.ts';
import { setAccessToken } from './api.ts';
import { getSyncState, syncNow } from './engine.ts';

const RUNS: Record<string, number> = { pglite: Number(process.env['RODYNA_PROPERTY_RUNS'] ?? 50), postgres: Number(process.env['RODYNA_PROPERTY_RUNS_PG'] ?? 30) };
const PHONES = 3;
const FIELDS = { inquiry: ['notes'], soughtPerson: ['unit', 'rank'] } as const;
const VALUES = ['alpha', 'bravo', 'charlie', 'delta'];

type Command =
  | { kind: 'edit'; phone: number; target: number; field: number; value: number }
  | { kind: 'delete'; target: number; fresh: boolean }
  | { kind: 'push'; phone: number; lose: boolean; duplicate: boolean; shuffle: boolean; only: number }
  | { kind: 'pull'; phone: number; limit: number }
  | { kind: 'sync'; phone: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), phone: fc.nat(PHONES - 1), target: fc.nat(3), field: fc.nat(1), value: fc.nat(VALUES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat(3), fresh: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), phone: fc.nat(PHONES - 1), lose: fc.boolean(), duplicate: fc.boolean(), shuffle: fc.boolean(), only: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), phone: fc.nat(PHONES - 1), limit: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), phone: fc.nat(PHONES - 1) }) },
);

interface Target {
  type: 'inquiry' | 'soughtPerson';
  id: string;
}

type Tables = Record<string, unknown[]>;

/** A phone: its enrolment and data key, and its Dexie rows while another phone has the database. */
interface Phone {
  session: Session;
  key: CryptoKey;
  rows: Tables;
}

let active: Phone | null = null;

async function swapRows(next: Tables): Promise<Tables> {
  return db.transaction('rw', db.tables, async () => {
    const out: Tables = {};
    for (const table of db.tables) {
      out[table.name] = await table.toArray();
      await table.clear();
      await table.bulkPut(next[table.name] ?? []);
    }
    return out;
  });
}

/** Gives the database, the data key and the access token to `phone`. */
async function takeTurn(phone: Phone): Promise<void> {
  if (active === phone) return;
  // Cleared first, as a lock does: a compaction begun on the last phone's records then writes nothing.
  recordCache.clear();
  const rows = await swapRows(phone.rows);
  if (active) active.rows = rows;
  active = phone;
  setDataKey(phone.key);
  setAccessToken(phone.session.accessToken, phone.session.expiresIn);
  // The record cache is built on unlock in the app; here it is read again from this phone's stored form
  // (packs and rows) at its next use, and must hold no other phone's records.
  recordCache.clear();
}

async function newPhone(session: Session): Promise<Phone> {
  const { key } = await createDataKey('test passphrase long', { ...newKdfParams(), algo: 'pbkdf2-sha256', iterations: 1000 });
  const phone: Phone = { session, key, rows: {} };
  await takeTurn(phone);
  await saveEnrolment(session);
  return phone;
}

/** What the phone holds of a record: its sync state and its unsealed data, as the record cache reads them. */
async function viewOf(id: string): Promise<{ version: number; pending: boolean; data: Record<string, unknown> } | undefined> {
  await recordCache.ready();
  const held = recordCache.find(id);
  if (!held) return undefined;
  return { version: held.version, pending: held.pending, data: held.data as Record<string, unknown> };
}

/** Key order never matters to the rules; compare records as JSON with sorted keys. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
  return value;
}

describe.each(DATABASES)('sync convergence of real phones on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      app = await makeApp(database);
      // The network edge: the engine's fetch goes to the server in process, through the same checks.
      globalThis.fetch = async (input, init) => {
        const auth = new Headers(init?.headers).get('authorization') ?? '';
        const { status, body } = await world.network(new URL(String(input), 'http://app').pathname, init?.body ? JSON.parse(String(init.body)) : undefined, auth);
        return new Response(body || null, { status, headers: { 'content-type': 'application/json' } });
      };
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    interface ServerRecord {
      id: string;
      version: number;
      deleted: boolean;
      data: Record<string, unknown>;
      fieldVersions: Record<string, { version: number; deviceId: string }>;
    }

    /** One run's world: a gathering point, its coordinator, three phones, and what the server answered. */
    class World {
      phones: Phone[] = [];
      targets: Target[] = [];
      coordinator!: Session;
      spaceId = '';
      coordinatorSeq = 0;
      /** The first answer to every mutation, which a replay must repeat. */
      first = new Map<string, MutationResult>();
      /** Every patch a phone's repository wrote to its outbox. */
      proposed: { id: string; field: string; value: string; mutationId: string }[] = [];
      generated: string[] = [];
      counts = { applied: 0, conflict: 0, rejected: 0, duplicate: 0 };
      /** The first wrong answer the network edge saw. */
      failure: unknown = null;
      /** Patches the server answered `applied` without writing a version (it held that value already). */
      noops = new Set<string>();
      /** Per phone, the last patch it wrote of each record. */
      lastPatch = new Map<Phone, Map<string, string>>();

      /**
       * A record may stay marked pending with no change waiting only after a patch the server found equal to
       * what it held (schema/merge.ts needsServerVersion): no version is written, so nothing clears the mark.
       */
      mayStayPending(phone: Phone, id: string): boolean {
        const last = this.lastPatch.get(phone)?.get(id);
        return last !== undefined && this.noops.has(last);
      }

      async serverRecords(): Promise<Map<string, ServerRecord>> {
        // What a volunteer phone may hold: the space's records of the types its audience includes (the server
        // also files coordinators' records there, such as suggested candidate matches).
        const rows = await database.db
          .selectFrom('record')
          .select(['id', 'version', 'deleted', 'data', 'field_versions'])
          .where('space_id', '=', this.spaceId)
          .where('type', 'in', typesFor('volunteer'))
          .execute();
        return new Map(rows.map((r) => [r.id, { id: r.id, version: r.version, deleted: r.deleted, data: r.data, fieldVersions: r.field_versions }]));
      }

      async network(path: string, body: unknown, authorization: string): Promise<{ status: number; body: string }> {
        const isPush = path === '/v1/sync/push';
        const before = isPush ? await this.serverState(authorization) : null;
        const response = await app.inject({ method: 'POST', url: path, headers: authorization ? { authorization } : {}, ...(body === undefined ? {} : { payload: body as object }) });
        if (before && response.statusCode === 200) {
          // Kept, since the engine would report an error thrown from its fetch as "offline".
          await this.checkAnswer(before, (body as { mutations: Mutation[] }).mutations, response.json<PushResponse>()).catch((error: unknown) => {
            this.failure ??= error;
            throw error;
          });
        }
        return { status: response.statusCode, body: response.body };
      }

      deviceOf(authorization: string): string {
        const session = [this.coordinator, ...this.phones.map((p) => p.session)].find((s) => s.auth.authorization === authorization);
        if (!session) throw new Error('a push from an unknown device');
        return session.deviceId;
      }

      async serverState(authorization: string) {
        const deviceId = this.deviceOf(authorization);
        const records = await this.serverRecords();
        const history = await database.db.selectFrom('record_history').select(['id', 'version', 'changed_by_device']).where('space_id', '=', this.spaceId).execute();
        const device = await database.db.selectFrom('device').select('last_mutation_seq').where('id', '=', deviceId).executeTakeFirstOrThrow();
        return { deviceId, records, history: history.map((h) => ({ id: h.id, version: h.version, deviceId: h.changed_by_device })), lastAcked: Number(device.last_mutation_seq) };
      }

      /**
       * The server's answer to a push, checked mutation by mutation against the rules read independently of
       * the code under test (no schema/merge.ts here): what should have applied, conflicted or been refused,
       * and then the server's rows against the records those decisions make.
       */
      async checkAnswer(before: Awaited<ReturnType<World['serverState']>>, sent: Mutation[], answer: PushResponse): Promise<void> {
        expect('expectedSeq' in answer, 'a well-behaved phone never leaves a gap').toBe(false);
        const { deviceId } = before;
        const records = new Map([...before.records].map(([id, r]) => [id, structuredClone(r)]));
        const history = [...before.history];
        const bySeq = new Map(sent.map((m) => [m.mutationSeq, m]));
        expect(answer.results.map((r) => r.mutationSeq)).toEqual([...bySeq.keys()].sort((a, b) => a - b));
        for (const result of answer.results) {
          const m = bySeq.get(result.mutationSeq)!;
          expect(result.mutationId).toBe(m.mutationId);
          const first = this.first.get(m.mutationId);
          if (m.mutationSeq <= before.lastAcked || first) {
            // A replay answers the first outcome again and changes nothing.
            expect(result.result).toBe('duplicate');
            expect(result.originalResult).toBe(first?.result);
            this.counts.duplicate += 1;
            continue;
          }
          this.first.set(m.mutationId, result);
          if (m.name === 'createInquiry') {
            expect(result.result).toBe('applied');
            continue;
          }
          if (m.name !== 'patchRecord' && m.name !== 'deleteRecord') throw new Error(`unexpected ${m.name}`);
          const { id, baseVersion } = m.args;
          const record = records.get(id);
          if (!record) throw new Error('a mutation of a record the world never had');
          const othersSince = history.some((h) => h.id === id && h.version > baseVersion && h.deviceId !== deviceId);
          let expected: string;
          if (m.name === 'deleteRecord') {
            if (record.deleted) expected = 'rejected already_deleted';
            else if (baseVersion > record.version) expected = 'rejected base_version_ahead';
            else if (othersSince) expected = 'conflict';
            else {
              expected = 'applied';
              record.deleted = true;
              record.version += 1;
              history.push({ id, version: record.version, deviceId });
            }
          } else if (baseVersion > record.version) {
            expected = 'rejected base_version_ahead';
          } else if (record.deleted) {
            expected = othersSince ? 'conflict record_deleted' : 'rejected record_deleted';
          } else {
            const applied: Record<string, unknown> = {};
            let conflicts = 0;
            for (const [field, value] of Object.entries(m.args.patch)) {
              if (record.data[field] === value) continue;
              const last = record.fieldVersions[field];
              if (last && last.version > baseVersion && last.deviceId !== deviceId) conflicts += 1;
              else applied[field] = value;
            }
            expected = conflicts ? 'conflict' : 'applied';
            if (!conflicts && Object.keys(applied).length === 0) this.noops.add(m.mutationId);
            if (Object.keys(applied).length) {
              record.version += 1;
              record.data = { ...record.data, ...applied };
              for (const field of Object.keys(applied)) record.fieldVersions[field] = { version: record.version, deviceId };
              history.push({ id, version: record.version, deviceId });
            }
          }
          expect(`${result.result}${result.reason && expected.includes(' ') ? ` ${result.reason}` : ''}`, `${m.name} ${JSON.stringify(m.args)}`).toBe(expected);
          if (result.result === 'applied' || result.result === 'conflict' || result.result === 'rejected') this.counts[result.result] += 1;
          if (result.result === 'conflict') {
            // Both values are kept: the conflict names the proposed value and the one that stayed.
            const rows = await database.db.selectFrom('conflict').select(['id', 'field', 'kept_value', 'proposed_value']).where('mutation_id', '=', m.mutationId).execute();
            expect(rows.map((r) => r.id).sort()).toEqual([...(result.conflictIds ?? [])].sort());
            if (m.name === 'patchRecord' && !record.deleted) {
              for (const row of rows) {
                expect(row.proposed_value).toEqual(m.args.patch[row.field ?? '']);
                expect(row.kept_value).toEqual(record.data[row.field ?? '']);
              }
            }
          }
        }
        // The server's rows are what those decisions make.
        const after = await this.serverRecords();
        for (const [id, expected] of records) {
          const actual = after.get(id);
          expect({ id, version: actual?.version, deleted: actual?.deleted, data: sorted(actual?.data) }).toEqual({ id, version: expected.version, deleted: expected.deleted, data: sorted(expected.data) });
        }
      }

      async pushFrom(phone: Phone, cmd: { lose: boolean; duplicate: boolean; shuffle: boolean; only: number }): Promise<void> {
        await takeTurn(phone);
        const entries = await readOutbox(cmd.only > 0 ? cmd.only : 1000);
        if (entries.length === 0) return;
        const batch = cmd.shuffle ? [...entries].reverse() : entries;
        const response = await this.network('/v1/sync/push', { mutations: batch }, phone.session.auth.authorization);
        expect(response.status).toBe(200);
        if (cmd.duplicate) expect((await this.network('/v1/sync/push', { mutations: batch }, phone.session.auth.authorization)).status).toBe(200);
        if (cmd.lose) return; // The answer never reached the phone: it will send these again.
        const answer = JSON.parse(response.body) as PushResponse;
        await acknowledge(answer.lastAckedSeq, answer.results);
      }

      /** Pulls page by page with the phone's sync store until nothing more, then checks what the phone shows. */
      async pullInto(phone: Phone, limit: number): Promise<void> {
        await takeTurn(phone);
        for (;;) {
          const response = await this.network('/v1/sync/pull', { cursor: await getCursor(), limit }, phone.session.auth.authorization);
          expect(response.status).toBe(200);
          const page = JSON.parse(response.body) as PullResponse;
          if (page.reset) await resetSynced();
          else await applyPage(page.changes, page.cursor);
          if (!page.hasMore) break;
        }
        await this.expectShowsServer(phone);
      }

      async sync(phone: Phone): Promise<void> {
        await takeTurn(phone);
        await syncNow();
        if (this.failure) throw this.failure;
        expect(getSyncState()).toEqual({ phase: 'idle', lastError: null });
        await this.expectShowsServer(phone);
      }

      /**
       * Right after a complete pull the phone is up to date: each record shows the server's version with the
       * phone's pending patches (its outbox, in order) on top, is pending exactly while the outbox holds a
       * change of it, and a record deleted on the server is gone unless a change of it still waits.
       */
      async expectShowsServer(phone: Phone): Promise<void> {
        await takeTurn(phone);
        const outbox = await readOutbox(1000);
        const server = await this.serverRecords();
        for (const target of this.targets) {
          const mutations = outbox.filter((m) => (m.name === 'patchRecord' && m.args.id === target.id) || (m.name === 'createInquiry' && [m.args.inquiry.id, ...m.args.soughtPersons.map((p) => p.id)].includes(target.id)));
          const patches = mutations.flatMap((m) => (m.name === 'patchRecord' ? [m.args.patch] : []));
          const record = server.get(target.id);
          const view = await viewOf(target.id);
          const where = `${target.type} ${target.id} on phone ${this.phones.indexOf(phone)}`;
          if (!record || record.deleted) {
            if (mutations.length === 0) expect(view, where).toBeUndefined();
            continue;
          }
          expect(view, where).toBeDefined();
          if (mutations.length > 0 || !this.mayStayPending(phone, target.id)) expect(view?.pending, where).toBe(mutations.length > 0);
          if (mutations.length === 0) expect(view?.version, where).toBe(record.version);
          let shown: Record<string, unknown> = record.data;
          for (const patch of patches) shown = { ...shown, ...patch };
          for (const field of [...FIELDS.inquiry, ...FIELDS.soughtPerson]) expect(view?.data[field], `${where}: ${field}`).toEqual(shown[field]);
        }
      }
    }

    let world: World;

    async function newWorld(): Promise<World> {
      const w = new World();
      world = w;
      const { session, spaceId } = await makeCoordinator(app, database);
      w.coordinator = session;
      w.spaceId = spaceId;
      for (let i = 0; i < PHONES; i++) w.phones.push(await newPhone(await enrolVolunteer(app, session, spaceId, `V${i}`)));
      // Two inquiries registered on phone 0 and synced to every phone before the offline period.
      const seed = w.phones[0]!;
      await takeTurn(seed);
      for (const surname of ['Олійник', 'Шевчук']) {
        const { id } = await createInquiry(makeIntake({ surname }));
        const detail = await getInquiryDetail(id);
        w.targets.push({ type: 'inquiry', id }, { type: 'soughtPerson', id: detail.inquiry.soughtPersonIds[0]! });
      }
      for (const phone of w.phones) await w.sync(phone);
      return w;
    }

    async function run(w: World, commands: Command[]): Promise<void> {
      await steps(w, commands);
      await settle(w);
    }

    async function steps(w: World, commands: Command[]): Promise<void> {
      for (const cmd of commands) {
        if (cmd.kind === 'edit') {
          const phone = w.phones[cmd.phone]!;
          const target = w.targets[cmd.target]!;
          const fields = FIELDS[target.type];
          const field = fields[cmd.field % fields.length]!;
          const value = VALUES[cmd.value]!;
          await takeTurn(phone);
          let changed: string[];
          try {
            changed = await patchRecord(target.type, target.id, { [field]: value });
          } catch (error) {
            if (error instanceof NotFoundError) continue; // The phone no longer has it (deleted).
            throw error;
          }
          if (changed.length === 0) continue; // Already that value on this phone: the repository writes nothing.
          const written = (await readOutbox(1000)).at(-1)!;
          expect(written).toMatchObject({ name: 'patchRecord', args: { type: target.type, id: target.id, patch: { [field]: value } } });
          w.proposed.push({ id: target.id, field, value, mutationId: written.mutationId });
          w.lastPatch.set(phone, (w.lastPatch.get(phone) ?? new Map()).set(target.id, written.mutationId));
          w.generated.push(written.mutationId);
        } else if (cmd.kind === 'delete') {
          // The phones have no delete; a coordinator deletes, with the version it knows (fresh, or from the start).
          const target = w.targets[cmd.target]!;
          const current = (await w.serverRecords()).get(target.id);
          const m: Mutation = { mutationSeq: ++w.coordinatorSeq, mutationId: crypto.randomUUID(), name: 'deleteRecord', args: { type: target.type, id: target.id, baseVersion: cmd.fresh ? (current?.version ?? 1) : 1, reason: 'test' } };
          expect((await w.network('/v1/sync/push', { mutations: [m] }, w.coordinator.auth.authorization)).status).toBe(200);
        } else if (cmd.kind === 'push') {
          await w.pushFrom(w.phones[cmd.phone]!, cmd);
        } else if (cmd.kind === 'pull') {
          await w.pullInto(w.phones[cmd.phone]!, cmd.limit);
        } else {
          await w.sync(w.phones[cmd.phone]!);
        }
      }
    }

    /** Every phone comes online for good: two rounds of syncs, so each sees what the others pushed. */
    async function settle(w: World): Promise<void> {
      for (let round = 0; round < 2; round++) for (const phone of w.phones) await w.sync(phone);
    }

    async function expectConverged(w: World): Promise<void> {
      const server = await w.serverRecords();
      for (const phone of w.phones) {
        await takeTurn(phone);
        expect(await readOutbox(1000)).toEqual([]);
        await recordCache.ready();
        const rows = [...recordCache.all()];
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set([...server.values()].filter((r) => !r.deleted).map((r) => r.id)));
        for (const row of rows) {
          const view = await viewOf(row.id);
          if (!w.mayStayPending(phone, row.id)) expect(view?.pending).toBe(false);
          expect(view?.version).toBe(server.get(row.id)?.version);
          expect(sorted(view?.data)).toEqual(sorted(server.get(row.id)?.data));
        }
      }
      const deviceIds = w.phones.map((p) => p.session.deviceId);
      const log = await database.db.selectFrom('mutation_log').select(['mutation_id', 'result']).where('device_id', 'in', deviceIds).execute();
      const counts = new Map<string, number>();
      for (const row of log) counts.set(row.mutation_id, (counts.get(row.mutation_id) ?? 0) + 1);
      for (const id of w.generated) expect(counts.get(id)).toBe(1);
      expect(log.length).toBe(w.generated.length + 2);

      const history = await database.db.selectFrom('record_history').select(['id', 'data']).where('space_id', '=', w.spaceId).execute();
      const conflicts = await database.db.selectFrom('conflict').select(['record_id', 'field', 'proposed_value']).where('space_id', '=', w.spaceId).execute();
      const byMutation = new Map(log.map((r) => [r.mutation_id, r.result]));
      for (const p of w.proposed) {
        const inHistory = history.some((h) => h.id === p.id && h.data[p.field] === p.value);
        const inConflict = conflicts.some((c) => c.record_id === p.id && (c.field === p.field ? c.proposed_value === p.value : (c.proposed_value as Record<string, unknown> | null)?.[p.field] === p.value));
        const rejected = byMutation.get(p.mutationId) === 'rejected';
        // A patch of a value the server already had is "applied" with no new version.
        const noop = byMutation.get(p.mutationId) === 'applied';
        expect(inHistory || inConflict || rejected || noop).toBe(true);
      }
    }

    it('a field edited on a phone after it pulled another phone\'s change of it shows the kept value once answered', async () => {
      // Found by the property below: the phone pulls the other value, rebases its pending edit on it, pushes,
      // gets a conflict — and no later pull would bring the record again, since the server did not change it.
      const w = await newWorld();
      const b = w.phones[1]!;
      const target = w.targets[0]!;
      const push = { lose: false, duplicate: false, shuffle: false, only: 0 };
      await steps(w, [
        { kind: 'edit', phone: 0, target: 0, field: 0, value: 0 },
        { kind: 'push', phone: 0, ...push },
        { kind: 'edit', phone: 1, target: 0, field: 0, value: 1 },
        { kind: 'pull', phone: 1, limit: 100 },
      ]);
      expect((await viewOf(target.id))?.data['notes']).toBe(VALUES[1]);
      await w.pushFrom(b, push);
      expect(w.counts.conflict).toBe(1);
      await w.pullInto(b, 100);
      expect(await viewOf(target.id)).toMatchObject({ pending: false, data: { notes: VALUES[0] } });
      await settle(w);
      await expectConverged(w);
    });

    it('an edit of a record a coordinator deleted meanwhile leaves the phone once the server answered', async () => {
      const w = await newWorld();
      const phone = w.phones[1]!;
      const target = w.targets[1]!;
      await run(w, [{ kind: 'edit', phone: 1, target: 1, field: 0, value: 2 }, { kind: 'delete', target: 1, fresh: true }, { kind: 'pull', phone: 1, limit: 100 }]);
      expect(w.counts.conflict).toBe(1);
      await takeTurn(phone);
      expect(await viewOf(target.id)).toBeUndefined();
      await expectConverged(w);
    });

    it('converges, answers every mutation by the rules, logs each once and keeps every losing value', async () => {
      const totals = { applied: 0, conflict: 0, rejected: 0, duplicate: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 16 }), async (commands) => {
          const w = await newWorld();
          await run(w, commands);
          await expectConverged(w);
          for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += w.counts[k];
        }),
        { numRuns: RUNS[kind] ?? 20 },
      );
      // Not vacuous: the runs did apply, conflict, refuse and replay.
      expect(totals.applied).toBeGreaterThan(0);
      expect(totals.conflict).toBeGreaterThan(0);
      expect(totals.duplicate).toBeGreaterThan(0);
    }, 600_000);
  });
});

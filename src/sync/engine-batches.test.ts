// Writes that scale to lists, end to end: a 1,212-entry import stored all or nothing and pushed in batches
// sized in bytes; a mutation over the size limit refused before it is stored; a 413 splitting the batch down to
// one mutation, and one the server still refuses answered too large so the outbox moves on. Real Dexie over
// fake-indexeddb, real Fastify on embedded PGlite; only fetch is replaced by inject.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeInput } from '@schema/inquiry.ts';
import { MAX_MUTATION_BYTES, MAX_PUSH_BATCH, MAX_PUSH_BODY_BYTES, type SessionResponse } from '@schema/protocol.ts';
import { openTestDatabase, type TestDatabase } from '../../server/test-support/databases.ts';
import { enrolVolunteer, makeApp, makeCoordinator, type Session } from '../../server/test-support/fixtures.ts';
import { db } from '@/db/db.ts';
import { saveEnrolment } from '@/db/device.ts';
import { MutationTooLargeError, ValidationError } from '@/db/errors.ts';
import { createInquiries, createInquiry, getInquiryDetail, getTimeline } from '@/db/inquiries.ts';
import { getSyncStatus } from '@/db/sync-store.ts';
import { freshUnlockedDb, makeIntake } from '@/db/test-support.ts';
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal } from '@/crypto/seal.ts';
import { outboxContext } from '@/db/seal-context.ts';
import { forgetAccessToken } from './api.ts';
import { getSyncState, syncNow } from './engine.ts';

let database: TestDatabase;
let app: FastifyInstance;
/** The app the phone talks to: a test may swap in one with a lower body limit on the same database. */
let server: FastifyInstance;
let coordinator: Session;
let spaceId: string;
/** Every push the phone made: its body's size in bytes, its mutation count and the answer's status. */
let pushes: { bytes: number; count: number; status: number }[] = [];

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  app = await makeApp(database);
  server = app;
  ({ session: coordinator, spaceId } = await makeCoordinator(app, database));
  globalThis.fetch = async (input, init) => {
    const body = init?.body ? String(init.body) : undefined;
    const response = await server.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(body ? { payload: body } : {}),
    });
    if (String(input) === '/v1/sync/push' && body) {
      pushes.push({ bytes: Buffer.byteLength(body), count: (JSON.parse(body) as { mutations: unknown[] }).mutations.length, status: response.statusCode });
    }
    return new Response(response.body || null, { status: response.statusCode, headers: { 'content-type': 'application/json' } });
  };
}, 120_000);

afterAll(async () => {
  await app.close();
  await database.close();
});

let volunteer: SessionResponse;

beforeEach(async () => {
  await freshUnlockedDb();
  forgetAccessToken();
  server = app;
  pushes = [];
  volunteer = await enrolVolunteer(app, coordinator, spaceId, 'Olena');
  await saveEnrolment(volunteer);
});

/** Letters only (names allow no digits): a distinct surname per row. */
const surnameOf = (i: number) => `Прізвище-${[...String(i)].map((d) => 'абвгґдежзи'[Number(d)]).join('')}`;

/** An intake whose notes take about `bytes` in UTF-8 (Cyrillic: two bytes a letter). */
function intakeOfSize(i: number, bytes: number): IntakeInput {
  const intake = makeIntake({ surname: surnameOf(i) });
  return { ...intake, inquiry: { ...intake.inquiry, notes: 'я'.repeat(Math.min(5000, Math.floor(bytes / 2))) } };
}

async function inquiriesOnServer(): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor = '0';
  for (;;) {
    const page = (await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: coordinator.auth, payload: { cursor, limit: 1000 } })).json();
    for (const c of page.changes) if (c.type === 'inquiry') ids.add(c.id);
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

describe('writes that scale to lists', () => {
  it('stores a 1,212-entry import all at once and pushes it in batches sized in bytes, every entry applied', async () => {
    // About 7 KB each, so the body limit, not the count limit, cuts the batches.
    const created = await createInquiries(Array.from({ length: 1212 }, (_, i) => intakeOfSize(i, 7000)));
    expect(created).toHaveLength(1212);
    expect((await db.outbox.toArray()).map((e) => e.mutationSeq)).toEqual(Array.from({ length: 1212 }, (_, i) => i + 1));
    await syncNow();
    expect(getSyncState()).toEqual({ phase: 'idle', lastError: null });
    expect(await db.outbox.count()).toBe(0);
    expect(pushes.every((p) => p.status === 200 && p.bytes <= MAX_PUSH_BODY_BYTES)).toBe(true);
    expect(pushes.reduce((sum, p) => sum + p.count, 0)).toBe(1212);
    expect(pushes.length).toBeGreaterThanOrEqual(8);
    // Batches are filled close to the limit, far from the 500-mutation count limit.
    expect(Math.max(...pushes.map((p) => p.bytes))).toBeGreaterThan(MAX_PUSH_BODY_BYTES * 0.98);
    expect(Math.max(...pushes.map((p) => p.count))).toBeLessThan(MAX_PUSH_BATCH);
    const onServer = await inquiriesOnServer();
    expect(created.every((c) => onServer.has(c.id))).toBe(true);
    expect((await getInquiryDetail(created[1211]!.id)).state[created[1211]!.id]).toMatchObject({ pending: false });
  }, 300_000);

  it('an import with one invalid row stores nothing and names the row', async () => {
    const rows = [makeIntake(), { ...makeIntake(), familyContact: { ...makeIntake().familyContact, phones: [] } }, makeIntake()];
    const error = await createInquiries(rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('1.familyContact.phones');
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses an inquiry over the mutation size limit before storing it; the form values are schema-valid', async () => {
    const big = makeIntake();
    const text = 'я'.repeat(5000);
    const person = { ...big.soughtPersons[0]!, circumstances: text, witnessAccounts: text, clothing: text, effects: text, dentalNotes: text, implants: text };
    const tooBig: IntakeInput = {
      ...big,
      soughtPersons: Array.from({ length: 10 }, () => ({ ...person, marks: Array.from({ length: 4 }, () => ({ kind: 'scar' as const, location: 'back' as const, description: text })) })),
    };
    const error = await createInquiry(tooBig).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MutationTooLargeError);
    expect((error as MutationTooLargeError).bytes).toBeGreaterThan(MAX_MUTATION_BYTES);
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // Control: with fewer sought persons the same texts fit, are stored, pushed and applied.
    const fits = await createInquiry({ ...tooBig, soughtPersons: tooBig.soughtPersons.slice(0, 4) });
    await syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect((await inquiriesOnServer()).has(fits.id)).toBe(true);
  }, 60_000);

  it('a 413 halves the batch until the server takes it, and every entry is applied', async () => {
    server = await makeApp(database, { limits: { pushBodyBytes: 40_000 } });
    try {
      const created = await createInquiries(Array.from({ length: 12 }, (_, i) => intakeOfSize(i, 7000)));
      await syncNow();
      expect(getSyncState()).toEqual({ phase: 'idle', lastError: null });
      expect(await db.outbox.count()).toBe(0);
      expect(pushes[0]).toMatchObject({ status: 413, count: 12 });
      expect(pushes.filter((p) => p.status === 413).map((p) => p.count)).toEqual([12, 6]);
      expect(pushes.filter((p) => p.status === 200).every((p) => p.count <= 3 && p.bytes <= 40_000)).toBe(true);
      const onServer = await inquiriesOnServer();
      expect(created.every((c) => onServer.has(c.id))).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('an outbox entry over the limit (stored by an older app) is sent by size only, and the outbox moves on', async () => {
    const legacy = await createInquiry(makeIntake({ surname: 'Старий' }));
    const next = await createInquiry(makeIntake({ surname: 'Новий' }));
    // Make the first entry what an app without the limit could have stored: 1.5 MB of notes, sealed as before.
    const [entry] = await db.outbox.orderBy('mutationSeq').limit(1).toArray();
    const key = getDataKey();
    const args = await unseal<{ inquiry: { notes: string } }>(key, entry!.sealed, outboxContext(entry!));
    args.inquiry.notes = 'я'.repeat(750_000);
    await db.outbox.put({ ...entry!, sealed: await seal(key, args, outboxContext(entry!)) });
    await syncNow();
    expect(getSyncState()).toEqual({ phase: 'idle', lastError: null });
    expect(await db.outbox.count()).toBe(0);
    // Never sent whole: one push of the size-only entry and the next one, under the body limit.
    expect(pushes).toEqual([{ bytes: expect.any(Number), count: 2, status: 200 }]);
    expect(pushes[0]!.bytes).toBeLessThan(10_000);
    expect(await getSyncStatus()).toMatchObject({ rejected: 1, tooLarge: 1 });
    const onServer = await inquiriesOnServer();
    expect(onServer.has(next.id)).toBe(true);
    expect(onServer.has(legacy.id)).toBe(false);
  }, 60_000);

  it('one mutation the server refuses even alone is sent by size, answered too large, and the outbox moves on', async () => {
    server = await makeApp(database, { limits: { pushBodyBytes: 6_000 } });
    try {
      const large = await createInquiry(intakeOfSize(1, 8000));
      const small = await createInquiry(makeIntake());
      await syncNow();
      expect(getSyncState()).toEqual({ phase: 'idle', lastError: null });
      expect(await db.outbox.count()).toBe(0);
      expect(pushes.map((p) => [p.count, p.status])).toEqual([[2, 413], [1, 413], [1, 200], [1, 200]]);
      expect(await getSyncStatus()).toMatchObject({ rejected: 1, tooLarge: 1 });
      // The phone keeps what was typed (marked not synced) and its timeline says why it was not accepted.
      expect((await getInquiryDetail(large.id)).state[large.id]).toMatchObject({ pending: true });
      expect((await getTimeline([large.id])).at(-1)).toMatchObject({ action: 'rejected', fields: [expect.stringMatching(/^too_large \d+$/)] });
      const onServer = await inquiriesOnServer();
      expect(onServer.has(small.id)).toBe(true);
      expect(onServer.has(large.id)).toBe(false);
      const logged = await database.db.selectFrom('mutation_log').select(['mutation_seq', 'result', 'reason']).where('device_id', '=', volunteer.deviceId).orderBy('mutation_seq').execute();
      expect(logged.map((r) => [Number(r.mutation_seq), r.result, r.reason?.split(' ')[0] ?? null])).toEqual([[1, 'rejected', 'too_large'], [2, 'applied', null]]);
    } finally {
      await server.close();
    }
  }, 60_000);
});

// The device's sync engine against the real server, in process: real Dexie over fake-indexeddb on the device
// side, real Fastify on embedded PGlite on the other. Only the network edge (fetch) is replaced by inject.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse, SessionResponse } from '@schema/protocol.ts';
import { openTestDatabase, type TestDatabase } from '../../server/test-support/databases.ts';
import { enrolVolunteer, makeApp, makeCoordinator, type Session } from '../../server/test-support/fixtures.ts';
import { db } from '@/db/db.ts';
import { getEnrolment, saveEnrolment } from '@/db/device.ts';
import { createInquiry, getInquiryDetail, getTimeline, patchRecord } from '@/db/inquiries.ts';
import { getCursor, getSyncStatus, purgeExpired } from '@/db/sync-store.ts';
import { setMeta } from '@/db/meta.ts';
import { freshUnlockedDb, makeIntake } from '@/db/test-support.ts';
import { forgetAccessToken } from './api.ts';
import { getSyncState, syncNow } from './engine.ts';

let database: TestDatabase;
let app: FastifyInstance;
let coordinator: Session;
let spaceId: string;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  app = await makeApp(database);
  ({ session: coordinator, spaceId } = await makeCoordinator(app, database));
  globalThis.fetch = async (input, init) => {
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.body ? { payload: String(init.body) } : {}),
    });
    return new Response(response.body || null, { status: response.statusCode, headers: { 'content-type': 'application/json' } });
  };
});

afterAll(async () => {
  await app.close();
  await database.close();
});

let volunteer: SessionResponse;

beforeEach(async () => {
  await freshUnlockedDb();
  forgetAccessToken();
  volunteer = await enrolVolunteer(app, coordinator, spaceId, 'Olena');
  await saveEnrolment(volunteer);
});

async function coordinatorPull(): Promise<Map<string, Record<string, unknown>>> {
  const seen = new Map<string, Record<string, unknown>>();
  let cursor = '0';
  for (;;) {
    const page = (await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: coordinator.auth, payload: { cursor } })).json();
    for (const c of page.changes) seen.set(c.id, { ...c.data, version: c.version });
    cursor = page.cursor;
    if (!page.hasMore) return seen;
  }
}

let coordinatorSeq = 0;
async function coordinatorPatch(type: string, id: string, baseVersion: number, patch: Record<string, unknown>): Promise<PushResponse> {
  coordinatorSeq += 1;
  const response = await app.inject({
    method: 'POST', url: '/v1/sync/push', headers: coordinator.auth,
    payload: { mutations: [{ mutationSeq: coordinatorSeq, mutationId: crypto.randomUUID(), name: 'patchRecord', args: { type, id, baseVersion, patch } }] },
  });
  return response.json();
}

describe('sync engine', () => {
  it('pushes inquiries registered offline, empties the outbox and receives server versions', async () => {
    const first = await createInquiry(makeIntake({ surname: 'Олійник' }));
    const second = await createInquiry(makeIntake({ surname: 'Шевчук' }));
    expect(await db.outbox.count()).toBe(2);
    await syncNow();
    expect(getSyncState()).toEqual({ phase: 'idle', lastError: null });
    expect(await db.outbox.count()).toBe(0);
    const detail = await getInquiryDetail(first.id);
    expect(detail.state[first.id]).toMatchObject({ pending: false });
    expect(detail.state[first.id]!.version).toBeGreaterThan(0);
    expect(await getCursor()).not.toBe('0');
    expect((await getSyncStatus()).lastSyncAt).not.toBeNull();
    const server = await coordinatorPull();
    expect(server.get(first.id)).toMatchObject({ reference: first.reference });
    expect(server.get(second.id)).toMatchObject({ reference: second.reference });
  });

  it("brings a coordinator's edit to the phone and keeps a local edit made meanwhile", async () => {
    const { id } = await createInquiry(makeIntake());
    await syncNow();
    const { familyContact, state } = await getInquiryDetail(id);
    const answer = await coordinatorPatch('familyContact', familyContact.id, state[familyContact.id]!.version, { region: 'sumy' });
    expect('results' in answer && answer.results[0]?.result).toBe('applied');
    await patchRecord('familyContact', familyContact.id, { givenName: 'Ганна' });
    await syncNow();
    const after = await getInquiryDetail(id);
    expect(after.familyContact).toMatchObject({ region: 'sumy', givenName: 'Ганна' });
    expect(after.state[familyContact.id]!.pending).toBe(false);
    expect((await coordinatorPull()).get(familyContact.id)).toMatchObject({ region: 'sumy', givenName: 'Ганна' });
  });

  it('a field changed on both sides keeps the first accepted value and notes the conflict on the phone', async () => {
    const { id } = await createInquiry(makeIntake());
    await syncNow();
    const { inquiry, state } = await getInquiryDetail(id);
    await coordinatorPatch('inquiry', id, state[id]!.version, { notes: 'coordinator note' });
    await patchRecord('inquiry', inquiry.id, { notes: 'volunteer note' });
    await syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect((await getInquiryDetail(id)).inquiry.notes).toBe('coordinator note');
    expect((await getTimeline([id])).map((t) => t.action)).toContain('conflict');
    const conflicts = (await app.inject({ method: 'GET', url: '/v1/conflicts', headers: coordinator.auth })).json();
    expect(JSON.stringify(conflicts)).toContain('volunteer note');
  });

  it('starts over when the server says reset, keeping what is still pending', async () => {
    const synced = await createInquiry(makeIntake({ surname: 'Бондар' }));
    await syncNow();
    await setMeta('syncCursor', '999999999');
    const pendingOne = await createInquiry(makeIntake({ surname: 'Ткаченко' }));
    await syncNow();
    expect(await getCursor()).not.toBe('999999999');
    expect((await getInquiryDetail(synced.id)).inquiry.reference).toBe(synced.reference);
    expect((await getInquiryDetail(pendingOne.id)).inquiry.reference).toBe(pendingOne.reference);
  });

  it('a revoked phone hands its unsent registrations over for quarantine, then wipes itself', async () => {
    await createInquiry(makeIntake());
    await syncNow();
    const revoke = await app.inject({ method: 'POST', url: `/v1/devices/${volunteer.deviceId}/revoke`, headers: coordinator.auth });
    expect(revoke.statusCode).toBe(200);
    forgetAccessToken();
    const late = [await createInquiry(makeIntake({ surname: 'Пізній' })), await createInquiry(makeIntake({ surname: 'Останній' }))];
    await syncNow();
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await getEnrolment()).toBeUndefined();
    // Both registrations made after the revocation reached the server's quarantine before the wipe.
    const held = await database.db
      .selectFrom('mutation_log')
      .select(['name'])
      .where('device_id', '=', volunteer.deviceId)
      .where('result', '=', 'quarantined')
      .execute();
    expect(held.filter((m) => m.name === 'createInquiry')).toHaveLength(late.length);
  });

  it('a revoked phone past the hand-over window wipes itself without handing anything over', async () => {
    await syncNow();
    await database.db.updateTable('device').set({ revoked_at: new Date(Date.now() - 15 * 86_400_000) }).where('id', '=', volunteer.deviceId).execute();
    forgetAccessToken();
    await createInquiry(makeIntake({ surname: 'Запізнілий' }));
    await syncNow();
    expect(await db.records.count()).toBe(0);
    const held = await database.db.selectFrom('mutation_log').select(['name']).where('device_id', '=', volunteer.deviceId).where('result', '=', 'quarantined').execute();
    expect(held).toHaveLength(0);
  });

  it('a revoked phone whose hand-over the server cannot take now (busy, failing) keeps everything', async () => {
    await syncNow();
    const revoke = await app.inject({ method: 'POST', url: `/v1/devices/${volunteer.deviceId}/revoke`, headers: coordinator.auth });
    expect(revoke.statusCode).toBe(200);
    forgetAccessToken();
    await createInquiry(makeIntake({ surname: 'Терплячий' }));
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      String(input).includes('/v1/sync/push')
        ? Promise.resolve(new Response(JSON.stringify({ error: { code: 'too_many_requests', message: 'later' } }), { status: 429, headers: { 'content-type': 'application/json' } }))
        : realFetch(input, init);
    try {
      await syncNow();
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(await db.outbox.count()).toBe(1);
    expect(await getEnrolment()).toBeDefined();
    expect(getSyncState()).toMatchObject({ phase: 'error', lastError: 'too_many_requests' });
  });

  it('a revoked phone that cannot reach the server to hand over keeps everything', async () => {
    await syncNow();
    const revoke = await app.inject({ method: 'POST', url: `/v1/devices/${volunteer.deviceId}/revoke`, headers: coordinator.auth });
    expect(revoke.statusCode).toBe(200);
    forgetAccessToken();
    await createInquiry(makeIntake({ surname: 'Утрачений' }));
    const realFetch = globalThis.fetch;
    // The token call answers (revoked, with a hand-over token); the push itself cannot get through.
    globalThis.fetch = (input, init) => (String(input).includes('/v1/sync/push') ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init));
    try {
      await syncNow();
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(await db.outbox.count()).toBe(1);
    expect(await getEnrolment()).toBeDefined();
    expect(getSyncState().phase).toBe('offline');
  });

  it('purges synced inquiries past the retention, never unsynced ones', async () => {
    const old = await createInquiry(makeIntake());
    await syncNow();
    const fresh = await createInquiry(makeIntake());
    const future = new Date(Date.now() + 15 * 86_400_000).toISOString();
    // The phone holds the whole space, other tests' inquiries included: all synced ones are past retention.
    expect(await purgeExpired(14, future)).toBeGreaterThanOrEqual(1);
    await expect(getInquiryDetail(old.id)).rejects.toThrow(/not found/);
    expect((await getInquiryDetail(fresh.id)).inquiry.reference).toBe(fresh.reference);
    expect(await purgeExpired(14, new Date().toISOString())).toBe(0);
  });

  it('says so when a stored change was altered on the phone, and sends nothing', async () => {
    await createInquiry(makeIntake());
    const entry = await db.outbox.toCollection().first();
    if (!entry) throw new Error('no outbox entry');
    await db.outbox.put({ ...entry, name: 'deleteRecord' });
    await syncNow();
    expect(getSyncState()).toMatchObject({ phase: 'error', lastError: 'tampered' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('reports an unreachable server as offline and keeps the outbox', async () => {
    await createInquiry(makeIntake());
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      await syncNow();
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(getSyncState()).toEqual({ phase: 'offline', lastError: 'offline' });
    expect(await db.outbox.count()).toBe(1);
  });
});

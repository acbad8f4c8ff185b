// The quarantine over the HTTP API: a revoked device hands over only within its window and quota (a flood is
// refused and the list still answers), the list and the conflicts are paged and name their records, and a
// coordinator of the space accepts (re-validated, once) or discards (with a reason) each held change.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeApp, makeCoordinator, patchMutation, pullAll, pushAs, type Session,
} from '../test-support/fixtures.ts';

interface Held {
  deviceId: string; mutationSeq: number; mutationId: string; name: string; bytes: number; valid: boolean; problem: string | null;
  content: Record<string, unknown> | null; decision: { decision: string; reason: string | null; by: string | null } | null;
}
interface HeldPage { mutations: Held[]; nextCursor: string | null }

const DAY_MS = 24 * 3_600_000;

describeOnEachDatabase('quarantine', (env) => {

  async function revokedPhone(on = env.app): Promise<{ coordinator: Session; spaceId: string; phone: Session }> {
    const { session: coordinator, spaceId } = await makeCoordinator(on, env.database);
    const phone = await enrolVolunteer(on, coordinator, spaceId, 'Olena');
    const revoke = await on.inject({ method: 'POST', url: `/v1/devices/${phone.deviceId}/revoke`, headers: coordinator.auth });
    expect(revoke.statusCode).toBe(200);
    return { coordinator, spaceId, phone };
  }

  async function held(session: Session, query = '', on = env.app): Promise<HeldPage> {
    const res = await on.inject({ method: 'GET', url: `/v1/quarantine${query}`, headers: session.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<HeldPage>();
  }

  function decide(session: Session, mutationId: string, action: 'accept' | 'discard', payload: object = {}) {
    return env.app.inject({ method: 'POST', url: `/v1/quarantine/${mutationId}/${action}`, headers: session.auth, payload });
  }

  /** A createInquiry whose notes make it close to the 1 MiB push limit. */
  function bigInquiry(seq: number) {
    const m = inquiryMutation(seq);
    m.args.inquiry.notes = 'н'.repeat(500_000); // two bytes each in UTF-8: ~1 MB
    return m;
  }

  it('holds what a revoked device pushes inside its window, and nothing after it', async () => {
    const { coordinator, phone } = await revokedPhone();
    const inside = await pushAs(env.app, phone, [inquiryMutation(1)]);
    expect(inside.status).toBe(401);
    expect(inside.body).toMatchObject({ error: { code: 'device_revoked' }, wipe: true, quarantined: 1, lastAckedSeq: 1 });
    expect(inside.body).not.toHaveProperty('quarantineClosed');

    // The same device, fifteen days later (the window is fourteen).
    const later = await makeApp(env.database, { now: () => new Date(Date.now() + 15 * DAY_MS) });
    try {
      const outside = await pushAs(later, phone, [inquiryMutation(2)]);
      expect(outside.status).toBe(401);
      expect(outside.body).toMatchObject({ error: { code: 'device_revoked' }, wipe: true, quarantined: 0, quarantineClosed: true, lastAckedSeq: 1 });
    } finally {
      await later.close();
    }
    expect((await held(coordinator)).mutations.map((m) => m.mutationSeq)).toEqual([1]);
  });

  it('refuses a flood of near-1 MiB pushes beyond the quota, and the list still answers in small pages', async () => {
    const { coordinator, phone } = await revokedPhone();
    const answers: { quarantined?: number; quarantineClosed?: boolean; lastAckedSeq?: number }[] = [];
    let next = 1;
    for (let i = 0; i < 20; i++) {
      // Each push continues after what the server holds, as a device (or a flood through its token) would.
      const res = await pushAs(env.app, phone, [bigInquiry(next)]);
      expect(res.status).toBe(401);
      const answer = res.body as { quarantined?: number; quarantineClosed?: boolean; lastAckedSeq?: number };
      answers.push(answer);
      next = (answer.lastAckedSeq ?? 0) + 1;
    }
    // 16 MiB per device: sixteen fit, the rest are refused and not stored.
    expect(answers.filter((a) => a.quarantined === 1)).toHaveLength(16);
    expect(answers.slice(16).every((a) => a.quarantined === 0 && a.quarantineClosed === true)).toBe(true);
    const rows = await env.database.db.selectFrom('mutation_log').select((eb) => eb.fn.countAll<string>().as('n')).where('device_id', '=', phone.deviceId).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(16);
    // A count quota too: a device with room in bytes but not in number is refused the same way.
    const small = await makeApp(env.database, { limits: { authPerMinute: 100_000, quarantineMaxMutations: 3 } });
    try {
      const second = await revokedPhone(small);
      const res = await pushAs(small, second.phone, [1, 2, 3, 4, 5].map((seq) => inquiryMutation(seq)));
      expect(res.body).toMatchObject({ quarantined: 3, lastAckedSeq: 3, quarantineClosed: true });
    } finally {
      await small.close();
    }

    const page = await env.app.inject({ method: 'GET', url: '/v1/quarantine', headers: coordinator.auth });
    expect(page.statusCode).toBe(200);
    const body = page.json<HeldPage>();
    expect(body.mutations).toHaveLength(16);
    // Control: the rows really are large — listing their arguments whole would be a 15 MB answer.
    expect(body.mutations.reduce((sum, m) => sum + m.bytes, 0)).toBeGreaterThan(15_000_000);
    expect(page.body.length).toBeLessThan(100_000);
    expect(body.mutations[0]).toMatchObject({ valid: false, problem: 'too_large', content: null });
  }, 120_000);

  it('without the quota the same flood is stored whole, and the list still answers 200 page by page', async () => {
    // Control for the quota: with room enough, every push is held — so the test above is refused by the quota.
    const roomy = await makeApp(env.database, { limits: { authPerMinute: 100_000, quarantineMaxBytes: 1024 ** 3 } });
    try {
      const { coordinator, phone } = await revokedPhone(roomy);
      for (let seq = 1; seq <= 20; seq++) expect((await pushAs(roomy, phone, [bigInquiry(seq)])).body).toMatchObject({ quarantined: 1 });
      let cursor: string | null = null;
      const seen: number[] = [];
      do {
        const page: HeldPage = await held(coordinator, `?limit=7${cursor ? `&cursor=${cursor}` : ''}`, roomy);
        expect(page.mutations.length).toBeLessThanOrEqual(7);
        seen.push(...page.mutations.map((m) => m.mutationSeq));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      await roomy.close();
    }
  }, 120_000);

  it('pages held changes in a stable order and refuses bad paging parameters with 400', async () => {
    const { coordinator, phone } = await revokedPhone();
    const pushed = Array.from({ length: 45 }, (_, i) => inquiryMutation(i + 1));
    expect((await pushAs(env.app, phone, pushed)).body).toMatchObject({ quarantined: 45 });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: HeldPage = await held(coordinator, `?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.mutations.map((m) => m.mutationId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(pushed.map((m) => m.mutationId));
    for (const query of ['?limit=101', '?limit=0', '?cursor=bm90LWEtY3Vyc29y', '?status=maybe',
      `?cursor=${Buffer.from(JSON.stringify(['2026-02-31 10:00:00+00', randomUUID(), '1'])).toString('base64url')}`]) {
      const res = await env.app.inject({ method: 'GET', url: `/v1/quarantine${query}`, headers: coordinator.auth });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    // Control: a well-formed cursor of a real date is accepted.
    const ok = await env.app.inject({ method: 'GET', url: `/v1/quarantine?cursor=${Buffer.from(JSON.stringify(['2026-02-28 10:00:00.5+00', randomUUID(), '1'])).toString('base64url')}`, headers: coordinator.auth });
    expect(ok.statusCode).toBe(200);
  });

  it('shows what each held change says: a new inquiry\'s people, a patch\'s record and fields', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const phone = await enrolVolunteer(env.app, coordinator, spaceId, 'Taras');
    const created = inquiryMutation(1, { surname: 'Ткачук' });
    await pushAs(env.app, phone, [created]);
    await env.app.inject({ method: 'POST', url: `/v1/devices/${phone.deviceId}/revoke`, headers: coordinator.auth });
    const personId = created.args.soughtPersons[0]!.id;
    const late = inquiryMutation(3, { surname: 'Мельник' });
    await pushAs(env.app, phone, [patchMutation(2, 'soughtPerson', personId, 1, { unit: '93-тя бригада' }), late]);
    const [patch, create] = (await held(coordinator)).mutations;
    expect(patch).toMatchObject({
      name: 'patchRecord', valid: true,
      content: { kind: 'patchRecord', recordType: 'soughtPerson', record: { reference: 'ABCD2345', soughtPersons: ['Ткачук Олександр Миколайович'], familyContact: 'Коваленко Марія' }, fields: { unit: '93-тя бригада' } },
    });
    expect(create).toMatchObject({
      name: 'createInquiry', valid: true,
      content: {
        kind: 'createInquiry', inquiry: { reference: 'ABCD2345', registeredOn: '2026-11-20' },
        familyContact: { name: 'Коваленко Марія', relationship: 'mother', phones: ['+380501234567'] },
        soughtPersons: [{ name: 'Мельник Олександр Миколайович', dateOfBirth: '1995' }],
      },
    });
  });

  it('accepts a held inquiry once, as the coordinator\'s change filed under the phone\'s space, with history', async () => {
    const { coordinator, spaceId, phone } = await revokedPhone();
    const m = inquiryMutation(1, { surname: 'Гнатюк' });
    await pushAs(env.app, phone, [m]);
    const before = (await pullAll(env.app, coordinator)).changes.length;
    const accepted = await decide(coordinator, m.mutationId, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ decision: 'accepted', result: 'applied', alreadyDecided: false });
    const again = await decide(coordinator, m.mutationId, 'accept');
    expect(again.json()).toMatchObject({ decision: 'accepted', alreadyDecided: true });
    const { changes } = await pullAll(env.app, coordinator);
    expect(changes.length - before).toBe(3);
    expect(changes.find((c) => c.type === 'inquiry' && c.id === m.args.inquiry.id)).toMatchObject({ spaceId, version: 1 });
    const history = await env.app.inject({ method: 'GET', url: `/v1/records/inquiry/${m.args.inquiry.id}/history`, headers: coordinator.auth });
    expect(history.json()).toMatchObject({
      record: { reference: 'ABCD2345', soughtPersons: ['Гнатюк Олександр Миколайович'], familyContact: 'Коваленко Марія' },
      versions: [{ version: 1, mutationId: m.mutationId, user: { name: expect.stringMatching(/^Coordinator/) }, heldFrom: { deviceLabel: "Olena's phone", userName: 'Olena' } }],
    });
    // It left the pending list and shows as decided, with who decided.
    expect((await held(coordinator)).mutations).toEqual([]);
    expect((await held(coordinator, '?status=decided')).mutations).toEqual([
      expect.objectContaining({ mutationId: m.mutationId, decision: expect.objectContaining({ decision: 'accepted', by: expect.stringMatching(/^Coordinator/) }) }),
    ]);
    expect((await decide(coordinator, m.mutationId, 'discard', { reason: 'late' })).statusCode).toBe(409);
  });

  it('refuses to accept an invalid held change with a clear 422 and keeps it pending; discarding needs a reason', async () => {
    const { coordinator, phone } = await revokedPhone();
    const bad = { ...inquiryMutation(1), args: { inquiry: { id: randomUUID() } } };
    const good = inquiryMutation(2);
    await pushAs(env.app, phone, [bad, good]);
    const [listedBad] = (await held(coordinator)).mutations;
    expect(listedBad).toMatchObject({ mutationId: bad.mutationId, valid: false, problem: expect.stringMatching(/^invalid_args /) });
    const refused = await decide(coordinator, bad.mutationId, 'accept');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { code: 'cannot_accept', message: expect.stringContaining('invalid_args') } });
    expect((await held(coordinator)).mutations.map((m) => m.mutationId)).toEqual([bad.mutationId, good.mutationId]);

    for (const payload of [{}, { reason: '   ' }, { reason: 'x'.repeat(1001) }, { reason: 'ok', extra: 1 }, { reason: 'a\u0000b' }, { reason: 'a\ud800b' }]) {
      const res = await decide(coordinator, bad.mutationId, 'discard', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await held(coordinator)).mutations).toHaveLength(2);
    const discarded = await decide(coordinator, bad.mutationId, 'discard', { reason: 'Порожній запис' });
    expect(discarded.json()).toMatchObject({ decision: 'discarded', reason: 'Порожній запис', alreadyDecided: false });
    expect((await decide(coordinator, bad.mutationId, 'discard', { reason: 'again' })).json()).toMatchObject({ reason: 'Порожній запис', alreadyDecided: true });
    expect((await decide(coordinator, bad.mutationId, 'accept')).statusCode).toBe(409);
    expect((await held(coordinator, '?status=decided')).mutations).toEqual([expect.objectContaining({ decision: expect.objectContaining({ decision: 'discarded', reason: 'Порожній запис' }) })]);
  });

  it('lets only a coordinator of the phone\'s space decide', async () => {
    const { coordinator, spaceId, phone } = await revokedPhone();
    const m = inquiryMutation(1);
    await pushAs(env.app, phone, [m]);
    const other = await makeCoordinator(env.app, env.database);
    expect((await held(other.session)).mutations).toEqual([]);
    expect((await decide(other.session, m.mutationId, 'accept')).statusCode).toBe(404);
    expect((await decide(other.session, m.mutationId, 'discard', { reason: 'not mine' })).statusCode).toBe(404);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Iryna');
    expect((await decide(volunteer, m.mutationId, 'accept')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/v1/quarantine', headers: volunteer.auth })).statusCode).toBe(403);
    expect((await decide(phone, m.mutationId, 'accept')).statusCode).toBe(401);
    // Control: the phone's own coordinator may.
    expect((await decide(coordinator, m.mutationId, 'accept')).statusCode).toBe(200);
  });

  it('applies an accepted patch through the ordinary path: a field changed meanwhile becomes a conflict, and two accepts at once apply once', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const phone = await enrolVolunteer(env.app, coordinator, spaceId, 'Olena');
    const other = await enrolVolunteer(env.app, coordinator, spaceId, 'Taras');
    const m = inquiryMutation(1);
    await pushAs(env.app, phone, [m]);
    const personId = m.args.soughtPersons[0]!.id;
    await env.app.inject({ method: 'POST', url: `/v1/devices/${phone.deviceId}/revoke`, headers: coordinator.auth });
    const late = patchMutation(2, 'soughtPerson', personId, 1, { unit: 'held unit', rank: 'held rank' });
    await pushAs(env.app, phone, [late]);
    // Meanwhile another phone changes one of the same fields.
    await pushAs(env.app, other, [patchMutation(1, 'soughtPerson', personId, 1, { unit: 'newer unit' })]);
    const [first, second] = await Promise.all([decide(coordinator, late.mutationId, 'accept'), decide(coordinator, late.mutationId, 'accept')]);
    const answers = [first.json<{ result: string; alreadyDecided: boolean; conflictIds: string[] }>(), second.json<{ result: string; alreadyDecided: boolean; conflictIds: string[] }>()];
    expect(answers.map((a) => a.alreadyDecided).sort()).toEqual([false, true]);
    expect(answers.every((a) => a.result === 'conflict' && a.conflictIds.length === 1)).toBe(true);
    const history = await env.app.inject({ method: 'GET', url: `/v1/records/soughtPerson/${personId}/history`, headers: coordinator.auth });
    const versions = history.json<{ versions: { data: { unit: string; rank: string }; heldFrom: unknown }[] }>().versions;
    // Version 1, the other phone's unit, then the accepted rank (its unit waits in the conflict): once.
    expect(versions.map((v) => [v.data.unit, v.data.rank])).toEqual([['', ''], ['newer unit', ''], ['newer unit', 'held rank']]);
    expect(versions.at(-1)?.heldFrom).toMatchObject({ deviceLabel: "Olena's phone" });
    const conflicts = await env.app.inject({ method: 'GET', url: '/v1/conflicts', headers: coordinator.auth });
    expect(conflicts.json()).toMatchObject({ conflicts: [{ field: 'unit', kept: { value: 'newer unit' }, proposed: { value: 'held unit' }, record: { reference: 'ABCD2345' } }] });
  });

  it('names the record of each conflict and pages the conflicts', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const a = await enrolVolunteer(env.app, coordinator, spaceId, 'Olena');
    const b = await enrolVolunteer(env.app, coordinator, spaceId, 'Taras');
    const m = inquiryMutation(1, { surname: 'Бондар' });
    await pushAs(env.app, a, [m]);
    const personId = m.args.soughtPersons[0]!.id;
    const contactId = m.args.familyContact.id;
    await pushAs(env.app, a, [patchMutation(2, 'inquiry', m.args.inquiry.id, 1, { notes: 'a' }), patchMutation(3, 'soughtPerson', personId, 1, { unit: 'a' }), patchMutation(4, 'familyContact', contactId, 1, { region: 'kyiv_city' })]);
    await pushAs(env.app, b, [patchMutation(1, 'inquiry', m.args.inquiry.id, 1, { notes: 'b' }), patchMutation(2, 'soughtPerson', personId, 1, { unit: 'b' }), patchMutation(3, 'familyContact', contactId, 1, { region: 'lviv' })]);
    const named = { reference: 'ABCD2345', soughtPersons: ['Бондар Олександр Миколайович'], familyContact: 'Коваленко Марія' };
    const seen: { recordType: string; record: unknown }[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json: () => unknown } = await env.app.inject({ method: 'GET', url: `/v1/conflicts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: coordinator.auth });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { conflicts: { recordType: string; record: unknown }[]; nextCursor: string | null };
      expect(page.conflicts.length).toBeLessThanOrEqual(2);
      seen.push(...page.conflicts);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((c) => c.recordType).sort()).toEqual(['familyContact', 'inquiry', 'soughtPerson']);
    expect(seen.every((c) => JSON.stringify(c.record) === JSON.stringify(named))).toBe(true);
    expect((await env.app.inject({ method: 'GET', url: '/v1/conflicts?limit=201', headers: coordinator.auth })).statusCode).toBe(400);
  });

  it('records when a revoked phone confirms its wipe, and the device list shows it with its held count', async () => {
    const { coordinator, phone } = await revokedPhone();
    await pushAs(env.app, phone, [inquiryMutation(1), inquiryMutation(2)]);
    const listed = async () => (await env.app.inject({ method: 'GET', url: '/v1/devices', headers: coordinator.auth }))
      .json<{ devices: { id: string; wipedAt: string | null; quarantinedCount: number }[] }>().devices.find((d) => d.id === phone.deviceId);
    expect(await listed()).toMatchObject({ wipedAt: null, quarantinedCount: 2 });
    expect((await env.app.inject({ method: 'POST', url: '/v1/devices/self/wiped', payload: {} })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/v1/devices/self/wiped', headers: phone.auth, payload: { all: true } })).statusCode).toBe(400);
    expect((await listed())?.wipedAt).toBeNull();
    const wiped = await env.app.inject({ method: 'POST', url: '/v1/devices/self/wiped', headers: phone.auth, payload: {} });
    expect(wiped.statusCode).toBe(200);
    expect(wiped.json()).toEqual({ ok: true });
    const after = await listed();
    expect(after?.wipedAt).toEqual(expect.any(String));
    expect(Date.now() - Date.parse(after?.wipedAt ?? '')).toBeLessThan(60_000);
  });
});

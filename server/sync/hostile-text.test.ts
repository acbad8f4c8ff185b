// Text PostgreSQL cannot store and ids in upper case, pushed the way a broken or hostile device would:
// one bad mutation is rejected and acknowledged, never a 500 for the batch; ids compare in lower case;
// a replay repeats the first outcome; a failure the schema missed answers a stable reason.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { serverErrorLog } from '../log.ts';
import {
  describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, patchMutation, pullAll, pushAs, type Session,
} from '../test-support/fixtures.ts';

describeOnEachDatabase('hostile text and ids', (env) => {

  async function setup(): Promise<{ coordinator: Session; a: Session; b: Session }> {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    return { coordinator, a: await enrolVolunteer(env.app, coordinator, spaceId, 'Olena'), b: await enrolVolunteer(env.app, coordinator, spaceId, 'Taras') };
  }

  it('rejects a NUL or a lone surrogate in a field and applies the rest of the batch', async () => {
    const { a, coordinator } = await setup();
    const nul = inquiryMutation(1);
    nul.args.inquiry.notes = 'before\u0000after';
    const surrogate = inquiryMutation(2);
    surrogate.args.familyContact.surname = 'Ко\uD800ва';
    const loneLow = inquiryMutation(3);
    loneLow.args.soughtPersons[0]!.circumstances = 'x\uDC00';
    const good = inquiryMutation(4);
    const batch = [nul, surrogate, loneLow, good];
    const first = await pushAs(env.app, a, batch);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.result, r.reason])).toEqual([
      ['rejected', 'invalid_args inquiry.notes: errors.unstorable'],
      ['rejected', 'invalid_args familyContact.surname: errors.unstorable'],
      ['rejected', 'invalid_args soughtPersons.0.circumstances: errors.unstorable'],
      ['applied', undefined],
    ]);
    expect(first.body.lastAckedSeq).toBe(4);
    // The outbox is never stuck: the same batch again is all duplicates.
    const again = await pushAs(env.app, a, batch);
    expect(again.status).toBe(200);
    expect(again.body.results.map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const inquiries = (await pullAll(env.app, coordinator)).changes.filter((c) => c.type === 'inquiry');
    expect(inquiries.map((c) => c.id)).toEqual([good.args.inquiry.id]);
  });

  it('keeps a value the schema ignores out of the way: a NUL in an unknown field and in a patch key', async () => {
    const { a } = await setup();
    const extra = inquiryMutation(1);
    const args = { ...extra.args, note: 'NUL\u0000here', ['k\u0000ey']: '\uD83D' };
    const patch = { mutationSeq: 2, mutationId: crypto.randomUUID(), name: 'patchRecord', args: { type: 'inquiry', id: extra.args.inquiry.id, baseVersion: 1, patch: { ['no\u0000tes']: 'x' } } };
    const res = await pushAs(env.app, a, [{ ...extra, args }, patch]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.result)).toEqual(['applied', 'rejected']);
    // The log keeps the arguments for coordinators, with the unstorable characters replaced.
    const logged = await env.database.db.selectFrom('mutation_log').select(['args', 'reason']).where('mutation_id', '=', extra.mutationId).executeTakeFirstOrThrow();
    expect(logged.args).toMatchObject({ note: 'NUL\uFFFDhere', ['k\uFFFDey']: '\uFFFD' });
  });

  it('recognises a replay whose mutation id is in upper case (duplicate, not seq_reused)', async () => {
    const { a, coordinator } = await setup();
    const m = inquiryMutation(1);
    const upper = { ...m, mutationId: m.mutationId.toUpperCase() };
    expect((await pushAs(env.app, a, [upper])).body.results[0]).toMatchObject({ result: 'applied', mutationId: m.mutationId });
    const again = await pushAs(env.app, a, [upper]);
    expect(again.body.results[0]).toMatchObject({ result: 'duplicate', originalResult: 'applied' });
    const lower = await pushAs(env.app, a, [m]);
    expect(lower.body.results[0]).toMatchObject({ result: 'duplicate', originalResult: 'applied' });
    expect((await pullAll(env.app, coordinator)).changes.filter((c) => c.type === 'inquiry')).toHaveLength(1);
  });

  it('applies a patch once when it is re-sent with its id in another case', async () => {
    const { a, coordinator } = await setup();
    const m = inquiryMutation(1);
    await pushAs(env.app, a, [m]);
    const p = patchMutation(2, 'inquiry', m.args.inquiry.id.toUpperCase(), 1, { notes: 'first' });
    expect((await pushAs(env.app, a, [{ ...p, mutationId: p.mutationId.toUpperCase() }])).body.results[0]?.result).toBe('applied');
    // After a lost answer and a reset the device sends it again under a new seq, id in lower case.
    const replay = await pushAs(env.app, a, [{ ...p, mutationSeq: 3 }]);
    expect(replay.body.results[0]).toMatchObject({ result: 'duplicate', originalResult: 'applied' });
    const inquiry = (await pullAll(env.app, coordinator)).changes.find((c) => c.type === 'inquiry');
    expect(inquiry?.version).toBe(2);
    expect(inquiry?.id).toBe(m.args.inquiry.id);
  });

  it('links a family contact whose id comes in upper case to its own lower-case form', async () => {
    const { a, coordinator } = await setup();
    const first = inquiryMutation(1);
    const contactId = first.args.familyContact.id;
    first.args.familyContact.id = contactId.toUpperCase();
    first.args.inquiry.soughtPersonIds = first.args.inquiry.soughtPersonIds.map((id) => id.toUpperCase());
    const second = inquiryMutation(2);
    second.args.familyContact = { ...second.args.familyContact, id: contactId };
    second.args.inquiry.familyContactId = contactId;
    const res = await pushAs(env.app, a, [first, second]);
    expect(res.body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    const { changes } = await pullAll(env.app, coordinator);
    expect(changes.filter((c) => c.type === 'familyContact').map((c) => c.id)).toEqual([contactId]);
    const stored = changes.find((c) => c.type === 'inquiry' && c.id === first.args.inquiry.id);
    expect(stored?.data?.['familyContactId']).toBe(contactId);
    expect(stored?.data?.['soughtPersonIds']).toEqual([first.args.soughtPersons[0]!.id.toLowerCase()]);
  });

  it('repeats the first reason and conflict ids to a replay', async () => {
    const { a, b } = await setup();
    const m = inquiryMutation(1);
    await pushAs(env.app, a, [m]);
    await pushAs(env.app, a, [patchMutation(2, 'inquiry', m.args.inquiry.id, 1, { notes: 'from a' })]);
    const clash = patchMutation(1, 'inquiry', m.args.inquiry.id, 1, { notes: 'from b' });
    const first = await pushAs(env.app, b, [clash]);
    expect(first.body.results[0]?.result).toBe('conflict');
    const conflictIds = first.body.results[0]?.conflictIds;
    expect(conflictIds).toHaveLength(1);
    const again = await pushAs(env.app, b, [clash]);
    expect(again.body.results[0]).toEqual({ mutationSeq: 1, mutationId: clash.mutationId, result: 'duplicate', originalResult: 'conflict', conflictIds });
    const rejected = patchMutation(2, 'inquiry', m.args.inquiry.id, 9, { notes: 'ahead' });
    await pushAs(env.app, b, [rejected]);
    expect((await pushAs(env.app, b, [rejected])).body.results[0]).toMatchObject({ result: 'duplicate', originalResult: 'rejected', reason: 'base_version_ahead' });
  });

  it('answers a failure the schema missed with a stable reason, logged without the values', async () => {
    const { a } = await setup();
    // A database rule the schemas know nothing about, whose message quotes the record.
    await sql.raw(`create or replace function rodyna_test_refuse() returns trigger language plpgsql as $$
      begin if new.data->>'notes' = 'refuse me' then raise exception 'refused %', new.data; end if; return new; end $$`).execute(env.database.db);
    await sql.raw(`create trigger rodyna_test_refuse before insert on record for each row execute function rodyna_test_refuse()`).execute(env.database.db);
    const lines: Record<string, unknown>[] = [];
    const write = serverErrorLog.write;
    serverErrorLog.write = (entry) => lines.push(entry);
    try {
      const bad = inquiryMutation(1);
      bad.args.inquiry.notes = 'refuse me';
      bad.args.familyContact.surname = 'Секретенко';
      const res = await pushAs(env.app, a, [bad, inquiryMutation(2)]);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => [r.result, r.reason])).toEqual([['rejected', 'internal_error'], ['applied', undefined]]);
      expect(JSON.stringify(res.body)).not.toContain('Секретенко');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'error', where: 'push.apply', mutation: 'createInquiry' });
      expect(JSON.stringify(lines)).not.toContain('Секретенко');
      expect(JSON.stringify(lines)).not.toContain('refuse me');
    } finally {
      serverErrorLog.write = write;
      await sql.raw('drop trigger rodyna_test_refuse on record').execute(env.database.db);
    }
  });
});

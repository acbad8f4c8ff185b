// A push applied as one batch (read once, decided in memory, written in multi-row statements) gives every
// mutation the result it would get alone: applied, duplicate, conflict and rejected mixed in one batch, the
// same record changed several times, every version in the history in seq order, conflicts recorded; and a
// write the database refuses falls back to a savepoint per mutation — on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { serverErrorLog } from '../log.ts';
import {
  deleteMutation, describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, patchMutation, pushAs, type Session,
} from '../test-support/fixtures.ts';

describeOnEachDatabase('a push applied as one batch', (env) => {

  async function setup(): Promise<{ a: Session; b: Session }> {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    return { a: await enrolVolunteer(env.app, coordinator, spaceId, 'Olena'), b: await enrolVolunteer(env.app, coordinator, spaceId, 'Taras') };
  }

  async function historyOf(type: string, id: string) {
    return env.database.db.selectFrom('record_history').select(['version', 'seq', 'data', 'deleted', 'changed_by_device as device', 'mutation_id as mutationId'])
      .where('type', '=', type).where('id', '=', id).orderBy('version').execute();
  }

  it('gives each mutation of a mixed batch its own result and keeps every version', async () => {
    const { a, b } = await setup();
    // Before the batch: a's inquiry, whose sought person a then changes (version 2); b's first mutation.
    const theirs = inquiryMutation(1);
    const personId = theirs.args.soughtPersons[0]!.id;
    expect((await pushAs(env.app, a, [theirs, patchMutation(2, 'soughtPerson', personId, 1, { unit: 'A unit' })])).body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    const earlier = inquiryMutation(1);
    expect((await pushAs(env.app, b, [earlier])).body.results[0]?.result).toBe('applied');

    const ours = inquiryMutation(2);
    const id = ours.args.inquiry.id;
    const again = inquiryMutation(9);
    again.args = { ...again.args, inquiry: { ...again.args.inquiry, id } };
    const batch = [
      earlier,                                                                     // 1 replay of a logged mutation
      ours,                                                                        // 2 new inquiry
      patchMutation(3, 'inquiry', id, 1, { notes: 'first' }),                      // 3 the record this batch created
      patchMutation(4, 'inquiry', id, 2, { notes: 'second' }),                     // 4 the version 3 wrote
      { ...ours, mutationSeq: 5 },                                                 // 5 the same mutation id again
      { ...again, mutationSeq: 6 },                                                // 6 an id this batch took
      patchMutation(7, 'soughtPerson', personId, 1, { unit: 'B unit', build: 'slim' }), // 7 a field a changed
      patchMutation(8, 'inquiry', id, 9, { notes: 'ahead' }),                      // 8 a base never written
      deleteMutation(9, 'inquiry', id, 3),                                         // 9 b's own latest version
      patchMutation(10, 'inquiry', id, 4, { notes: 'too late' }),                  // 10 b saw its own delete
      deleteMutation(11, 'soughtPerson', personId, 1),                             // 11 a changed it since 1
      { mutationSeq: 12, mutationId: randomUUID(), name: 'patchRecord', args: { type: 'inquiry', id } }, // 12 no patch
    ];
    const res = await pushAs(env.app, b, batch);
    expect(res.status).toBe(200);
    expect(res.body.lastAckedSeq).toBe(12);
    expect(res.body.results.map((r) => [r.mutationSeq, r.result, r.originalResult ?? r.reason ?? null])).toEqual([
      [1, 'duplicate', 'applied'],
      [2, 'applied', null],
      [3, 'applied', null],
      [4, 'applied', null],
      [5, 'duplicate', 'applied'],
      [6, 'rejected', 'id_exists'],
      [7, 'conflict', null],
      [8, 'rejected', 'base_version_ahead'],
      [9, 'applied', null],
      [10, 'rejected', 'record_deleted'],
      [11, 'conflict', 'changed_since_base'],
      [12, 'rejected', expect.stringMatching(/^invalid_args /)],
    ]);
    const conflictIds = res.body.results.flatMap((r) => r.conflictIds ?? []);
    expect(conflictIds).toHaveLength(2);

    // Every version of the inquiry, each written by its own mutation, in seq order.
    const versions = await historyOf('inquiry', id);
    expect(versions.map((v) => [v.version, v.data['notes'], v.deleted, v.mutationId])).toEqual([
      [1, '', false, batch[1]!.mutationId],
      [2, 'first', false, batch[2]!.mutationId],
      [3, 'second', false, batch[3]!.mutationId],
      [4, 'second', true, batch[8]!.mutationId],
    ]);
    const seqs = versions.map((v) => BigInt(v.seq));
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    const record = await env.database.db.selectFrom('record').select(['version', 'seq', 'deleted', 'data', 'field_versions as fieldVersions'])
      .where('type', '=', 'inquiry').where('id', '=', id).executeTakeFirstOrThrow();
    expect(record).toMatchObject({ version: 4, seq: versions[3]!.seq, deleted: true, data: { notes: 'second' } });
    expect(record.fieldVersions['notes']).toMatchObject({ version: 3, deviceId: b.deviceId });

    // The sought person: a's unit kept, b's build applied as version 3; the delete left it standing.
    const person = await historyOf('soughtPerson', personId);
    expect(person.map((v) => [v.version, v.data['unit'], v.data['build'], v.deleted, v.device])).toEqual([
      [1, '', '', false, a.deviceId],
      [2, 'A unit', '', false, a.deviceId],
      [3, 'A unit', 'slim', false, b.deviceId],
    ]);
    const stored = await env.database.db.selectFrom('record').select(['version', 'seq', 'deleted', 'data', 'field_versions as fieldVersions', 'updated_by_device as device'])
      .where('type', '=', 'soughtPerson').where('id', '=', personId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ version: 3, seq: person[2]!.seq, deleted: false, data: { unit: 'A unit', build: 'slim' }, device: b.deviceId });
    expect(stored.fieldVersions['unit']).toMatchObject({ version: 2, deviceId: a.deviceId });
    expect(stored.fieldVersions['build']).toMatchObject({ version: 3, deviceId: b.deviceId });
    const conflicts = await env.database.db.selectFrom('conflict').select(['id', 'kind', 'field', 'kept_value as kept', 'proposed_value as proposed', 'kept_version as keptVersion', 'mutation_id as mutationId'])
      .where('record_id', '=', personId).orderBy('kind').execute();
    expect(conflicts).toEqual([
      { id: res.body.results[10]!.conflictIds![0], kind: 'delete_vs_update', field: null, kept: expect.objectContaining({ unit: 'A unit', build: 'slim' }), proposed: { delete: true, reason: 'entered twice' }, keptVersion: 3, mutationId: batch[10]!.mutationId },
      { id: res.body.results[6]!.conflictIds![0], kind: 'field', field: 'unit', kept: 'A unit', proposed: 'B unit', keptVersion: 2, mutationId: batch[6]!.mutationId },
    ]);

    // Everything new is logged once with its result (the replay was logged by the push that applied it),
    // and the clock stands at the newest seq written.
    const log = await env.database.db.selectFrom('mutation_log').select(['mutation_seq as seq', 'result']).where('device_id', '=', b.deviceId).orderBy('mutation_seq').execute();
    expect(log.map((l) => [Number(l.seq), l.result])).toEqual([[1, 'applied'], ...res.body.results.slice(1).map((r) => [r.mutationSeq, r.result])]);
    const newest = await env.database.db.selectFrom('record').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    const clock = await env.database.db.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow();
    expect(clock.seq).toBe(String(newest.seq));

    // The whole batch again: every mutation a duplicate repeating its first outcome, nothing written.
    const replay = await pushAs(env.app, b, batch);
    expect(replay.body.results.map((r) => [r.result, r.originalResult])).toEqual(res.body.results.map((r) => ['duplicate', r.result === 'duplicate' ? r.originalResult : r.result]));
    expect(await historyOf('inquiry', id)).toHaveLength(4);
  });

  it('applies the batch mutation by mutation when a write is refused, with the same results for the others', async () => {
    const { a } = await setup();
    // A database rule the schemas know nothing about, on the history: the batched write of the whole push fails.
    await sql.raw(`create or replace function rodyna_test_refuse_history() returns trigger language plpgsql as $$
      begin if new.data->>'notes' = 'refuse me' then raise exception 'refused'; end if; return new; end $$`).execute(env.database.db);
    await sql.raw('create trigger rodyna_test_refuse_history before insert on record_history for each row execute function rodyna_test_refuse_history()').execute(env.database.db);
    const lines: Record<string, unknown>[] = [];
    const write = serverErrorLog.write;
    serverErrorLog.write = (entry) => lines.push(entry);
    try {
      const m = inquiryMutation(1);
      const id = m.args.inquiry.id;
      const res = await pushAs(env.app, a, [
        m,
        patchMutation(2, 'inquiry', id, 1, { notes: 'refuse me' }),
        patchMutation(3, 'inquiry', id, 1, { notes: 'fine' }),
        inquiryMutation(4),
      ]);
      expect(res.body.results.map((r) => [r.result, r.reason ?? null])).toEqual([['applied', null], ['rejected', 'internal_error'], ['applied', null], ['applied', null]]);
      expect(lines).toEqual([expect.objectContaining({ where: 'push.apply', mutation: 'patchRecord' })]);
      // The refused patch left no version: the next one is version 2.
      expect((await historyOf('inquiry', id)).map((v) => [v.version, v.data['notes']])).toEqual([[1, ''], [2, 'fine']]);
    } finally {
      serverErrorLog.write = write;
      await sql.raw('drop trigger rodyna_test_refuse_history on record_history').execute(env.database.db);
    }
  });
});

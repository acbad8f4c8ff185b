// Pushes that scale to lists: a 1,212-entry import in byte-sized batches, mutations over the size limit
// refused and acknowledged, and no statement over PostgreSQL's 65,535 parameters — on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { MAX_MUTATION_BYTES, MAX_PUSH_BATCH, MAX_PUSH_BODY_BYTES, jsonBytes, pushBodyBytes } from '../../schema/protocol.ts';
import {
  SyncClock, changesSince, existingRecords, findOriginalResults, insertLogEntries, insertRecords, type LogEntry, type NewRecord,
} from '../db/records.ts';
import { describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, pullAll, pushAs } from '../test-support/fixtures.ts';

/** Consecutive runs of mutations whose push bodies fit the server's limit, as the device packs them. */
function packByBytes<T>(mutations: T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let sizes: number[] = [];
  for (const m of mutations) {
    const size = jsonBytes(m);
    if (current.length && (current.length >= MAX_PUSH_BATCH || pushBodyBytes([...sizes, size]) > MAX_PUSH_BODY_BYTES)) {
      batches.push(current);
      current = [];
      sizes = [];
    }
    current.push(m);
    sizes.push(size);
  }
  if (current.length) batches.push(current);
  return batches;
}

/** A createInquiry padded (with a field the schema ignores) to exactly `bytes` as sent. */
function inquiryOfSize(mutationSeq: number, bytes: number): ReturnType<typeof inquiryMutation> {
  const m = inquiryMutation(mutationSeq);
  const padded = { ...m, args: { ...m.args, padding: '' } };
  const missing = bytes - jsonBytes(padded);
  return { ...m, args: { ...m.args, padding: 'x'.repeat(missing) } as typeof m.args };
}

describeOnEachDatabase('lists in a push', (env) => {

  it('applies a 1,212-entry import sent in byte-sized batches under the body limit', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Olena');
    const mutations = Array.from({ length: 1212 }, (_, i) => inquiryMutation(i + 1, { surname: `Прізвище-${[...String(i)].map((d) => 'абвгґдежзи'[Number(d)]).join('')}` }));
    const batches = packByBytes(mutations);
    expect(batches.length).toBeGreaterThan(2);
    for (const batch of batches) {
      expect(pushBodyBytes(batch.map(jsonBytes))).toBe(Buffer.byteLength(JSON.stringify({ mutations: batch })));
      const pushed = await pushAs(env.app, volunteer, batch);
      expect(pushed.status).toBe(200);
      expect(pushed.body.results.filter((r) => r.result !== 'applied')).toEqual([]);
      expect(pushed.body.lastAckedSeq).toBe(batch.at(-1)?.mutationSeq);
    }
    const { changes } = await pullAll(env.app, coordinator);
    expect(changes.filter((c) => c.type === 'inquiry')).toHaveLength(1212);
    const logged = await env.database.db.selectFrom('mutation_log').select((eb) => eb.fn.countAll<string>().as('n')).where('device_id', '=', volunteer.deviceId).executeTakeFirstOrThrow();
    expect(Number(logged.n)).toBe(1212);
  }, 240_000);

  it('rejects and acknowledges a mutation over the size limit, logging only its size; one at the limit applies', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Taras');
    const atLimit = inquiryOfSize(1, MAX_MUTATION_BYTES);
    const over = inquiryOfSize(2, MAX_MUTATION_BYTES + 1);
    expect(jsonBytes(atLimit)).toBe(MAX_MUTATION_BYTES);
    // Control: the one at the limit is applied, so the refusal below is the size and nothing else.
    const first = await pushAs(env.app, volunteer, [atLimit]);
    expect(first.body.results[0]).toMatchObject({ result: 'applied' });
    const second = await pushAs(env.app, volunteer, [over]);
    expect(second.status).toBe(200);
    expect(second.body.results[0]).toMatchObject({ result: 'rejected', reason: `too_large ${MAX_MUTATION_BYTES + 1}` });
    expect(second.body.lastAckedSeq).toBe(2);
    // A device that measured its mutation too large for any push sends only the size: refused, acknowledged.
    const stub = { mutationSeq: 3, mutationId: randomUUID(), name: 'createInquiry', args: null, tooLarge: 3_906_341 };
    const third = await pushAs(env.app, volunteer, [stub, inquiryMutation(4)]);
    expect(third.body.results.map((r) => [r.result, r.reason])).toEqual([['rejected', 'too_large 3906341'], ['applied', undefined]]);
    expect(third.body.lastAckedSeq).toBe(4);
    const log = await env.database.db.selectFrom('mutation_log').select(['mutation_seq', 'args']).where('device_id', '=', volunteer.deviceId).orderBy('mutation_seq').execute();
    expect(log.map((r) => r.args)).toEqual([expect.objectContaining({ inquiry: expect.anything() }), { tooLarge: MAX_MUTATION_BYTES + 1 }, { tooLarge: 3_906_341 }, expect.anything()]);
    const inquiries = (await pullAll(env.app, coordinator)).changes.filter((c) => c.type === 'inquiry').map((c) => c.id);
    expect(inquiries).toContain(atLimit.args.inquiry.id);
    expect(inquiries).not.toContain(over.args.inquiry.id);
  }, 120_000);

  it('cuts lists longer than the 65,535-parameter limit into statements it accepts', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Iryna');
    const ids = Array.from({ length: 70_000 }, () => randomUUID());
    // Control: one statement with 70,000 parameters is refused, so the lists below would fail uncut.
    await expect(env.database.db.selectFrom('mutation_log').select('mutation_id').where('mutation_id', 'in', ids).execute()).rejects.toThrow();
    const now = new Date();
    const entries: LogEntry[] = ids.slice(0, 8_000).map((mutationId, i) => ({
      deviceId: volunteer.deviceId, mutationSeq: 1_000_000 + i, mutationId, name: 'createInquiry', args: { i }, result: 'applied', reason: null, conflictIds: [], now,
    }));
    const records: NewRecord[] = [];
    await env.database.db.transaction().execute(async (trx) => {
      const clock = new SyncClock();
      await clock.lock(trx);
      // 8,000 log rows × 9 columns and 6,000 records × 12 columns: 72,000 parameters each if sent as one.
      await insertLogEntries(trx, entries);
      for (let i = 0; i < 6_000; i++) records.push({ type: 'soughtPerson', id: randomUUID(), spaceId, seq: clock.next(), data: { i } });
      await insertRecords(trx, records, { deviceId: volunteer.deviceId, userId: volunteer.user.id }, null, now);
      await clock.save(trx);
    });
    const originals = await findOriginalResults(env.database.db, ids);
    expect(originals.size).toBe(8_000);
    const keys = [...records.map((r) => ({ type: r.type, id: r.id })), ...ids.map((id) => ({ type: 'soughtPerson', id }))];
    expect(keys.length).toBeGreaterThan(65_535);
    const existing = await existingRecords(env.database.db, keys);
    expect(existing.size).toBe(6_000);
    expect(existing.get(`soughtPerson:${records[5_999]?.id}`)).toEqual({ spaceId, deleted: false });
    const history = await env.database.db.selectFrom('record_history').select((eb) => eb.fn.countAll<string>().as('n')).where('id', 'in', records.slice(0, 1000).map((r) => r.id)).executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(1000);
  }, 240_000);

  it('pulls for a device of more than 65,535 spaces (the spaces go as one array parameter)', async () => {
    const { session: coordinator, spaceId } = await makeCoordinator(env.app, env.database);
    const volunteer = await enrolVolunteer(env.app, coordinator, spaceId, 'Petro');
    const m = inquiryMutation(1);
    expect((await pushAs(env.app, volunteer, [m])).body.results[0]).toMatchObject({ result: 'applied' });
    // A record of another space, which must not come back.
    const other = await makeCoordinator(env.app, env.database);
    const outsider = await enrolVolunteer(env.app, other.session, other.spaceId, 'Ivan');
    expect((await pushAs(env.app, outsider, [inquiryMutation(1)])).body.results[0]).toMatchObject({ result: 'applied' });
    const spaceIds = [...Array.from({ length: 70_000 }, () => randomUUID()), spaceId];
    const rows = await changesSince(env.database.db, { spaceIds, spaceTypes: ['inquiry', 'familyContact', 'soughtPerson'], organisationTypes: [] }, '0', 100_000);
    expect(rows.filter((r) => r.spaceId === spaceId).map((r) => r.id)).toContain(m.args.inquiry.id);
    // Only that space's records: the other tests' spaces on this database are not in the list.
    expect(new Set(rows.map((r) => r.spaceId))).toEqual(new Set([spaceId]));
  }, 120_000);
});

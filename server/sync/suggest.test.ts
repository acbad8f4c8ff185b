// The server's matcher after a sync (server/sync/suggest.ts): candidates across all gathering points reach
// only the coordinators of the sought person's point, never a volunteer device; a coordinator's decision is
// never reopened; duplicates across points are found, each point shown only a summary of the other's person
// — on PGlite and (with DATABASE_URL) PostgreSQL.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { candidateMatchSchema, pairId } from '../../schema/candidate.ts';
import type { Mutation } from '../../schema/mutations.ts';
import type { PullResponse } from '../../schema/protocol.ts';
import {
  batchMutation, candidateMutation, describeOnEachDatabase, enrolVolunteer, inquiryMutation, makeCoordinator, patchMutation, pullAll, pushAs, signInAgain, type Session,
} from '../test-support/fixtures.ts';
import { suggestionsOf } from './suggest.ts';

const LETTERS = 'бвгджзклмнпрстфхцчшщ';

const pick = (n: number) => Math.floor(Math.random() * n);

/**
 * A surname and a birth date nobody else in the suite has, so tests sharing one database never match each
 * other's people (the matcher blocks on the whole date too, and rightly finds namesakes of another surname).
 * Day and month are 1–12 and differ, so they can be swapped.
 */
function uniquePerson(): { surname: string; born: string; swapped: string } {
  const surname = `Ко${Array.from({ length: 7 }, () => LETTERS[pick(LETTERS.length)]).join('')}енко`;
  const year = 1950 + pick(55);
  const month = 1 + pick(12);
  const day = 1 + ((month + pick(11)) % 12);
  const two = (n: number) => String(n).padStart(2, '0');
  return { surname, born: `${year}-${two(month)}-${two(day)}`, swapped: `${year}-${two(day)}-${two(month)}` };
}

interface PersonSpec {
  surname: string;
  dateOfBirth: string;
  givenName?: string;
  patronymic?: string;
  toBeMatched?: boolean;
  shareWith?: ('coordinators' | 'police' | 'coordination_hq' | 'icrc')[];
  spaceId?: string;
}

/** A createInquiry seeking one person, with the given name, birth date and consent. */
function seekPerson(mutationSeq: number, spec: PersonSpec): { mutation: Mutation; personId: string; reference: string; inquiryId: string; consent: Record<string, unknown> } {
  const m = inquiryMutation(mutationSeq, { surname: spec.surname, ...(spec.spaceId ? { spaceId: spec.spaceId } : {}) });
  const person = m.args.soughtPersons[0];
  if (!person) throw new Error('no person');
  const reference = 'KMNP2345';
  const args = {
    ...m.args,
    inquiry: {
      ...m.args.inquiry, reference,
      consent: { ...m.args.inquiry.consent, toBeMatched: spec.toBeMatched ?? true, shareWith: spec.shareWith ?? ['coordinators'] },
    },
    soughtPersons: [{ ...person, givenName: spec.givenName ?? 'Олександр', patronymic: spec.patronymic ?? 'Миколайович', dateOfBirth: spec.dateOfBirth }],
  };
  return { mutation: { ...m, args }, personId: person.id, reference, inquiryId: m.args.inquiry.id, consent: args.inquiry.consent };
}

function entryMutation(mutationSeq: number, batchId: string, record: Record<string, unknown>): Mutation & { name: 'createRecord' } {
  return { mutationSeq, mutationId: randomUUID(), name: 'createRecord', args: { type: 'batchEntry', record: { id: randomUUID(), batchId, ...record } } };
}

/** Each device's next mutationSeq. */
function counter(): (session: Session) => number {
  const seqs = new Map<Session, number>();
  return (session) => {
    const next = (seqs.get(session) ?? 0) + 1;
    seqs.set(session, next);
    return next;
  };
}

const candidatesIn = (changes: PullResponse['changes']) => changes.filter((c) => c.type === 'candidateMatch');

describeOnEachDatabase('the server\'s matcher', (env) => {
  const settle = () => suggestionsOf(env.app).idle();

  async function pointsAB() {
    const a = await makeCoordinator(env.app, env.database, { spaceName: `Point A ${randomUUID().slice(0, 6)}` });
    const b = await makeCoordinator(env.app, env.database, { spaceName: `Point B ${randomUUID().slice(0, 6)}` });
    const volunteerA = await enrolVolunteer(env.app, a.session, a.spaceId, 'Olena');
    const volunteerB = await enrolVolunteer(env.app, b.session, b.spaceId, 'Taras');
    return { a, b, volunteerA, volunteerB, seq: counter() };
  }

  /** A batch with one entry spelled the Russian way, pushed by A's coordinator (batches are national). */
  async function listEntry(coordinator: Session, seq: (s: Session) => number, person: { surname: string; born: string }) {
    const batch = batchMutation(seq(coordinator));
    const entry = entryMutation(seq(coordinator), String(batch.args.record['id']), {
      surname: person.surname.toUpperCase(), givenName: 'Александр', patronymic: 'Николаевич', birthDate: person.born,
    });
    expect((await pushAs(env.app, coordinator, [batch, entry])).body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    return String(entry.args.record['id']);
  }

  for (const where of ['B', 'A'] as const) {
    it(`a batch entry matching a sought person of point ${where} reaches only ${where}'s coordinators as a suggestion, and no volunteer device`, async () => {
      const { a, b, volunteerA, volunteerB, seq } = await pointsAB();
      const person = uniquePerson();
    const { surname, born } = person;
      const family = where === 'B' ? volunteerB : volunteerA;
      const sought = seekPerson(seq(family), { surname, dateOfBirth: born });
      expect((await pushAs(env.app, family, [sought.mutation])).body.results[0]?.result).toBe('applied');
      // The list is A's coordinator's import either way: who imports it does not decide who is offered the entry.
      const entryId = await listEntry(a.session, seq, person);
      await settle();

      const id = pairId(entryId, sought.personId);
      const owner = where === 'B' ? b : a;
      const outsider = where === 'B' ? a : b;
      const received = candidatesIn((await pullAll(env.app, owner.session)).changes).find((c) => c.id === id);
      expect(received).toMatchObject({ spaceId: owner.spaceId, version: 1, data: { kind: 'batch_entry', batchEntryId: entryId, soughtPersonId: sought.personId, status: 'suggested', origin: 'server' } });
      expect(received?.data).not.toHaveProperty('other');
      // What a device validates on pull: the suggestion is a valid candidate match, and a strong one here.
      expect(candidateMatchSchema.parse(received?.data)).toMatchObject({ band: 'strong', fields: { surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'agrees' } });
      // A second device of the owner's coordinator gets it too; the other point's coordinator and every volunteer device never.
      const laptop = await signInAgain(env.app, owner.login);
      expect(candidatesIn((await pullAll(env.app, laptop)).changes).some((c) => c.id === id)).toBe(true);
      const outsiderPull = await pullAll(env.app, outsider.session);
      expect(outsiderPull.changes.some((c) => c.id === entryId)).toBe(true);
      expect(candidatesIn(outsiderPull.changes).some((c) => c.data?.['batchEntryId'] === entryId)).toBe(false);
      for (const volunteer of [volunteerA, volunteerB]) expect(candidatesIn((await pullAll(env.app, volunteer)).changes)).toEqual([]);
    });
  }

  it('offers an entry to a family registered after the list was imported, at that family\'s point only', async () => {
    const { a, b, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const entryId = await listEntry(a.session, seq, person);
    await settle();
    // Nobody sought him when the list came: no suggestion yet.
    expect(candidatesIn((await pullAll(env.app, b.session)).changes).some((c) => c.data?.['batchEntryId'] === entryId)).toBe(false);
    const late = seekPerson(seq(volunteerB), { surname, dateOfBirth: born });
    expect((await pushAs(env.app, volunteerB, [late.mutation])).body.results[0]?.result).toBe('applied');
    await settle();
    const id = pairId(entryId, late.personId);
    expect(candidatesIn((await pullAll(env.app, b.session)).changes).find((c) => c.id === id)).toMatchObject({
      spaceId: b.spaceId, data: { kind: 'batch_entry', batchEntryId: entryId, soughtPersonId: late.personId, status: 'suggested', origin: 'server', band: 'strong' },
    });
    expect(candidatesIn((await pullAll(env.app, a.session)).changes).some((c) => c.id === id)).toBe(false);
  });

  it('matches only families that consented to be matched against lists', async () => {
    const { a, b, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const refused = seekPerson(seq(volunteerB), { surname, dateOfBirth: born, toBeMatched: false });
    const consented = seekPerson(seq(volunteerB), { surname, givenName: 'Олександр', dateOfBirth: born });
    expect((await pushAs(env.app, volunteerB, [refused.mutation, consented.mutation])).body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    const entryId = await listEntry(a.session, seq, person);
    await settle();
    const found = candidatesIn((await pullAll(env.app, b.session)).changes).filter((c) => c.data?.['batchEntryId'] === entryId).map((c) => c.data?.['soughtPersonId']);
    // The consenting family's person is found (the control), the other one is not, though spelled the same.
    expect(found).toEqual([consented.personId]);
  });

  it('never reopens a coordinator\'s decision: a confirmation stays, later changes only refresh undecided suggestions', async () => {
    const { a, b, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const first = seekPerson(seq(volunteerB), { surname, dateOfBirth: born });
    const second = seekPerson(seq(volunteerB), { surname, dateOfBirth: born, patronymic: '' });
    expect((await pushAs(env.app, volunteerB, [first.mutation, second.mutation])).body.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    const entryId = await listEntry(a.session, seq, person);
    await settle();
    const confirmedId = pairId(entryId, first.personId);
    const openId = pairId(entryId, second.personId);
    const before = new Map(candidatesIn((await pullAll(env.app, b.session)).changes).map((c) => [c.id, c]));
    expect(before.get(confirmedId)?.data).toMatchObject({ status: 'suggested' });
    expect(before.get(openId)?.data).toMatchObject({ status: 'suggested' });

    // B's coordinator confirms as its device does when it had not pulled the suggestion: a create of the pair's
    // id, a patch from version 0. A suggestion is nobody's decision, so this applies and conflicts with nothing.
    const confirm = candidateMutation(seq(b.session), b.spaceId, entryId, first.personId, { status: 'confirmed', evidence: 'documents', note: 'tag 17' });
    expect((await pushAs(env.app, b.session, [confirm])).body.results[0]).toMatchObject({ result: 'applied' });
    const conflicts = await env.app.inject({ method: 'GET', url: `/v1/conflicts?spaceId=${b.spaceId}`, headers: b.session.auth });
    expect(conflicts.json<{ conflicts: { recordId: string }[] }>().conflicts.filter((c) => c.recordId === confirmedId)).toEqual([]);

    // The list is corrected: another date of birth changes both pairs' scores, and the matcher runs again.
    expect((await pushAs(env.app, a.session, [patchMutation(seq(a.session), 'batchEntry', entryId, 1, { birthDate: person.swapped })])).body.results[0]?.result).toBe('applied');
    await settle();
    const after = new Map(candidatesIn((await pullAll(env.app, b.session)).changes).map((c) => [c.id, c]));
    const confirmed = after.get(confirmedId);
    expect(confirmed?.data).toMatchObject({ status: 'confirmed', evidence: 'documents', note: 'tag 17', origin: 'server' });
    expect(confirmed?.version).toBe(2);
    // Control: the undecided suggestion was refreshed by that run (day and month swapped is close, not agrees).
    expect(after.get(openId)?.version).toBe(2);
    expect(after.get(openId)?.data).toMatchObject({ status: 'suggested', fields: { birthDate: 'close' } });
    const history = await env.database.db.selectFrom('record_history').select(['version', 'changed_by_device']).where('id', '=', confirmedId).orderBy('version').execute();
    expect(history.map((h) => [h.version, h.changed_by_device === null ? 'server' : 'device'])).toEqual([[1, 'server'], [2, 'device']]);
    // The coordinators' history page lists both versions, the server's without an author.
    const page = await env.app.inject({ method: 'GET', url: `/v1/records/candidateMatch/${confirmedId}/history`, headers: b.session.auth });
    expect(page.statusCode).toBe(200);
    const versions = page.json<{ versions: { version: number; user: { id: string } | null; device: { id: string } | null }[] }>().versions;
    expect(versions.map((v) => [v.version, v.user === null, v.device === null])).toEqual([[1, true, true], [2, false, false]]);
  });

  it('two coordinators deciding one suggestion differently still meet as a conflict', async () => {
    const { a, b, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const sought = seekPerson(seq(volunteerB), { surname, dateOfBirth: born });
    await pushAs(env.app, volunteerB, [sought.mutation]);
    const entryId = await listEntry(a.session, seq, person);
    await settle();
    const laptop = await signInAgain(env.app, b.login);
    const yes = candidateMutation(seq(b.session), b.spaceId, entryId, sought.personId, { status: 'confirmed', evidence: 'dna' });
    const no = candidateMutation(seq(laptop), b.spaceId, entryId, sought.personId, { status: 'ruled_out', evidence: 'dental' });
    expect((await pushAs(env.app, b.session, [yes])).body.results[0]?.result).toBe('applied');
    const second = await pushAs(env.app, laptop, [no]);
    expect(second.body.results[0]).toMatchObject({ result: 'conflict' });
  });

  it('finds duplicates across points after a sync: each point gets its own suggestion with a summary of the other\'s person', async () => {
    const { a, b, volunteerA, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const inA = seekPerson(seq(volunteerA), { surname, dateOfBirth: born });
    expect((await pushAs(env.app, volunteerA, [inA.mutation])).body.results[0]?.result).toBe('applied');
    await settle();
    // Another family, at another point, seeks the same man, written with the Russian patronymic and day and month swapped.
    const inB = seekPerson(seq(volunteerB), { surname, patronymic: 'Николаевич', dateOfBirth: person.swapped });
    expect((await pushAs(env.app, volunteerB, [inB.mutation])).body.results[0]?.result).toBe('applied');
    await settle();

    const spaceName = async (coordinator: Session, spaceId: string) => (await pullAll(env.app, coordinator)).last.spaces.find((s) => s.id === spaceId)?.name;
    for (const [mine, theirs, me, them] of [[inA, inB, a, b], [inB, inA, b, a]] as const) {
      const pulled = await pullAll(env.app, me.session);
      const own = candidatesIn(pulled.changes).filter((c) => c.data?.['kind'] === 'duplicate' && c.data['soughtPersonId'] === mine.personId);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({
        id: pairId(mine.personId, theirs.personId), spaceId: me.spaceId,
        data: {
          otherSoughtPersonId: theirs.personId, status: 'suggested', origin: 'server',
          other: { surname, givenName: 'Олександр', birthDate: theirs === inB ? person.swapped : born, gatheringPoint: await spaceName(them.session, them.spaceId), reference: theirs.reference },
        },
      });
      // The other point's records themselves never come: only the summary in the suggestion.
      expect(pulled.changes.some((c) => c.id === theirs.personId)).toBe(false);
    }
    for (const volunteer of [volunteerA, volunteerB]) expect(candidatesIn((await pullAll(env.app, volunteer)).changes)).toEqual([]);

    // A's coordinator links them (their side only; nothing is merged or deleted), B's side stays to be decided.
    const aSide = pairId(inA.personId, inB.personId);
    expect((await pushAs(env.app, a.session, [patchMutation(seq(a.session), 'candidateMatch', aSide, 1, { status: 'confirmed', note: 'same unit, same photo' })])).body.results[0]?.result).toBe('applied');
    expect((await pushAs(env.app, volunteerA, [patchMutation(seq(volunteerA), 'soughtPerson', inA.personId, 1, { unit: '72 ОМБр' })])).body.results[0]?.result).toBe('applied');
    await settle();
    expect(candidatesIn((await pullAll(env.app, a.session)).changes).find((c) => c.id === aSide)?.data).toMatchObject({ status: 'confirmed' });
    expect(candidatesIn((await pullAll(env.app, b.session)).changes).find((c) => c.id === pairId(inB.personId, inA.personId))?.data).toMatchObject({ status: 'suggested' });
  });

  it('takes the other point\'s copy of a person out of an undecided suggestion when that family withdraws its consent', async () => {
    const { a, b, volunteerA, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const inA = seekPerson(seq(volunteerA), { surname, dateOfBirth: born });
    const inB = seekPerson(seq(volunteerB), { surname, dateOfBirth: born });
    await pushAs(env.app, volunteerA, [inA.mutation]);
    await pushAs(env.app, volunteerB, [inB.mutation]);
    await settle();
    const aSide = pairId(inA.personId, inB.personId);
    const bSide = pairId(inB.personId, inA.personId);
    const aRecord = () => pullAll(env.app, a.session).then(({ changes }) => candidatesIn(changes).find((c) => c.id === aSide));
    // Control: A's record carries B's person while B's family consents.
    expect((await aRecord())?.data).toMatchObject({ other: { surname, reference: inB.reference } });
    const withdrawn = patchMutation(seq(volunteerB), 'inquiry', inB.inquiryId, 1, { consent: { ...inB.consent, withdrawnOn: '2026-11-25' } });
    expect((await pushAs(env.app, volunteerB, [withdrawn])).body.results[0]?.result).toBe('applied');
    await settle();
    const after = await aRecord();
    expect(after?.version).toBe(2);
    expect(after?.data).not.toHaveProperty('other');
    expect(after?.data).toMatchObject({ status: 'suggested', otherSoughtPersonId: inB.personId });
    // B's own record of the pair still names A's person, whose family still consents.
    expect(candidatesIn((await pullAll(env.app, b.session)).changes).find((c) => c.id === bSide)?.data).toMatchObject({ other: { reference: inA.reference } });
  });

  it('shows another point\'s person only when both families let coordinators see their inquiry; within one point, one record per pair', async () => {
    const { a, b, volunteerA, volunteerB, seq } = await pointsAB();
    const person = uniquePerson();
    const { surname, born } = person;
    const private_ = seekPerson(seq(volunteerA), { surname, dateOfBirth: born, shareWith: [] });
    const sameAsPrivate = seekPerson(seq(volunteerB), { surname, dateOfBirth: born });
    await pushAs(env.app, volunteerA, [private_.mutation]);
    await pushAs(env.app, volunteerB, [sameAsPrivate.mutation]);
    // Control: a second family at B's point seeking the same man is a duplicate within B, one record for the pair.
    const alsoInB = seekPerson(seq(volunteerB), { surname, dateOfBirth: born, patronymic: 'Николаевич' });
    await pushAs(env.app, volunteerB, [alsoInB.mutation]);
    await settle();
    const inA = candidatesIn((await pullAll(env.app, a.session)).changes).filter((c) => c.data?.['kind'] === 'duplicate' && [private_.personId].includes(String(c.data['soughtPersonId'])));
    expect(inA).toEqual([]);
    const inB = candidatesIn((await pullAll(env.app, b.session)).changes).filter((c) => c.data?.['kind'] === 'duplicate' && [sameAsPrivate.personId, alsoInB.personId].includes(String(c.data['soughtPersonId'])));
    const [first, second] = [sameAsPrivate.personId, alsoInB.personId].sort();
    expect(inB.map((c) => ({ id: c.id, spaceId: c.spaceId, other: c.data?.['other'], otherId: c.data?.['otherSoughtPersonId'] }))).toEqual([
      { id: pairId(first ?? '', second ?? ''), spaceId: b.spaceId, other: undefined, otherId: second },
    ]);
  });
});

// What the server's matcher (server/sync/suggest.ts) costs: a 1,212-entry list pushed against 50,000 sought
// persons of 20 gathering points, with the persons already in memory (a running server) and from a cold start,
// a volunteer's one new inquiry, and the first run over a database that already holds the 50,000.
// `npx tsx bench/suggest-bench.ts [--persons=50000] [--entries=1212] [--db=pglite|postgres]` (postgres needs DATABASE_URL).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { pairId } from '../schema/candidate.ts';
import type { Database } from '../server/db/types.ts';
import { json } from '../server/db/types.ts';
import { readClock } from '../server/db/records.ts';
import { CaseSet, EntrySet, proposeSuggestions, suggestOnce } from '../server/sync/suggest.ts';
import { entriesByIds } from '../server/db/suggestions.ts';
import { openTestDatabase } from '../server/test-support/databases.ts';
import { makeEvalSet } from './match-data.ts';
import type { Kysely } from 'kysely';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const personCount = Number(option('persons', '50000'));
const entryCount = Number(option('entries', '1212'));
const kind = option('db', 'pglite') === 'postgres' ? 'postgres' : 'pglite';
const SPACES = 20;

let seq = 0n;
const nextSeq = () => (++seq).toString();

async function insertRows(db: Kysely<Database>, rows: { type: string; id: string; spaceId: string | null; data: Record<string, unknown> }[]): Promise<void> {
  const now = new Date();
  // Go on from the clock: the matcher's own writes take seqs too.
  seq = BigInt(await readClock(db));
  for (let i = 0; i < rows.length; i += 2000) {
    const part = rows.slice(i, i + 2000).map((r) => ({ ...r, seq: nextSeq() }));
    await db.insertInto('record').values(part.map((r) => ({
      type: r.type, id: r.id, space_id: r.spaceId, version: 1, seq: r.seq, data: json(r.data), field_versions: json({}),
      created_by_device: null, updated_by_device: null, created_at: now, updated_at: now,
    }))).execute();
  }
  await db.updateTable('sync_clock').set({ seq: seq.toString() }).where('id', '=', 1).execute();
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - start), value };
}

async function candidateCount(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ n: string }>`select count(*)::text as n from record where type = 'candidateMatch'`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Runs the matcher until it has caught up with the clock. */
async function catchUp(db: Kysely<Database>, cases: CaseSet, entries = new EntrySet()): Promise<number> {
  let runs = 0;
  while (await suggestOnce(db, cases, entries, new Date())) runs++;
  return runs + 1;
}

async function main(): Promise<void> {
  const load = [loadavg()[0]?.toFixed(1)];
  const database = await openTestDatabase(kind);
  const db = database.db;
  const { cases, rows } = makeEvalSet({ cases: personCount, rows: entryCount, seed: 9 });
  const spaceIds = Array.from({ length: SPACES }, () => randomUUID());
  await db.insertInto('space').values(spaceIds.map((id, i) => ({ id, name: `Point ${i + 1}`, created_at: new Date() }))).execute();
  const records: { type: string; id: string; spaceId: string | null; data: Record<string, unknown> }[] = [];
  cases.forEach((c, i) => {
    const spaceId = spaceIds[i % SPACES] ?? null;
    const personId = randomUUID();
    c.id = personId;
    records.push({ type: 'soughtPerson', id: personId, spaceId, data: { id: personId, surname: c.surname, givenName: c.givenName, patronymic: c.patronymic, dateOfBirth: c.birthDate, unit: '' } });
    records.push({
      type: 'inquiry', id: randomUUID(), spaceId,
      data: { reference: 'ABCD2345', soughtPersonIds: [personId], consent: { toRecord: true, toBeMatched: true, shareWith: ['coordinators'], withdrawnOn: '' } },
    });
  });
  const loaded = await time(() => insertRows(db, records));
  console.log(`${kind}: ${personCount} sought persons and their inquiries in ${SPACES} points written in ${loaded.ms} ms`);

  // 1. The first run over a database that already holds them: every person looked at for duplicates.
  const first = new CaseSet();
  const firstEntries = new EntrySet();
  const backlog = await time(() => catchUp(db, first, firstEntries));
  console.log(`first run over ${personCount} persons (duplicates of everyone, ${backlog.value} runs): ${backlog.ms} ms, ${await candidateCount(db)} suggestions`);

  // 2. A 1,212-entry list pushed; the persons already in memory (a server that has been running).
  const batchId = randomUUID();
  const entries = rows.map((r) => ({ type: 'batchEntry', id: randomUUID(), spaceId: null, data: { id: randomUUID(), batchId, surname: r.surname, givenName: r.given_name, patronymic: r.patronymic, fullName: r.full_name, birthDate: r.birth_date, unit: '' } }));
  for (const e of entries) e.data.id = e.id;
  const before = await candidateCount(db);
  const listFrom = await readClock(db);
  await insertRows(db, entries);
  const warm = await time(() => catchUp(db, first, firstEntries));
  const listSuggestions = (await candidateCount(db)) - before;
  console.log(`${entryCount}-entry list, persons in memory: ${warm.ms} ms, ${listSuggestions} suggestions`);
  // Of which the matching itself (the entries read and scored against the index, nothing written).
  const read = await entriesByIds(db, entries.map((e) => e.id));
  const matching = await time(() => proposeSuggestions(first, read, [], new Map()));
  console.log(`  of which matching ${entryCount} entries against the index in memory: ${matching.ms} ms`);

  // 3. The same list again from a cold start (a new process: the persons read and the index built first).
  await sql`delete from record where type = 'candidateMatch' and data->>'kind' = 'batch_entry'`.execute(db);
  await db.deleteFrom('record_history').where('type', '=', 'candidateMatch').execute();
  await db.updateTable('app_setting').set({ value: listFrom }).where('key', '=', 'suggestions.cursor').execute();
  const cold = await time(() => catchUp(db, new CaseSet()));
  console.log(`${entryCount}-entry list, cold start (read ${personCount} persons, build the index, match, write): ${cold.ms} ms`);

  // 4. A volunteer's one new inquiry: the index is rebuilt (the set changed), one person matched against the
  //    persons and against the 1,212 entries.
  const person = cases[7];
  if (person) {
    const id = randomUUID();
    await insertRows(db, [
      { type: 'soughtPerson', id, spaceId: spaceIds[3] ?? null, data: { id, surname: person.surname, givenName: person.givenName, patronymic: person.patronymic, dateOfBirth: person.birthDate, unit: '' } },
      { type: 'inquiry', id: randomUUID(), spaceId: spaceIds[3] ?? null, data: { reference: 'ABCD2345', soughtPersonIds: [id], consent: { toRecord: true, toBeMatched: true, shareWith: ['coordinators'], withdrawnOn: '' } } },
    ]);
    const one = await time(() => catchUp(db, first, firstEntries));
    const found = await db.selectFrom('record').select('id').where('id', '=', pairId(id, person.id)).execute();
    console.log(`one new inquiry, persons in memory (index rebuilt): ${one.ms} ms (its duplicate found: ${found.length === 1})`);
  }
  load.push(loadavg()[0]?.toFixed(1));
  console.log(`load average at start and end: ${load.join(', ')}`);
  await database.close();
}

await main();

// The server's matcher: after pushes commit, the batch entries and sought persons changed since its cursor
// are matched (schema/matching.ts, the devices' code) against every sought person of every gathering point,
// and the pairs worth a look become "suggested" candidate matches in the sought person's space, authored by
// the server, so that space's coordinators pull them. It never touches a pair a coordinator has decided.
// Off the request path, one run at a time per process; the cursor is shared by all processes. docs/matching.md.
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { batchEntryKey, pairId, soughtPersonKey, type CandidateMatch, type OtherPersonSummary } from '../../schema/candidate.ts';
import { sameValue } from '../../schema/merge.ts';
import { Matcher, type Candidate, type PersonKey } from '../../schema/matching.ts';
import { readClock, SyncClock } from '../db/records.ts';
import {
  entriesSince,
  existingCandidates,
  inquiriesSince,
  personsSince,
  readSuggestCursor,
  saveSuggestCursor,
  spaceNames,
  summariesOf,
  watchedChanges,
  writeSuggestions,
  type EntryRow,
  type InquiryRow,
  type PersonRow,
  type Suggestion,
} from '../db/suggestions.ts';
import type { Database } from '../db/types.ts';
import { logServerError } from '../log.ts';

/** Candidates kept per batch entry, as the device's review shows them. */
export const ENTRY_CANDIDATES = 5;
/** Candidates read per sought person for duplicates (itself and its own inquiry's persons are among them). */
const DUPLICATE_CANDIDATES = 6;
/** Changes one run looks at; a larger backlog (a first run over an existing database) takes several runs. */
const DEFAULT_BATCH = 5000;
/** Queries between two yields to the event loop, so other requests are served while a list is matched. */
const QUERIES_PER_YIELD = 200;

interface CaseInfo {
  id: string;
  spaceId: string;
  key: PersonKey;
  /** The inquiries seeking this person that consent to matching. */
  inquiryIds: string[];
  /** Whether one of them lets coordinators (of other points too) see it, and that inquiry's reference. */
  shared: { reference: string } | null;
}

/**
 * The sought persons the server matches over, kept in memory and brought up to date from the change feed:
 * only persons whose family consented to be matched (an inquiry of the same space seeking them, with
 * `consent.toBeMatched` and not withdrawn). The matcher is rebuilt only when that set changed.
 */
export class CaseSet {
  #seq = '0';
  readonly #persons = new Map<string, PersonRow>();
  readonly #inquiries = new Map<string, InquiryRow>();
  #cases: Map<string, CaseInfo> | null = null;
  #matcher: Matcher | null = null;

  get seq(): string {
    return this.#seq;
  }

  /** Reads what changed since the last refresh; call inside a snapshot whose clock is `clock`. */
  async refresh(db: Kysely<Database>, clock: string): Promise<void> {
    if (BigInt(this.#seq) >= BigInt(clock)) return;
    const [persons, inquiries] = [await personsSince(db, this.#seq), await inquiriesSince(db, this.#seq)];
    for (const p of persons) this.#persons.set(p.id, p);
    for (const i of inquiries) this.#inquiries.set(i.id, i);
    if (persons.length || inquiries.length) {
      this.#cases = null;
      this.#matcher = null;
    }
    this.#seq = clock;
  }

  /** The persons an inquiry seeks, as last read. */
  personsOf(inquiryId: string): readonly string[] {
    return this.#inquiries.get(inquiryId)?.soughtPersonIds ?? [];
  }

  cases(): Map<string, CaseInfo> {
    if (this.#cases) return this.#cases;
    const cases = new Map<string, CaseInfo>();
    // Inquiries in seq order, so the inquiry that names a person to other points is the same on every run.
    const inquiries = [...this.#inquiries.values()].filter((i) => !i.deleted && i.toBeMatched).sort((a, b) => compareSeq(a.seq, b.seq));
    for (const inquiry of inquiries) {
      for (const id of inquiry.soughtPersonIds) {
        const person = this.#persons.get(id);
        if (!person || person.deleted || person.spaceId !== inquiry.spaceId) continue;
        const info = cases.get(id) ?? { id, spaceId: person.spaceId, key: soughtPersonKey(person), inquiryIds: [], shared: null };
        info.inquiryIds.push(inquiry.id);
        if (!info.shared && inquiry.sharesWithCoordinators) info.shared = { reference: inquiry.reference };
        cases.set(id, info);
      }
    }
    this.#cases = cases;
    return cases;
  }

  matcher(): Matcher {
    this.#matcher ??= new Matcher([...this.cases().values()].map((c) => ({ id: c.id, ...c.key })));
    return this.#matcher;
  }
}

/**
 * Every batch entry, kept in memory like the persons, with an index of its own: a family registered after
 * the list was imported is offered the entries that would have had it among their candidates.
 */
export class EntrySet {
  #seq = '0';
  readonly #entries = new Map<string, EntryRow>();
  #matcher: Matcher | null = null;

  async refresh(db: Kysely<Database>, clock: string): Promise<void> {
    if (BigInt(this.#seq) >= BigInt(clock)) return;
    const changed = await entriesSince(db, this.#seq);
    for (const { seq: _seq, ...entry } of changed) {
      void _seq;
      if (entry.deleted) this.#entries.delete(entry.id);
      else this.#entries.set(entry.id, entry);
    }
    if (changed.length) this.#matcher = null;
    this.#seq = clock;
  }

  get(id: string): EntryRow | undefined {
    return this.#entries.get(id);
  }

  matcher(): Matcher {
    this.#matcher ??= new Matcher([...this.#entries.values()].map((e) => ({ id: e.id, ...batchEntryKey(e) })));
    return this.#matcher;
  }
}

/** Entries looked up per new or changed person; each is then scored the entry's way round, as on its own run. */
const ENTRIES_PER_PERSON = 10;

function compareSeq(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function suggestionData(
  base: Pick<CandidateMatch, 'id' | 'kind' | 'batchEntryId' | 'soughtPersonId' | 'otherSoughtPersonId' | 'other'>,
  candidate: Candidate,
): CandidateMatch {
  return { ...base, score: candidate.score, band: candidate.band, fields: candidate.fields, status: 'suggested', evidence: '', note: '', origin: 'server' };
}

function summaryOf(info: CaseInfo, shared: NonNullable<CaseInfo['shared']>, spaces: ReadonlyMap<string, string>): OtherPersonSummary {
  return {
    surname: info.key.surname, givenName: info.key.givenName, patronymic: info.key.patronymic, birthDate: info.key.birthDate,
    gatheringPoint: spaces.get(info.spaceId) ?? '', reference: shared.reference,
  };
}

/**
 * The suggestions for changed entries and persons. A batch entry's candidate goes to the person's space. A
 * duplicate within one space is one record (the id every device gives the pair: `pairId` of the two ids in
 * order). Across two spaces it is two records, one in each, each naming its own person first and carrying a
 * summary of the other (whose records that space's coordinators cannot receive) — and only when both
 * families let coordinators see their inquiry. Pairs of persons sought by one inquiry are not duplicates.
 */
export async function proposeSuggestions(
  cases: CaseSet,
  entries: readonly EntryRow[],
  personIds: Iterable<string>,
  spaces: ReadonlyMap<string, string>,
  allEntries?: EntrySet,
): Promise<Map<string, Suggestion>> {
  const out = new Map<string, Suggestion>();
  const known = cases.cases();
  const matcher = cases.matcher();
  let queries = 0;
  const pause = async (): Promise<void> => {
    if (++queries % QUERIES_PER_YIELD === 0) await yieldToEvents();
  };
  // An entry's candidates among all persons; `only`, when given, keeps just that person's pair.
  const matchEntry = (entry: EntryRow, only?: string): void => {
    for (const candidate of matcher.candidates(batchEntryKey(entry), ENTRY_CANDIDATES)) {
      const person = known.get(candidate.caseId);
      if (!person || (only !== undefined && person.id !== only)) continue;
      const id = pairId(entry.id, person.id);
      const data = suggestionData({ id, kind: 'batch_entry', batchEntryId: entry.id, soughtPersonId: person.id, otherSoughtPersonId: null }, candidate);
      out.set(id, { id, spaceId: person.spaceId, data });
    }
  };
  for (const entry of entries) {
    if (entry.deleted) continue;
    matchEntry(entry);
    await pause();
  }
  const entryIndex = allEntries?.matcher();
  for (const personId of new Set(personIds)) {
    const person = known.get(personId);
    if (!person) continue;
    // The entries that may be this person, each scored the entry's way round (its rarities, its top five),
    // so the pair is the one the entry's own run would have written.
    for (const hit of entryIndex?.candidates(person.key, ENTRIES_PER_PERSON) ?? []) {
      const entry = allEntries?.get(hit.caseId);
      if (entry) matchEntry(entry, person.id);
    }
    for (const candidate of matcher.candidates(person.key, DUPLICATE_CANDIDATES)) {
      const other = known.get(candidate.caseId);
      if (!other || other.id === person.id || other.inquiryIds.some((i) => person.inquiryIds.includes(i))) continue;
      if (other.spaceId === person.spaceId) {
        const [first, second] = person.id < other.id ? [person, other] : [other, person];
        const id = pairId(first.id, second.id);
        if (!out.has(id)) out.set(id, { id, spaceId: first.spaceId, data: suggestionData({ id, kind: 'duplicate', batchEntryId: null, soughtPersonId: first.id, otherSoughtPersonId: second.id }, candidate) });
        continue;
      }
      if (!person.shared || !other.shared) continue;
      for (const [mine, theirs, theirShared] of [[person, other, other.shared], [other, person, person.shared]] as const) {
        const id = pairId(mine.id, theirs.id);
        if (out.has(id)) continue;
        const base = { id, kind: 'duplicate' as const, batchEntryId: null, soughtPersonId: mine.id, otherSoughtPersonId: theirs.id, other: summaryOf(theirs, theirShared, spaces) };
        out.set(id, { id, spaceId: mine.spaceId, data: suggestionData(base, candidate) });
      }
    }
    await pause();
  }
  return out;
}

/** The fields a later run may refresh on the server's own undecided suggestion (the person's name changed). */
const REFRESHED_FIELDS = ['score', 'band', 'fields', 'other'] as const;

/**
 * One run: the changes after the cursor (at most `batchSize` of them), matched, written in one transaction
 * that holds the clock row like a push. Returns true when more remains (a backlog, or another process moved
 * the cursor meanwhile).
 */
export async function suggestOnce(db: Kysely<Database>, cases: CaseSet, allEntries: EntrySet, now: Date, batchSize = DEFAULT_BATCH): Promise<boolean> {
  const read = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const clock = await readClock(trx);
      const cursor = await readSuggestCursor(trx);
      if (BigInt(cursor) >= BigInt(clock)) return null;
      const changes = await watchedChanges(trx, cursor, clock, batchSize);
      const last = changes[changes.length - 1];
      const upto = changes.length === batchSize && last ? last.seq : clock;
      await cases.refresh(trx, clock);
      await allEntries.refresh(trx, clock);
      // Entries as last read (a deleted one is gone: its suggestions stay, nothing is written for it).
      const entries = changes.flatMap((c) => {
        const entry = c.type === 'batchEntry' ? allEntries.get(c.id) : undefined;
        return entry ? [entry] : [];
      });
      const personIds = changes.flatMap((c) => (c.type === 'soughtPerson' ? [c.id] : c.type === 'inquiry' ? cases.personsOf(c.id) : []));
      return { cursor, upto, entries, personIds, spaces: await spaceNames(trx) };
    });
  if (!read) return false;
  const proposed = [...(await proposeSuggestions(cases, read.entries, read.personIds, read.spaces, allEntries)).values()];
  return db.transaction().execute(async (trx) => {
    const clock = new SyncClock();
    await clock.lock(trx);
    if ((await readSuggestCursor(trx, true)) !== read.cursor) return true;
    const existing = await existingCandidates(trx, proposed.map((s) => s.id));
    const inserts: Suggestion[] = [];
    const updates: { suggestion: Suggestion; version: number }[] = [];
    for (const suggestion of proposed) {
      const found = existing.get(suggestion.id);
      if (!found) inserts.push(suggestion);
      // Only the server's own suggestion, still undecided, is refreshed: anything a device wrote is a decision.
      else if (!found.deleted && found.updatedByDevice === null && found.data['status'] === 'suggested' && REFRESHED_FIELDS.some((f) => !sameValue(found.data[f], suggestion.data[f]))) {
        updates.push({ suggestion: { ...suggestion, data: { ...found.data, ...Object.fromEntries(REFRESHED_FIELDS.map((f) => [f, suggestion.data[f]])) } }, version: found.version });
      }
    }
    // A family that no longer consents (withdrawn, or no longer sharing with coordinators), or a person
    // deleted: the copy of that person in another point's undecided suggestion is taken out. A decided record
    // keeps what the coordinator decided on.
    const gone = [...new Set(read.personIds)].filter((id) => !cases.cases().get(id)?.shared);
    for (const found of await summariesOf(trx, gone)) {
      if (found.data['status'] !== 'suggested' || updates.some((u) => u.suggestion.id === found.id)) continue;
      const { other: _other, ...data } = found.data;
      void _other;
      updates.push({ suggestion: { id: found.id, spaceId: found.spaceId, data }, version: found.version });
    }
    await writeSuggestions(trx, clock, inserts, updates, now);
    await saveSuggestCursor(trx, read.upto);
    await clock.save(trx);
    return BigInt(read.upto) < BigInt(await readClock(trx));
  });
}

export interface SuggestionRunnerOptions {
  /** How long after a push the run starts, so a burst of pushes is matched once. */
  delayMs?: number;
  batchSize?: number;
}

/**
 * Runs `suggestOnce` after pushes, one run at a time: a push while a run is going asks for one more run,
 * never a second one beside it. A failed run is logged and retried at the next push.
 */
export class SuggestionRunner {
  readonly #cases = new CaseSet();
  readonly #entries = new EntrySet();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #wanted = false;
  #closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    private readonly options: SuggestionRunnerOptions = {},
  ) {}

  /** A push committed: match what it changed, soon. */
  poke(): void {
    if (this.#closed) return;
    this.#wanted = true;
    if (this.#running || this.#timer) return;
    this.#timer = setTimeout(() => this.#start(), this.options.delayMs ?? 200);
  }

  #start(): void {
    this.#timer = null;
    this.#running = this.#loop().finally(() => {
      this.#running = null;
      if (this.#wanted) this.poke();
    });
  }

  async #loop(): Promise<void> {
    while (this.#wanted && !this.#closed) {
      this.#wanted = false;
      try {
        while (!this.#closed && (await suggestOnce(this.db, this.#cases, this.#entries, this.now(), this.options.batchSize))) {
          // more changes than one run takes, or another process ran meanwhile
        }
      } catch (error) {
        logServerError(error, { where: 'suggest' });
        return;
      }
    }
  }

  /** Resolves when nothing is scheduled or running (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.#timer || this.#running) {
      if (this.#timer) {
        clearTimeout(this.#timer);
        this.#start();
      }
      await this.#running;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}

const runners = new WeakMap<object, SuggestionRunner>();

/** The runner of an app (one per app, closed with it); tests wait on it with `suggestionsOf(app).idle()`. */
export function startSuggestions(app: { addHook(name: 'onClose', hook: () => Promise<void>): unknown }, db: Kysely<Database>, now: () => Date, options?: SuggestionRunnerOptions): SuggestionRunner {
  const runner = new SuggestionRunner(db, now, options);
  runners.set(app, runner);
  app.addHook('onClose', () => runner.close());
  return runner;
}

export function suggestionsOf(app: object): SuggestionRunner {
  const runner = runners.get(app);
  if (!runner) throw new Error('no suggestion runner on this app');
  return runner;
}

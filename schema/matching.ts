// Record matching for batch lists and duplicates: candidates for a person among many, ranked, with a band and
// the per-field reason. Pure TypeScript over schema/names.ts, so the phone, the browser worker, the CLI and the
// server compute the same candidates. How it scores and what it misses: docs/matching.md.
import { z } from 'zod';
import { GIVEN_NAME_EQUIVALENTS, canonicalToken, nameSkeleton, toLatin } from './names.ts';

export interface PersonKey {
  surname: string;
  givenName: string;
  patronymic: string;
  /** yyyy | yyyy-mm | yyyy-mm-dd | '' */
  birthDate: string;
  unit?: string;
}

export type Agreement = 'agrees' | 'close' | 'differs' | 'missing';
export const MATCH_FIELDS = ['surname', 'givenName', 'patronymic', 'birthDate', 'unit'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export interface Candidate {
  caseId: string;
  /** 0..1, monotonic in the evidence (the sum of field weights); comparable across queries. */
  score: number;
  band: 'strong' | 'possible';
  fields: Record<MatchField, Agreement>;
}

const NAME_MAX = 200;
const ISO_PARTIAL_DATE = /^(?:\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)?$/;

/** A person as the matcher reads it (cases.jsonl lines, list rows after parsing). */
export const personKeySchema = z.object({
  surname: z.string().max(NAME_MAX).default(''),
  givenName: z.string().max(NAME_MAX).default(''),
  patronymic: z.string().max(NAME_MAX).default(''),
  birthDate: z.string().regex(ISO_PARTIAL_DATE, { error: 'birthDate must be yyyy, yyyy-mm, yyyy-mm-dd or empty' }).default(''),
  unit: z.string().max(NAME_MAX).optional(),
});
export const matchCaseSchema = personKeySchema.extend({ id: z.string().min(1).max(NAME_MAX) });
export type MatchCase = z.infer<typeof matchCaseSchema>;

// ------------------------------------------------------------------------------------------ name pieces

const WORD_SPLIT = /[^\p{L}\p{M}'’ʼ`‘´ʹ]+/u;

function words(text: string): string[] {
  return text.split(WORD_SPLIT).filter((word) => nameSkeleton(word).length > 0);
}

const VOWEL_CLASSES = /[aiu]/g;
const TRAILING_VOWELS = /[aiu]+$/;

/** The skeleton without its vowel classes: Ковальов/Ковалев/Kovalyov, Чорновол/Черновол meet here. */
function consonants(skeleton: string): string {
  return skeleton.replace(VOWEL_CLASSES, '');
}

/**
 * Splits one "full name" cell, surname first: "ОЛІЙНИК Микола Петрович", "Петренко-Коваль Ганна",
 * "Шевченко Т. Г.". Words after the third are kept with the patronymic (Огли, Кизи).
 */
export function splitFullName(fullName: string): Pick<PersonKey, 'surname' | 'givenName' | 'patronymic'> {
  const parts = fullName.trim().split(/[\s,]+|(?<=\.)(?=\p{L})/u).filter((part) => part.replace(/[.\s]/g, '').length > 0);
  const [surname = '', givenName = '', ...rest] = parts;
  return { surname, givenName, patronymic: rest.join(' ') };
}

// Stems of the given names (skeleton without its final vowels) → the group's canonical skeleton. Earlier
// groups win, and the table lists men's names before women's, so Олександр owns "alaksandr", not Олександра.
const STEM_TO_GIVEN: ReadonlyMap<string, string> = (() => {
  const byStem = new Map<string, string>();
  for (const group of GIVEN_NAME_EQUIVALENTS) {
    const canonical = nameSkeleton(group[0]);
    for (const spelling of group) {
      const stem = nameSkeleton(spelling).replace(TRAILING_VOWELS, '');
      if (stem.length > 1 && !byStem.has(stem)) byStem.set(stem, canonical);
    }
  }
  return byStem;
})();

// Patronymic endings as skeletons: -ович/-евич/-йович/-ьевич → vich, -ич (Ілліч, Якович) → ich, -івна/-овна
// /-ївна/-евна → vna, -инична → ichna. Tried in this order; the first whose stem names a known father wins.
const PATRONYMIC_SUFFIXES: readonly (readonly [string, 'm' | 'f'])[] = [
  ['vich', 'm'],
  ['ich', 'm'],
  ['ichna', 'f'],
  ['vna', 'f'],
];

/**
 * Key of a patronymic: the father's canonical given name and the sex, derived from the given-name table
 * (Миколайович, Николаевич, Mykolaiovych, Nikolaevich → "mikala/m"). A patronymic whose father's name is not
 * in the table keys on its own stem, which still joins the Ukrainian and Russian endings.
 */
export function patronymicKey(word: string): string {
  // The patronymic table maps irregular Russian forms (Яковлевич, Ильич) to the Ukrainian one first.
  const skeleton = canonicalToken(word);
  let fallback: string | undefined;
  for (const [suffix, sex] of PATRONYMIC_SUFFIXES) {
    if (!skeleton.endsWith(suffix) || skeleton.length < suffix.length + 2) continue;
    const stem = skeleton.slice(0, -suffix.length).replace(TRAILING_VOWELS, '');
    const father = STEM_TO_GIVEN.get(stem);
    if (father !== undefined) return `${father}/${sex}`;
    fallback ??= `${stem}/${sex}`;
  }
  return fallback ?? canonicalToken(word);
}

// ------------------------------------------------------------------------------------------ prepared keys

/** One class, one character, so edit distances count sounds, not letters (ш→щ is one step, not two). */
const CLASS_CHARS: Readonly<Record<string, string>> = { shch: 'x', kh: 'h', ch: 'c', ts: 'q', zh: 'j', sh: 'w' };
const MULTI_LETTER_CLASS = /shch|kh|ch|ts|zh|sh/g;
function compact(skeleton: string): string {
  return skeleton.replace(MULTI_LETTER_CLASS, (found) => CLASS_CHARS[found] ?? found);
}

// Informal Latin writes ц as c (Capiuk, Makarec), which the skeleton reads as k before a, o, u and at the end.
const LATIN_C_AS_TS = /c(?![hke-iy])/g;

interface SurnamePiece {
  readonly skeleton: string;
  /** The same, had every informal c been ц; equal to skeleton when there is no such c. */
  readonly alternative: string;
  readonly compact: string;
  readonly parts: readonly string[];
  readonly consonants: string;
}

interface GivenPiece {
  readonly canonical: string;
  /** For a name outside the table, the known name one typo from some spelling of it (Дитрий → Дмитро), or ''. */
  readonly nearCanonical: string;
  readonly compactCanonical: string;
  readonly compactSkeleton: string;
  readonly length: number;
}

interface PatronymicPiece {
  readonly key: string;
  /** Father's canonical name read from the start of the word, for a patronymic whose ending was mistyped. */
  readonly father: string;
  readonly sex: string;
  readonly compactSkeleton: string;
  readonly length: number;
}

interface Prepared {
  readonly surname: SurnamePiece;
  readonly given: GivenPiece;
  readonly patronymic: PatronymicPiece;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly unitNumbers: readonly string[];
  readonly unitWords: readonly string[];
}

function parseIso(birthDate: string): [number, number, number] {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate.trim());
  if (!match) return [0, 0, 0];
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function surnamePiece(text: string): SurnamePiece {
  const surnameWords = words(text);
  const parts = surnameWords.map(nameSkeleton);
  const skeleton = parts.join('');
  const latin = surnameWords.map(toLatin).join('');
  const alternative = LATIN_C_AS_TS.test(latin) ? nameSkeleton(latin.replace(LATIN_C_AS_TS, 'ts')) : skeleton;
  return { skeleton, alternative, compact: compact(skeleton), parts: parts.length > 1 ? parts : [], consonants: consonants(skeleton) };
}

// Every spelling of every given name in the table, as compact skeletons, with its group's canonical skeleton.
const GIVEN_SPELLINGS: readonly (readonly [string, string])[] = GIVEN_NAME_EQUIVALENTS.flatMap((group) => {
  const canonical = nameSkeleton(group[0]);
  return group.map((spelling) => [compact(nameSkeleton(spelling)), canonical] as const);
});
const KNOWN_GIVEN: ReadonlySet<string> = new Set(GIVEN_SPELLINGS.map(([, canonical]) => canonical));

/** The one known name whose spellings include one a typo away (Птёр → Петро), or '' when none or several. */
function givenByNearSpelling(compactSkeleton: string): string {
  let found = '';
  for (const [spelling, canonical] of GIVEN_SPELLINGS) {
    if (canonical === found || !isNear(compactSkeleton, spelling)) continue;
    if (found !== '') return '';
    found = canonical;
  }
  return found;
}

function givenPiece(text: string): GivenPiece {
  const [word = ''] = words(text);
  const canonical = word ? canonicalToken(word) : '';
  const skeleton = nameSkeleton(word);
  const compactSkeleton = compact(skeleton);
  const nearCanonical = canonical && !KNOWN_GIVEN.has(canonical) ? givenByNearSpelling(compactSkeleton) : '';
  return { canonical, nearCanonical, compactCanonical: compact(canonical), compactSkeleton, length: skeleton.length };
}

function fatherByPrefix(skeleton: string): string {
  for (let length = Math.min(skeleton.length - 1, 12); length >= 3; length--) {
    const father = STEM_TO_GIVEN.get(skeleton.slice(0, length));
    if (father !== undefined) return father;
  }
  return '';
}

const KNOWN_FATHERS: ReadonlySet<string> = new Set(STEM_TO_GIVEN.values());

/** A father's name from the table as it is; a stem outside it read as the known name it is a typo of, if any. */
function knownFather(father: string): string {
  return KNOWN_FATHERS.has(father) ? father : fatherByNearStem(father) || father;
}

/**
 * The known father's name a mistyped stem is one typo from (Nkolaevich → Николай, Ниикт-ич → Никита), or ''
 * when none or more than one is: "close" then still says "probably the same father", never "agrees".
 */
function fatherByNearStem(stem: string): string {
  const target = compact(stem);
  let found = '';
  for (const [known, canonical] of STEM_TO_GIVEN) {
    if (canonical === found || !isNear(target, compact(known))) continue;
    if (found !== '') return '';
    found = canonical;
  }
  return found;
}

function patronymicPiece(text: string): PatronymicPiece {
  const word = words(text).join('');
  if (!word) return { key: '', father: '', sex: '', compactSkeleton: '', length: 0 };
  const key = patronymicKey(word);
  const slash = key.lastIndexOf('/');
  const skeleton = nameSkeleton(word);
  return {
    key,
    father: slash > 0 ? knownFather(key.slice(0, slash)) : fatherByPrefix(skeleton),
    sex: slash > 0 ? key.slice(slash + 1) : '',
    compactSkeleton: compact(skeleton),
    length: skeleton.length,
  };
}

/** Memoised pieces: a list or a case set repeats the same names thousands of times. */
class PieceCache {
  private readonly surnames = new Map<string, SurnamePiece>();
  private readonly givens = new Map<string, GivenPiece>();
  private readonly patronymics = new Map<string, PatronymicPiece>();

  prepare(person: PersonKey): Prepared {
    const [year, month, day] = parseIso(person.birthDate);
    const unit = (person.unit ?? '').toLowerCase();
    return {
      surname: cached(this.surnames, person.surname, surnamePiece),
      given: cached(this.givens, person.givenName, givenPiece),
      patronymic: cached(this.patronymics, person.patronymic, patronymicPiece),
      year,
      month,
      day,
      unitNumbers: unit ? (unit.match(/\d+/g) ?? []) : [],
      unitWords: unit ? words(unit).map(nameSkeleton).filter((word) => word.length >= 4) : [],
    };
  }
}

function cached<T>(cache: Map<string, T>, text: string, make: (text: string) => T): T {
  let piece = cache.get(text);
  if (piece === undefined) {
    piece = make(text);
    if (cache.size < 200_000) cache.set(text, piece);
  }
  return piece;
}

/**
 * Blocking keys: a pair is scored only when it shares one. Each survives a different kind of damage — the
 * surname skeleton (given-name and date errors), its consonants (vowel changes between Ukrainian and
 * Russian, vowel typos), given name + patronymic + the surname's first sound (surname typos past the first
 * letter, missing dates), given name + birth year + that sound (surname typos without a patronymic), and
 * the full date with day and month in either order (any name damage, a mistyped first letter included).
 */
function blockingKeys(person: Prepared): string[] {
  const keys: string[] = [];
  const { surname, given, patronymic } = person;
  const initial = surname.compact.charAt(0);
  if (surname.skeleton) keys.push(`s:${surname.skeleton}`);
  if (surname.alternative !== surname.skeleton) keys.push(`s:${surname.alternative}`);
  for (const part of surname.parts) keys.push(`s:${part}`);
  if (surname.consonants.length >= 2) keys.push(`c:${surname.consonants}`);
  if (given.canonical && patronymic.key) keys.push(`gp:${initial}|${given.canonical}|${patronymic.key}`);
  if (given.canonical && person.year) keys.push(`gy:${initial}|${given.canonical}|${person.year}`);
  if (person.day && person.month) {
    const [low, high] = person.day < person.month ? [person.day, person.month] : [person.month, person.day];
    keys.push(`d:${person.year}|${low}|${high}`);
  }
  return keys;
}

// ------------------------------------------------------------------------------------------ comparisons

const ROW_A = new Int32Array(64);
const ROW_B = new Int32Array(64);
const ROW_C = new Int32Array(64);

/** Optimal-string-alignment distance (a swap of two neighbours counts one), or limit + 1 once beyond it. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (b.length >= ROW_A.length) return a === b ? 0 : limit + 1;
  let before = ROW_A;
  let previous = ROW_B;
  let current = ROW_C;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[b.length] as number, limit + 1);
}

/** Typo tolerance by length (in sounds): none under 3, one edit up to 5, two from 6. */
function isNear(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  if (length < 3) return false;
  const limit = length >= 6 ? 2 : 1;
  return editDistance(a, b, limit) <= limit;
}

function compareSurname(q: SurnamePiece, c: SurnamePiece): Agreement {
  if (!q.skeleton || !c.skeleton) return 'missing';
  if (q.skeleton === c.skeleton || q.alternative === c.skeleton || q.skeleton === c.alternative) return 'agrees';
  if (q.consonants === c.consonants && q.consonants.length >= 3) return 'close';
  if (isNear(q.compact, c.compact)) return 'close';
  if (q.alternative !== q.skeleton && isNear(compact(q.alternative), c.compact)) return 'close';
  // One part of a double surname (Петренко-Коваль against Коваль).
  if (q.parts.includes(c.skeleton) || c.parts.includes(q.skeleton)) return 'close';
  if (q.parts.some((part) => c.parts.includes(part))) return 'close';
  return 'differs';
}

function compareGiven(q: GivenPiece, c: GivenPiece): Agreement {
  if (!q.canonical || !c.canonical) return 'missing';
  if (q.canonical === c.canonical) return 'agrees';
  // An initial ("М.") against a full name: its letter could be the Ukrainian or the Russian form's.
  if (q.length === 1 || c.length === 1) {
    const [initial, full] = q.length === 1 ? [q.compactSkeleton, c] : [c.compactSkeleton, q];
    return full.compactSkeleton.startsWith(initial) || full.compactCanonical.startsWith(initial) ? 'close' : 'differs';
  }
  if (isNear(q.compactCanonical, c.compactCanonical) || isNear(q.compactSkeleton, c.compactSkeleton)) return 'close';
  // A mistyped name against the other side's spelling of it (Дитрий against Дмитро, by way of Дмитрий).
  if ((q.nearCanonical !== '' && q.nearCanonical === c.canonical) || (c.nearCanonical !== '' && c.nearCanonical === q.canonical)) return 'close';
  return 'differs';
}

function comparePatronymic(q: PatronymicPiece, c: PatronymicPiece): Agreement {
  if (!q.key || !c.key) return 'missing';
  if (q.key === c.key) return 'agrees';
  if (q.length === 1 || c.length === 1) {
    const [initial, full] = q.length === 1 ? [q.compactSkeleton, c] : [c.compactSkeleton, q];
    return full.compactSkeleton.startsWith(initial) || full.father.startsWith(initial) ? 'close' : 'differs';
  }
  if (q.sex !== '' && c.sex !== '' && q.sex !== c.sex) return 'differs';
  // A mistyped ending still names the same father (Андреевчи, Петроивч), or the whole word is one typo off.
  if (q.father !== '' && q.father === c.father) return 'close';
  if (isNear(q.compactSkeleton, c.compactSkeleton)) return 'close';
  return 'differs';
}

type DateLevel = 'exact' | 'swapped' | 'dayTypo' | 'yearTypo' | 'month' | 'year' | 'nearYear' | 'differs' | 'missing';

function digitsDiffer(a: number, b: number): number {
  const x = String(a).padStart(2, '0');
  const y = String(b).padStart(2, '0');
  let count = 0;
  for (let index = 0; index < x.length; index++) if (x[index] !== y[index]) count++;
  return count + Math.abs(x.length - y.length);
}

function compareDate(q: Prepared, c: Prepared): DateLevel {
  if (!q.year || !c.year) return 'missing';
  const full = q.day > 0 && c.day > 0;
  if (full) {
    if (q.year === c.year && q.month === c.month && q.day === c.day) return 'exact';
    if (q.year === c.year && q.month === c.day && q.day === c.month) return 'swapped';
    // One mistyped digit anywhere in the date; in the year it is also what a namesake born in another year
    // with the same day and month looks like, so the two are told apart.
    const changed = digitsDiffer(q.year, c.year) + digitsDiffer(q.month, c.month) + digitsDiffer(q.day, c.day);
    if (changed === 1) return q.year === c.year ? 'dayTypo' : 'yearTypo';
    return 'differs';
  }
  if (q.month > 0 && c.month > 0) {
    if (q.year === c.year && q.month === c.month) return 'month';
    if (q.year === c.year && (q.month === c.day || c.month === q.day)) return 'year';
    return q.year === c.year ? 'year' : 'differs';
  }
  if (q.year === c.year) return 'year';
  return digitsDiffer(q.year, c.year) === 1 ? 'nearYear' : 'differs';
}

const DATE_AGREEMENT: Readonly<Record<DateLevel, Agreement>> = {
  exact: 'agrees', month: 'agrees', year: 'agrees', swapped: 'close', dayTypo: 'close', yearTypo: 'close', nearYear: 'close', differs: 'differs',
  missing: 'missing',
};

// Weights in bits (log2 of how much likelier the level is for the same person than for two others).
const DATE_WEIGHT: Readonly<Record<DateLevel, number>> = {
  exact: 12, swapped: 8, dayTypo: 6, yearTypo: 4, month: 8, year: 5, nearYear: 0, differs: -10, missing: 0,
};

function compareUnit(q: Prepared, c: Prepared): Agreement {
  const qEmpty = q.unitNumbers.length === 0 && q.unitWords.length === 0;
  const cEmpty = c.unitNumbers.length === 0 && c.unitWords.length === 0;
  if (qEmpty || cEmpty) return 'missing';
  const sameNumbers = q.unitNumbers.join(' ') === c.unitNumbers.join(' ');
  if (sameNumbers && q.unitNumbers.length > 0) return 'agrees';
  if (sameNumbers && q.unitWords.join(' ') === c.unitWords.join(' ')) return 'agrees';
  if (q.unitNumbers.some((n) => c.unitNumbers.includes(n)) || q.unitWords.some((w) => c.unitWords.includes(w))) return 'close';
  return 'differs';
}

/**
 * Which date levels allow the strong band, given the patronymic. A namesake (another birth year, another
 * patronymic) must never be strong: a year that differs, even by one digit, never is; a date known only in
 * part, or with a mistyped day or month, is strong only when the patronymic agrees too; no date, never.
 */
const STRONG_DATE: Readonly<Record<DateLevel, (patronymic: Agreement) => boolean>> = {
  exact: (p) => p !== 'differs',
  swapped: (p) => p !== 'differs',
  dayTypo: (p) => p === 'agrees',
  month: (p) => p === 'agrees',
  year: (p) => p === 'agrees',
  yearTypo: () => false,
  nearYear: () => false,
  differs: () => false,
  missing: () => false,
};

/**
 * Evidence that is incomplete but contradicts nothing: the date missing on one side while surname, given name
 * and patronymic all agree, or the patronymic missing on one side while the date agrees as far as it goes (or
 * has one mistyped day or month digit; a year that differs never qualifies: that is a namesake's mark). A
 * namesake is invisible here (the field that would tell them apart is the missing one), so such a pair is
 * strong only when, besides outweighing the size of the case set (ALONE_ODDS), it is the only case among the
 * candidates that could be this person (see `isCompatible`): were the person's namesake among the cases too,
 * the two would stand side by side and neither would be strong.
 */
function isStrongIfAlone(surname: Agreement, givenName: Agreement, patronymic: Agreement, dateLevel: DateLevel, unit: Agreement): boolean {
  if (surname !== 'agrees' || givenName !== 'agrees' || unit === 'differs') return false;
  if (dateLevel === 'missing') return patronymic === 'agrees';
  if (dateLevel === 'year' || dateLevel === 'month' || dateLevel === 'dayTypo') return patronymic === 'missing';
  return false;
}

/** A case that could be the same person as far as the row tells: no field differs, the names agree or are close. */
function isCompatible(fields: Record<MatchField, Agreement>): boolean {
  const nameFits = (agreement: Agreement) => agreement === 'agrees' || agreement === 'close';
  return nameFits(fields.surname) && nameFits(fields.givenName) && fields.patronymic !== 'differs' && fields.birthDate !== 'differs';
}

const UNIT_WEIGHT: Readonly<Record<Agreement, number>> = { agrees: 3, close: 1, differs: -1, missing: 0 };

/**
 * Incomplete evidence (isStrongIfAlone) has to outweigh the number of people it could be: a row and one case
 * among N start at odds of about 1 : N, so reaching 200 : 1 — the strong band's 99.5 % precision — takes
 * log2(200 · N) bits: 20 among 5,000 cases, 23.3 among 50,000. Never less than the strong band's own threshold.
 */
const ALONE_ODDS = 200;

/** Band thresholds on the summed weight; the score maps the sum through a logistic curve centred between. */
export const STRONG_MIN_WEIGHT = 20;
export const POSSIBLE_MIN_WEIGHT = 7;
const SCORE_CENTRE = 14;
const SCORE_SCALE = 4;

function scoreOf(weight: number): number {
  return Math.round(1000 / (1 + Math.exp(-(weight - SCORE_CENTRE) / SCORE_SCALE))) / 1000;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * How rare a value is, in bits: its frequency in the case set, smoothed towards a typical frequency so a small
 * set does not make every name look common, and bounded so one unusual spelling cannot decide alone.
 */
function rarity(count: number, total: number, typical: number, low: number, high: number): number {
  const frequency = (count + PRIOR_WEIGHT * typical) / (total + PRIOR_WEIGHT);
  return clamp(-Math.log2(frequency), low, high);
}
const PRIOR_WEIGHT = 50;
const TYPICAL_SURNAME = 0.002;
const TYPICAL_GIVEN = 0.03;

function increment(counts: Map<string, number>, key: string): void {
  if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Candidates for a person among a fixed set of cases. Build once, query many times; the ranking depends only on the set, never on its order (ties break on the case id).
 */
export class Matcher {
  private readonly ids: string[] = [];
  private readonly prepared: Prepared[] = [];
  private readonly blocks = new Map<string, number[]>();
  private readonly surnameCounts = new Map<string, number>();
  private readonly givenCounts = new Map<string, number>();
  private readonly patronymicCounts = new Map<string, number>();
  private readonly pieces = new PieceCache();
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** The weight incomplete evidence needs in a set this size (ALONE_ODDS). */
  private readonly aloneMinWeight: number;

  constructor(cases: Iterable<{ id: string } & PersonKey>) {
    for (const person of cases) {
      const index = this.ids.length;
      const prepared = this.pieces.prepare(person);
      this.ids.push(person.id);
      this.prepared.push(prepared);
      for (const key of blockingKeys(prepared)) {
        const block = this.blocks.get(key);
        if (block === undefined) this.blocks.set(key, [index]);
        else if (block[block.length - 1] !== index) block.push(index);
      }
      increment(this.surnameCounts, prepared.surname.skeleton);
      increment(this.givenCounts, prepared.given.canonical);
      increment(this.patronymicCounts, prepared.patronymic.key);
    }
    this.seen = new Uint32Array(this.ids.length);
    this.aloneMinWeight = Math.max(STRONG_MIN_WEIGHT, Math.log2(ALONE_ODDS * this.ids.length));
  }

  get size(): number {
    return this.ids.length;
  }

  candidates(query: PersonKey, limit = 5): Candidate[] {
    const q = this.pieces.prepare(query);
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const found: Scored[] = [];
    for (const key of blockingKeys(q)) {
      const block = this.blocks.get(key);
      if (block === undefined) continue;
      for (const index of block) {
        if (this.seen[index] === this.stamp) continue;
        this.seen[index] = this.stamp;
        const scored = this.score(q, this.prepared[index] as Prepared, index);
        if (scored !== undefined) found.push(scored);
      }
    }
    found.sort((a, b) => b.weight - a.weight || compareIds(this.ids[a.index] ?? '', this.ids[b.index] ?? ''));
    // Over every pair found, not only the ones shown, so the answer depends neither on the limit nor on the order.
    let compatible = 0;
    for (const scored of found) if (isCompatible(scored.fields)) compatible++;
    return found.slice(0, limit).map(({ index, weight, fields, strong, strongIfAlone }) => ({
      caseId: this.ids[index] ?? '',
      score: scoreOf(weight),
      band: strong || (strongIfAlone && compatible === 1) ? 'strong' : 'possible',
      fields,
    }));
  }

  // Cheap fields first: a pair that cannot reach the possible band even with its surname agreeing is dropped
  // before the surname's edit distance is computed.
  private score(q: Prepared, c: Prepared, index: number): Scored | undefined {
    const total = this.ids.length;
    const givenName = compareGiven(q.given, c.given);
    const patronymic = comparePatronymic(q.patronymic, c.patronymic);
    const dateLevel = compareDate(q, c);
    const unit = compareUnit(q, c);
    const givenRarity = rarity(this.givenCounts.get(c.given.canonical) ?? 1, total, TYPICAL_GIVEN, 2, 7);
    const patronymicRarity = rarity(this.patronymicCounts.get(c.patronymic.key) ?? 1, total, TYPICAL_GIVEN, 2, 7);
    let weight = DATE_WEIGHT[dateLevel] + UNIT_WEIGHT[unit];
    weight += givenName === 'agrees' ? givenRarity : givenName === 'close' ? 1.5 : givenName === 'differs' ? -5 : 0;
    weight += patronymic === 'agrees' ? patronymicRarity : patronymic === 'close' ? 1.5 : patronymic === 'differs' ? -5 : 0;
    if (weight + MAX_SURNAME_WEIGHT < POSSIBLE_MIN_WEIGHT) return undefined;
    const surname = compareSurname(q.surname, c.surname);
    const surnameRarity = rarity(this.surnameCounts.get(c.surname.skeleton) ?? 1, total, TYPICAL_SURNAME, 3, MAX_SURNAME_WEIGHT);
    weight += surname === 'agrees' ? surnameRarity : surname === 'close' ? surnameRarity / 2 : surname === 'differs' ? -5 : 0;
    if (weight < POSSIBLE_MIN_WEIGHT) return undefined;
    const strong = weight >= STRONG_MIN_WEIGHT && surname !== 'differs' && surname !== 'missing' && givenName !== 'differs' && givenName !== 'missing' && STRONG_DATE[dateLevel](patronymic);
    const strongIfAlone = !strong && weight >= this.aloneMinWeight && isStrongIfAlone(surname, givenName, patronymic, dateLevel, unit);
    return { index, weight, strong, strongIfAlone, fields: { surname, givenName, patronymic, birthDate: DATE_AGREEMENT[dateLevel], unit } };
  }
}

interface Scored {
  index: number;
  weight: number;
  strong: boolean;
  /** Strong only if no other pair found is compatible (isStrongIfAlone). */
  strongIfAlone: boolean;
  fields: Record<MatchField, Agreement>;
}

const MAX_SURNAME_WEIGHT = 11;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------------------------------ differing letters

export interface LetterSegment {
  text: string;
  /** True when these letters of `a` have no counterpart in `b` (to highlight). */
  differs: boolean;
}

const APOSTROPHES = /['’ʼ`‘´ʹ]/u;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
// KMU-55 spells these letters differently inside a word than at its start (Олійник → Oliinyk, not Oliynyk).
const INSIDE_WORD_LATIN: Readonly<Record<string, string>> = { й: 'i', ї: 'i', є: 'ie', ю: 'iu', я: 'ia' };

/**
 * The letters of `a`, cut into runs that do or do not appear in `b` in order (a longest common subsequence,
 * case-insensitive, apostrophes alike). When one side is Cyrillic and the other Latin, letters compare by
 * their transliteration, so "Oliinyk" against "Олійник" highlights nothing and "Oleinik" highlights the e.
 */
export function diffLetters(a: string, b: string): LetterSegment[] {
  const left = [...a];
  const right = [...b];
  const crossScript = CYRILLIC_LETTER.test(a) !== CYRILLIC_LETTER.test(b);
  const unit = (char: string): string => {
    if (APOSTROPHES.test(char)) return "'";
    const lower = char.toLowerCase();
    return crossScript ? (INSIDE_WORD_LATIN[lower] ?? toLatin(lower)) || lower : lower;
  };
  const l = left.map(unit);
  const r = right.map(unit);
  // Cross-script units may be several letters (щ → shch); compare them against joined runs of the other side
  // by transliterating both to Latin letters and diffing those, then mapping back to `a`'s characters.
  const lx = crossScript ? l.flatMap((u, index) => [...u].map(() => index)) : l.map((_, index) => index);
  const ls = crossScript ? l.join('') : null;
  const rs = crossScript ? r.join('') : null;
  const seqA = ls === null ? l : [...ls];
  const seqB = rs === null ? r : [...rs];
  const rows = seqA.length;
  const cols = seqB.length;
  const table = new Uint16Array((rows + 1) * (cols + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      table[i * (cols + 1) + j] =
        seqA[i] === seqB[j]
          ? (table[(i + 1) * (cols + 1) + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * (cols + 1) + j] ?? 0, table[i * (cols + 1) + j + 1] ?? 0);
    }
  }
  const matched = new Array<boolean>(seqA.length).fill(false);
  for (let i = 0, j = 0; i < rows && j < cols; ) {
    if (seqA[i] === seqB[j]) {
      matched[i] = true;
      i++;
      j++;
    } else if ((table[(i + 1) * (cols + 1) + j] ?? 0) >= (table[i * (cols + 1) + j + 1] ?? 0)) i++;
    else j++;
  }
  // A character of `a` differs when any of its Latin letters found no partner; a letter with no Latin form
  // (ь, a digit) never differs on its own.
  const charDiffers = left.map(() => false);
  seqA.forEach((_, index) => {
    if (!matched[index]) charDiffers[lx[index] ?? 0] = true;
  });
  const segments: LetterSegment[] = [];
  left.forEach((char, index) => {
    const differs = (charDiffers[index] ?? false) && (l[index] ?? '') !== '' && !/\s/u.test(char);
    const last = segments[segments.length - 1];
    if (last !== undefined && last.differs === differs) last.text += char;
    else segments.push({ text: char, differs });
  });
  return segments;
}

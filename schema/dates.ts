// Dates and heights as people type them — "14.03.1998", "03.1998", "1998", "серпень 2024", "14 березня 1998",
// "1,82" — read into the stored forms (ISO yyyy, yyyy-mm, yyyy-mm-dd; whole centimetres). Pure functions: the
// intake form, the detail page and list imports all read typed text with these.

export type DatePrecision = 'year' | 'month' | 'day';

export type DateProblem =
  /** Not a date this reader knows how to read. */
  | 'format'
  /** A month or day that does not exist: 13th month, 31.02. */
  | 'impossible'
  /** Later than today. */
  | 'future'
  /** Before 1900, outside what the records accept. */
  | 'tooOld';

export type TypedDate =
  | { ok: true; iso: string; precision: DatePrecision }
  | { ok: false; problem: DateProblem };

/** Today as the reader's calendar has it: year, month 1–12, day 1–31. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export const MIN_YEAR = 1900;

/**
 * Month names in Ukrainian (nominative and genitive), Russian (both) and English. A word matches a month when
 * it is one of its names or, at three letters or more, the start of one ("бер", "сент", "Aug").
 */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['січень', 'січня', 'январь', 'января', 'january'],
  ['лютий', 'лютого', 'февраль', 'февраля', 'february'],
  ['березень', 'березня', 'март', 'марта', 'march'],
  ['квітень', 'квітня', 'апрель', 'апреля', 'april'],
  ['травень', 'травня', 'май', 'мая', 'may'],
  ['червень', 'червня', 'июнь', 'июня', 'june'],
  ['липень', 'липня', 'июль', 'июля', 'july'],
  ['серпень', 'серпня', 'август', 'августа', 'august'],
  ['вересень', 'вересня', 'сентябрь', 'сентября', 'september'],
  ['жовтень', 'жовтня', 'октябрь', 'октября', 'october'],
  ['листопад', 'листопада', 'ноябрь', 'ноября', 'november'],
  ['грудень', 'грудня', 'декабрь', 'декабря', 'december'],
];

/** The month (1–12) a word names, or undefined when it names none or could be two. */
export function monthFromWord(word: string): number | undefined {
  const w = word.toLocaleLowerCase().replace(/\.$/, '');
  const found = new Set<number>();
  MONTH_NAMES.forEach((names, i) => {
    if (names.some((name) => name === w || (w.length >= 3 && name.startsWith(w)))) found.add(i + 1);
  });
  return found.size === 1 ? [...found][0] : undefined;
}

/** Words that may follow a year: "1998 р.", "1998 року", "1998 г.", "1998 года". */
const YEAR_WORDS = /\s*(р\.?|рік|року|г\.?|год|года|y\.?)$/u;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoOf(year: number, month?: number, day?: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return month === undefined ? String(year) : day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/** A two-digit year as people mean it: not in the future, so "98" is 1998 and "24" is 2024. */
function fullYear(digits: string, today: CalendarDay): number {
  const n = Number(digits);
  if (digits.length !== 2) return n;
  const century = Math.floor(today.year / 100) * 100;
  return century + n > today.year ? century - 100 + n : century + n;
}

function check(year: number, month: number | undefined, day: number | undefined, today: CalendarDay): TypedDate {
  if (month !== undefined && (month < 1 || month > 12)) return { ok: false, problem: 'impossible' };
  if (month !== undefined && day !== undefined && (day < 1 || day > daysIn(year, month))) return { ok: false, problem: 'impossible' };
  if (year < MIN_YEAR) return { ok: false, problem: 'tooOld' };
  const after = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? 0;
      const y = b[i] ?? 0;
      if (x !== y) return x > y;
    }
    return false;
  };
  const parts = [year, month, day].filter((n): n is number => n !== undefined);
  if (after(parts, [today.year, today.month, today.day].slice(0, parts.length))) return { ok: false, problem: 'future' };
  const precision: DatePrecision = month === undefined ? 'year' : day === undefined ? 'month' : 'day';
  return { ok: true, iso: isoOf(year, month, day), precision };
}

/**
 * Reads a typed date. Accepts ISO (1998, 1998-03, 1998-03-14), day-first numbers with any of . / - , or space
 * between them (14.03.1998, 14/03/1998, 14.03.98, 03.1998), and month names ("серпень 2024",
 * "14 березня 1998 р.", "March 14, 1998"). An empty text is not a date: callers treat it as "unknown".
 */
export function parseTypedDate(typed: string, today: CalendarDay): TypedDate {
  const text = typed.trim().toLocaleLowerCase().replace(/\s+/g, ' ').replace(YEAR_WORDS, '').trim();
  if (!text) return { ok: false, problem: 'format' };

  if (/\p{L}/u.test(text)) {
    const words = text.split(/[\s.,/-]+/).filter(Boolean);
    const monthWords = words.filter((w) => /\p{L}/u.test(w));
    const numbers = words.filter((w) => /^\d+$/.test(w));
    if (monthWords.length !== 1 || numbers.length + 1 !== words.length) return { ok: false, problem: 'format' };
    const month = monthFromWord(monthWords[0] ?? '');
    if (month === undefined) return { ok: false, problem: 'format' };
    const yearAt = numbers.findIndex((n) => n.length === 4);
    if (yearAt < 0) return { ok: false, problem: 'format' };
    const year = Number(numbers[yearAt]);
    const rest = numbers.filter((_, i) => i !== yearAt);
    if (rest.length === 0) return check(year, month, undefined, today);
    const [dayText = ''] = rest;
    if (rest.length === 1 && dayText.length <= 2) return check(year, month, Number(dayText), today);
    return { ok: false, problem: 'format' };
  }

  const parts = text.split(/\s*[./\-, ]\s*/);
  if (!parts.every((p) => /^\d+$/.test(p))) return { ok: false, problem: 'format' };
  const [a = '', b = '', c = ''] = parts;
  if (parts.length === 1) return a.length === 4 ? check(Number(a), undefined, undefined, today) : { ok: false, problem: 'format' };
  if (parts.length === 2) {
    // 1998-03 (year first) or 03.1998 (month first); "03.98" would be too easy to misread, so the year is whole.
    if (a.length === 4 && b.length <= 2) return check(Number(a), Number(b), undefined, today);
    if (b.length === 4 && a.length <= 2) return check(Number(b), Number(a), undefined, today);
    return { ok: false, problem: 'format' };
  }
  if (parts.length === 3) {
    if (a.length === 4 && b.length <= 2 && c.length <= 2) return check(Number(a), Number(b), Number(c), today);
    if (a.length <= 2 && b.length <= 2 && (c.length === 4 || c.length === 2)) return check(fullYear(c, today), Number(b), Number(a), today);
  }
  return { ok: false, problem: 'format' };
}

/** Today in the device's local calendar (display and input only; no stored decision rests on it). */
export function localToday(now: Date = new Date()): CalendarDay {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export type TypedHeight = { ok: true; cm: number } | { ok: false };

/**
 * Reads a typed height into whole centimetres: "182", "182 см", "1,82", "1.82 м", "1,82м". A number under 3
 * is metres. The range (100–230 cm) is the schema's to judge.
 */
export function parseTypedHeight(typed: string): TypedHeight {
  const text = typed.trim().toLocaleLowerCase().replace(/\s*(см|cm|м|m)\.?$/u, '').trim();
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return { ok: false };
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return { ok: true, cm: Math.round(value < 3 ? value * 100 : value) };
}

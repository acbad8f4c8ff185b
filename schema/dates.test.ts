import { describe, expect, it } from 'vitest';
import { localToday, monthFromWord, parseTypedDate, parseTypedHeight } from './dates.ts';

const today = { year: 2026, month: 12, day: 1 };
const read = (typed: string) => parseTypedDate(typed, today);
const iso = (typed: string) => {
  const result = read(typed);
  return result.ok ? result.iso : `!${result.problem}`;
};

describe('typed dates', () => {
  it('keeps ISO as it is', () => {
    expect(read('1998')).toEqual({ ok: true, iso: '1998', precision: 'year' });
    expect(read('1998-03')).toEqual({ ok: true, iso: '1998-03', precision: 'month' });
    expect(read('1998-03-14')).toEqual({ ok: true, iso: '1998-03-14', precision: 'day' });
    expect(iso(' 1998-3-4 ')).toBe('1998-03-04');
  });

  it('reads day-first numbers with any separator the phone keyboard offers', () => {
    for (const typed of ['14.03.1998', '14/03/1998', '14-03-1998', '14,03,1998', '14 03 1998', '14. 03. 1998', '14.3.1998', '14.03.98']) {
      expect(iso(typed), typed).toBe('1998-03-14');
    }
    expect(iso('03.1998')).toBe('1998-03');
    expect(iso('3/1998')).toBe('1998-03');
    expect(iso('1998 р.')).toBe('1998');
    expect(iso('1998 року')).toBe('1998');
    expect(iso('01.05.24')).toBe('2024-05-01');
  });

  it('reads month names in Ukrainian (nominative and genitive), Russian and English', () => {
    expect(iso('серпень 2024')).toBe('2024-08');
    expect(iso('Серпня 2024 р.')).toBe('2024-08');
    expect(iso('14 березня 1998')).toBe('1998-03-14');
    expect(iso('14 березня 1998 року')).toBe('1998-03-14');
    expect(iso('березень 1998')).toBe('1998-03');
    expect(iso('1 лютого 2000')).toBe('2000-02-01');
    expect(iso('листопад 2023')).toBe('2023-11');
    expect(iso('5 мая 1990')).toBe('1990-05-05');
    expect(iso('август 2024')).toBe('2024-08');
    expect(iso('14 сентября 1985 г.')).toBe('1985-09-14');
    expect(iso('March 14, 1998')).toBe('1998-03-14');
    expect(iso('14 March 1998')).toBe('1998-03-14');
    expect(iso('Aug 2024')).toBe('2024-08');
    expect(iso('14 бер. 1998')).toBe('1998-03-14');
    for (let month = 1; month <= 12; month++) expect(monthFromWord(['січня', 'лютий', 'березня', 'квітень', 'травня', 'червень', 'липня', 'серпень', 'вересня', 'жовтень', 'листопада', 'грудень'][month - 1] ?? '')).toBe(month);
    // Too short to tell apart, or no month at all.
    expect(monthFromWord('ма')).toBeUndefined();
    expect(monthFromWord('ju')).toBeUndefined();
    expect(monthFromWord('весна')).toBeUndefined();
  });

  it('refuses dates that do not exist', () => {
    expect(read('31.02.1998')).toEqual({ ok: false, problem: 'impossible' });
    expect(read('29.02.1999')).toEqual({ ok: false, problem: 'impossible' });
    expect(iso('29.02.2000')).toBe('2000-02-29');
    expect(read('14.13.1998')).toEqual({ ok: false, problem: 'impossible' });
    expect(read('13.1998')).toEqual({ ok: false, problem: 'impossible' });
    expect(read('1998-13')).toEqual({ ok: false, problem: 'impossible' });
    expect(read('00.03.1998')).toEqual({ ok: false, problem: 'impossible' });
    expect(read('32 березня 1998')).toEqual({ ok: false, problem: 'impossible' });
  });

  it('refuses the future (by the day) and years before 1900', () => {
    expect(read('2027')).toEqual({ ok: false, problem: 'future' });
    expect(read('01.2027')).toEqual({ ok: false, problem: 'future' });
    expect(read('02.12.2026')).toEqual({ ok: false, problem: 'future' });
    expect(iso('01.12.2026')).toBe('2026-12-01');
    expect(iso('грудень 2026')).toBe('2026-12');
    expect(iso('2026')).toBe('2026');
    expect(read('1899')).toEqual({ ok: false, problem: 'tooOld' });
  });

  it('refuses what it cannot read rather than guessing', () => {
    for (const typed of ['', 'вчора', '14031998', '98', '03.98', '1998.03.14.1', 'серпень', '14 серпня', 'серпень липень 2024', '12345', '1,5 року']) {
      expect(read(typed).ok, typed).toBe(false);
    }
  });

  it('takes today from the local calendar', () => {
    expect(localToday(new Date(2024, 7, 31, 23, 30))).toEqual({ year: 2024, month: 8, day: 31 });
  });
});

describe('typed heights', () => {
  it('reads centimetres and metres with a comma or a point', () => {
    for (const typed of ['182', '182 см', '182см', '1,82', '1.82', '1,82 м', '1.82m', ' 182 ']) {
      expect(parseTypedHeight(typed), typed).toEqual({ ok: true, cm: 182 });
    }
    expect(parseTypedHeight('1,8')).toEqual({ ok: true, cm: 180 });
    expect(parseTypedHeight('178,5')).toEqual({ ok: true, cm: 179 });
  });

  it('refuses what is not a height', () => {
    for (const typed of ['', 'високий', '1,82,3', '-182', '1 82', '6\'1"']) expect(parseTypedHeight(typed).ok, typed).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeListBytes, describeListError, guessColumns, readList } from './list-csv.ts';

const today = { year: 2026, month: 12, day: 1 };

// Windows-1251 bytes written out by hand (not by the decoder under test): А–Я are 0xC0–0xDF, а–я 0xE0–0xFF,
// І 0xB2, і 0xB3, Ї 0xAF, ї 0xBF, Є 0xAA, є 0xBA, Ґ 0xA5, ґ 0xB4.
function cp1251(text: string): Uint8Array {
  const special: Record<string, number> = { І: 0xb2, і: 0xb3, Ї: 0xaf, ї: 0xbf, Є: 0xaa, є: 0xba, Ґ: 0xa5, ґ: 0xb4, '’': 0x92 };
  return Uint8Array.from([...text].map((char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    if (special[char] !== undefined) return special[char];
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    throw new Error(`no cp1251 byte for ${char}`);
  }));
}

describe('decodeListBytes', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('прізвище\nОлійник')]);
    expect(decodeListBytes(bytes)).toEqual({ text: 'прізвище\nОлійник', encoding: 'utf-8' });
  });

  it('falls back to Windows-1251 when the bytes are not UTF-8', () => {
    const bytes = cp1251('surname;given_name\r\nОлійник;Микола\r\nЄрмак;Ґанна\r\n');
    expect(decodeListBytes(bytes)).toEqual({ text: 'surname;given_name\r\nОлійник;Микола\r\nЄрмак;Ґанна\r\n', encoding: 'windows-1251' });
  });

  it('obeys a forced encoding, and refuses forced UTF-8 on other bytes', () => {
    expect(decodeListBytes(cp1251('Київ'), 'windows-1251').text).toBe('Київ');
    expect(() => decodeListBytes(cp1251('Київ'), 'utf-8')).toThrow();
  });
});

describe('readList', () => {
  it('reads separate columns and dates in every list format', () => {
    const text = [
      'surname,given_name,patronymic,birth_date,unit',
      'Олійник,Микола,Петрович,1994-03-14,72 ОМБр',
      'Коваль,Іван,,14.03.1994,',
      'Мороз,Петро,,14/03/1994,',
      'Бойко,Олег,,1994,',
      'Ткач,Ганна,,,',
      'Лисенко,Юрій,,03.1994,',
      'Руденко,Юрій,,14.03.94,',
    ].join('\n');
    const list = readList(text, { today });
    expect(list.errors).toEqual([]);
    expect(list.rows.map((row) => row.birthDate)).toEqual(['1994-03-14', '1994-03-14', '1994-03-14', '1994', '', '1994-03', '1994-03-14']);
    expect(list.rows[0]).toMatchObject({ row: 0, line: 2, surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', unit: '72 ОМБр' });
  });

  it('splits a full-name column, surname first', () => {
    const list = readList('full_name;birth_date\nОЛІЙНИК Микола Петрович;1994\nKoval Ivan;\n', { today });
    expect(list.delimiter).toBe(';');
    expect(list.rows.map(({ surname, givenName, patronymic }) => [surname, givenName, patronymic])).toEqual([
      ['ОЛІЙНИК', 'Микола', 'Петрович'],
      ['Koval', 'Ivan', ''],
    ]);
  });

  it('reads tab-separated lists and quoted fields with line breaks, counting lines from where each row starts', () => {
    const text = 'label\tfull_name\titems\r\n1\t"Олійник\r\nМикола"\t"жетон,\r\nфото"\r\n2\tКоваль Іван\t\r\n';
    const list = readList(text, { today });
    expect(list.delimiter).toBe('\t');
    expect(list.errors).toEqual([]);
    expect(list.rows.map((row) => [row.row, row.line, row.label, row.surname, row.givenName, row.items])).toEqual([
      [0, 2, '1', 'Олійник', 'Микола', 'жетон,\r\nфото'],
      [1, 5, '2', 'Коваль', 'Іван', ''],
    ]);
  });

  it('lists broken rows by line with the reason and never also as rows', () => {
    const text = ['surname,given_name,birth_date', 'Олійник,Микола,1994', 'Коваль,Іван', 'Мороз,Петро,31.02.1990', '', 'Бойко,Олег,2031', 'Ткач,"Ганна,1990'].join('\n');
    const list = readList(text, { today });
    expect(list.rows.map((row) => row.surname)).toEqual(['Олійник']);
    expect(list.errors.map((error) => [error.line, error.row, error.problem, error.dateProblem])).toEqual([
      [3, 1, 'fieldCount', undefined],
      [4, 2, 'date', 'impossible'],
      [6, 3, 'date', 'future'],
      [7, 4, 'unclosedQuote', undefined],
    ]);
    expect(list.errors.map(describeListError)).toEqual([
      '2 fields where the header has 3',
      'birth date "31.02.1990" is not a real day',
      'birth date "2031" lies in the future',
      'a quoted field is never closed',
    ]);
  });

  it('refuses a header without a name column, and an empty file', () => {
    expect(readList('a,b\n1,2\n').errors.map((error) => error.problem)).toEqual(['noNameColumn']);
    expect(readList('').errors.map((error) => error.problem)).toEqual(['empty']);
    expect(readList('\uFEFFsurname\nОлійник\n').rows.map((row) => row.surname)).toEqual(['Олійник']);
  });

  it('reads a Windows-1251 file end to end', () => {
    const { text } = decodeListBytes(cp1251('прізвище;ім’я;по батькові;дата народження\r\nОлійник;Микола;Петрович;14.03.1994\r\n'));
    expect(readList(text, { today }).rows[0]).toMatchObject({ surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', birthDate: '1994-03-14' });
  });

  it('reports progress and stops when asked', () => {
    const text = `surname\n${Array.from({ length: 3000 }, (_, index) => `Прізвище${index}`).join('\n')}\n`;
    const seen: number[] = [];
    const full = readList(text, { onProgress: (fraction) => seen.push(fraction) });
    expect(full.rows).toHaveLength(3000);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(3);
    const stopped = readList(text, { shouldStop: () => true });
    expect(stopped.cancelled).toBe(true);
    expect(stopped.rows.length).toBeLessThan(3000);
  });

  it('knows Ukrainian and Russian header names', () => {
    expect(guessColumns(['ПІБ', 'Дата народження', 'Бірка', 'Військова частина'])).toEqual({ fullName: 0, birthDate: 1, label: 2, unit: 3 });
    expect(guessColumns(['Фамилия', 'Имя', 'Отчество', 'Дата рождения'])).toEqual({ surname: 0, givenName: 1, patronymic: 2, birthDate: 3 });
  });
});

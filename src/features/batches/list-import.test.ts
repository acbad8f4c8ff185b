// Reading an imported list into batch entries: good rows become entries carrying their line, broken rows are
// kept by line with the reason (never dropped), the encoding is detected or forced, the columns guessed or
// mapped (one full-name column is split surname first).
import { describe, expect, it } from 'vitest';
import { batchEntrySchema } from '@schema/batch.ts';
import { checkEntry, readListFile, rowToEntry } from './list-import.ts';

const today = { year: 2026, month: 12, day: 1 };
const batchId = '3f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
const utf8 = (text: string) => new TextEncoder().encode(text);

// Windows-1251 bytes written out by hand (not by the decoder under test).
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

describe('readListFile', () => {
  it('turns good rows into entries with their source line, and lists every broken row by line with its reason', () => {
    const text = [
      'бирка;прізвище;ім\'я;по батькові;дата народження;частина;документи',
      'Т-1;Олійник;Микола;Петрович;14.03.1998;93 ОМБр;військовий квиток',
      'Т-2;Шевченко;Іван;;31.02.1990;;', // impossible day
      'Т-3;"Коваль',
      'Марко";Андрійович;;1985;;', // a quoted field across two lines
      'Т-4;Ткач', // too few fields
      ';;;;;;', // names nobody
      'Т-5;Бондар;Ганна;;1999-07;;',
    ].join('\r\n');
    const read = readListFile(utf8(text), batchId, { today });
    expect(read.encoding).toBe('utf-8');
    expect(read.entries.map((e) => [e.line, e.values.label, e.values.surname, e.values.birthDate])).toEqual([
      [2, 'Т-1', 'Олійник', '1998-03-14'],
      [4, 'Т-3', 'Коваль\r\nМарко', '1985'],
      [8, 'Т-5', 'Бондар', '1999-07'],
    ]);
    expect(read.entries[0]?.values).toMatchObject({ batchId, sourceLine: 2, unit: '93 ОМБр', documents: 'військовий квиток', reviewStatus: 'unreviewed' });
    expect(read.errors.map((e) => [e.line, e.problem, e.dateProblem ?? e.detail])).toEqual([
      [3, 'date', 'impossible'],
      [6, 'fieldCount', '2/7'],
      [7, 'noName', ''],
    ]);
    // Nothing silently dropped: every data row is either an entry or a broken row.
    expect(read.entries.length + read.errors.length).toBe(6);
  });

  it('splits one full-name column surname first and honours a mapping that ignores the header', () => {
    const text = 'No,ПІБ,DOB\n17,Олійник Микола Петрович,1994\n18,"Ткаченко Ольга",\n';
    const guessed = readListFile(utf8(text), batchId, { today });
    expect(guessed.columns).toEqual({ fullName: 1, birthDate: 2 });
    expect(guessed.entries.map((e) => [e.values.surname, e.values.givenName, e.values.patronymic, e.values.label])).toEqual([
      ['Олійник', 'Микола', 'Петрович', ''],
      ['Ткаченко', 'Ольга', '', ''],
    ]);
    const mapped = readListFile(utf8(text), batchId, { today, columns: { fullName: 1, label: 0, birthDate: 2 } });
    expect(mapped.entries.map((e) => [e.values.label, e.values.birthDate])).toEqual([['17', '1994'], ['18', '']]);
  });

  it('detects Windows-1251, reads it again as forced, and says so when UTF-8 is forced on such bytes', () => {
    const bytes = cp1251('прізвище;ім\'я;дата народження\r\nЄрмоленко;Ґанна;01/02/1990\r\n');
    const detected = readListFile(bytes, batchId, { today });
    expect(detected.encoding).toBe('windows-1251');
    expect(detected.entries[0]?.values).toMatchObject({ surname: 'Єрмоленко', givenName: 'Ґанна', birthDate: '1990-02-01' });
    expect(readListFile(bytes, batchId, { today, encoding: 'windows-1251' }).entries).toHaveLength(1);
    const forced = readListFile(bytes, batchId, { today, encoding: 'utf-8' });
    expect(forced.entries).toEqual([]);
    expect(forced.errors).toEqual([{ line: 1, row: null, problem: 'encoding', detail: '' }]);
  });

  it('a header with no name column is one problem of the whole file, and a tab-separated list reads', () => {
    expect(readListFile(utf8('a,b\n1,2\n'), batchId, { today }).errors.map((e) => e.problem)).toEqual(['noNameColumn']);
    const tabbed = readListFile(utf8('surname\tgiven_name\nOliinyk\tMykola\n'), batchId, { today });
    expect(tabbed.delimiter).toBe('\t');
    expect(tabbed.entries[0]?.values).toMatchObject({ surname: 'Oliinyk', givenName: 'Mykola' });
  });
});

describe('checkEntry', () => {
  it('passes what the server schema takes and names a field that is too long', () => {
    const values = rowToEntry({ row: 0, line: 2, surname: 'Олійник', givenName: '', patronymic: '', birthDate: '', label: '', unit: '', items: '' }, batchId);
    expect(checkEntry(values)).toBeNull();
    expect(batchEntrySchema.safeParse({ ...values, id: batchId }).success).toBe(true);
    expect(checkEntry({ ...values, unit: 'x'.repeat(201) })).toMatchObject({ problem: 'tooLong', field: 'unit' });
    expect(checkEntry({ ...values, surname: '' })).toMatchObject({ problem: 'noName' });
  });
});

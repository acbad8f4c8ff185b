// Reading an .xlsx list as the list worker does (readAnyListFile): the workbook is written here with
// write-excel-file, so a real ZIP with shared strings, a date-formatted cell, numbers and empty cells reaches
// read-excel-file. Its rows go the CSV way: header, guessed columns, dates, broken rows by the sheet's row
// number. A file that is not a workbook, a protected one, or an empty sheet is one problem and imports nothing.
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { cellText, isXlsx } from '@/lib/list-xlsx.ts';
import { readAnyListFile, readListFile } from './list-import.ts';

const today = { year: 2026, month: 12, day: 1 };
const batchId = '3f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';

type Cell = string | number | null | { value: Date; type: DateConstructor; format: string };
const dateCell = (year: number, month: number, day: number): Cell => ({ value: new Date(Date.UTC(year, month - 1, day)), type: Date, format: 'dd.mm.yyyy' });

async function workbook(rows: Cell[][]): Promise<Uint8Array> {
  return new Uint8Array(await writeExcelFile(rows).toBuffer());
}

const HEADER: Cell[] = ['бирка', 'прізвище', "ім'я", 'по батькові', 'дата народження', 'частина'];

describe('readAnyListFile on an .xlsx workbook', () => {
  it('reads the first sheet like a CSV: Cyrillic names, a date cell, numbers as text, empty cells, broken rows by sheet row', async () => {
    const bytes = await workbook([
      HEADER,
      ['Т-1', 'Олійник', 'Микола', 'Петрович', dateCell(1998, 3, 14), '93 ОМБр'],
      ['Т-2', 'Шевченко', 'Іван', null, '31.02.1990', null], // impossible day, typed as text
      [], // a blank row: skipped, but the rows after it keep their sheet numbers
      [18, 'Коваль', 'Марко', null, 1985, null], // a number label and a year typed as a number
      [null, null, null, null, '01.01.1990', null], // names nobody
      ['Т-5', 'Бондар', 'Ганна', null, '1999-07', null],
    ]);
    expect(isXlsx(bytes)).toBe(true);
    const read = await readAnyListFile(bytes, batchId, { today, fileName: 'список.xlsx' });
    expect(read.format).toBe('xlsx');
    expect(read.header).toEqual(HEADER);
    expect(read.columns).toEqual({ label: 0, surname: 1, givenName: 2, patronymic: 3, birthDate: 4, unit: 5 });
    expect(read.entries.map((e) => [e.line, e.values.label, e.values.surname, e.values.patronymic, e.values.birthDate, e.values.unit])).toEqual([
      [2, 'Т-1', 'Олійник', 'Петрович', '1998-03-14', '93 ОМБр'],
      [5, '18', 'Коваль', '', '1985', ''],
      [7, 'Т-5', 'Бондар', '', '1999-07', ''],
    ]);
    expect(read.entries[0]?.values).toMatchObject({ batchId, sourceLine: 2, givenName: 'Микола', reviewStatus: 'unreviewed' });
    expect(read.errors.map((e) => [e.line, e.problem, e.dateProblem ?? e.detail])).toEqual([
      [3, 'date', 'impossible'],
      [6, 'noName', ''],
    ]);
    // Nothing silently dropped: five data rows, each an entry or a broken row (the blank one is not a row).
    expect(read.entries.length + read.errors.length).toBe(5);
  });

  it('is told by its bytes whatever the name, and honours a column mapping on a full-name sheet', async () => {
    const bytes = await workbook([['№', 'ПІБ', 'Дата народження'], [17, 'Єрмоленко Ґанна Іванівна', dateCell(1990, 2, 1)], [18, 'Ткачук Олег', null]]);
    const guessed = await readAnyListFile(bytes, batchId, { today, fileName: 'list.bin' });
    expect(guessed.format).toBe('xlsx');
    expect(guessed.columns).toEqual({ fullName: 1, birthDate: 2 });
    const mapped = await readAnyListFile(bytes, batchId, { today, fileName: 'list.bin', columns: { label: 0, fullName: 1, birthDate: 2 } });
    expect(mapped.entries.map((e) => [e.line, e.values.label, e.values.surname, e.values.givenName, e.values.patronymic, e.values.birthDate])).toEqual([
      [2, '17', 'Єрмоленко', 'Ґанна', 'Іванівна', '1990-02-01'],
      [3, '18', 'Ткачук', 'Олег', '', ''],
    ]);
  });

  it('a sheet whose header names nobody is one problem, as in a CSV', async () => {
    const read = await readAnyListFile(await workbook([['a', 'b'], [1, 2]]), batchId, { today });
    expect(read.entries).toEqual([]);
    expect(read.errors.map((e) => [e.line, e.row, e.problem])).toEqual([[1, null, 'noNameColumn']]);
  });

  it('random bytes named .xlsx, a protected workbook and an empty sheet each give one problem and no entry', async () => {
    const random = Uint8Array.from({ length: 512 }, (_, index) => (index * 151 + 7) % 256);
    const unreadable = await readAnyListFile(random, batchId, { today, fileName: 'list.xlsx' });
    expect(unreadable).toMatchObject({ format: 'xlsx', entries: [], errors: [{ line: 1, row: null, problem: 'xlsxUnreadable', detail: '' }] });
    // Control: the same bytes under a text name go the CSV way, so it is the name that made them a workbook.
    expect((await readAnyListFile(random, batchId, { today, fileName: 'list.csv' })).format).toBe('csv');
    // A broken ZIP (the magic, then nothing a ZIP holds).
    const brokenZip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...random.slice(0, 60)]);
    expect((await readAnyListFile(brokenZip, batchId, { today })).errors.map((e) => e.problem)).toEqual(['xlsxUnreadable']);
    // An encrypted workbook is an OLE container, as an old .xls is.
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...random.slice(0, 56)]);
    expect((await readAnyListFile(ole, batchId, { today, fileName: 'захищений.xlsx' })).errors.map((e) => e.problem)).toEqual(['xlsxProtected']);
    const empty = await readAnyListFile(await workbook([[]]), batchId, { today });
    expect(empty).toMatchObject({ entries: [], errors: [{ line: 1, row: null, problem: 'sheetEmpty' }] });
  });

  it('leaves a text list on the CSV path, read exactly as before', async () => {
    const bytes = new TextEncoder().encode("прізвище;ім'я\nОлійник;Микола\n");
    expect(isXlsx(bytes, 'list.csv')).toBe(false);
    const any = await readAnyListFile(bytes, batchId, { today, fileName: 'list.csv' });
    expect(any).toEqual(readListFile(bytes, batchId, { today }));
    expect(any).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'utf-8' });
  });
});

describe('cellText', () => {
  it('gives a date cell as its UTC day, numbers and booleans as text, an empty cell as nothing', () => {
    expect(cellText(new Date(Date.UTC(1998, 2, 14)))).toBe('1998-03-14');
    expect(cellText(new Date(Date.UTC(1905, 0, 2, 23, 59)))).toBe('1905-01-02');
    expect(cellText(1985)).toBe('1985');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('true');
    expect(cellText(null)).toBe('');
    expect(cellText('  Т-1 ')).toBe('  Т-1 ');
  });
});

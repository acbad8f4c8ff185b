// Reading a batch list (CSV) into persons for the matcher: bytes → text (UTF-8, or Windows-1251 when the bytes
// are not UTF-8), rows with the line each starts on, columns by header, dates read as people type them.
// Plain TypeScript over papaparse (worker: false, always) so the app's own module worker and the CLI
// (scripts/match.ts) read a file the same way; schema/ cannot hold it, since schema/ imports only zod.
import Papa from 'papaparse';
import { type CalendarDay, type DateProblem, localToday, parseTypedDate } from '@schema/dates.ts';
import { splitFullName } from '@schema/matching.ts';

export type ListEncoding = 'utf-8' | 'windows-1251';

/**
 * Text of a list file. UTF-8 (with or without a byte-order mark) unless the bytes are not valid UTF-8, then
 * Windows-1251, which is what spreadsheet programs in Cyrillic locales save. A caller may force either.
 */
export function decodeListBytes(bytes: Uint8Array, encoding?: ListEncoding): { text: string; encoding: ListEncoding } {
  if (encoding !== 'windows-1251') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch (error) {
      if (encoding === 'utf-8') throw error;
    }
  }
  return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
}

export const LIST_FIELDS = ['surname', 'givenName', 'patronymic', 'fullName', 'birthDate', 'label', 'unit', 'items'] as const;
export type ListField = (typeof LIST_FIELDS)[number];
/** Which column (0-based) holds each field; a field without a column is empty on every row. */
export type ListColumns = Partial<Record<ListField, number>>;

// Header names as the CLI documents them (issue 9), plus the Ukrainian and Russian ones lists arrive with.
const HEADER_NAMES: Readonly<Record<ListField, readonly string[]>> = {
  surname: ['surname', 'last_name', 'family_name', 'прізвище', 'фамилия'],
  givenName: ['given_name', 'first_name', 'name', "ім'я", 'імя', 'имя'],
  patronymic: ['patronymic', 'middle_name', 'по батькові', 'по-батькові', 'отчество'],
  fullName: ['full_name', 'піб', 'прізвище ім’я по батькові', "прізвище ім'я по батькові", 'фио'],
  birthDate: ['birth_date', 'date_of_birth', 'dob', 'дата народження', 'дата рождения'],
  label: ['label', 'tag', 'number', 'номер', 'бирка', 'бірка'],
  unit: ['unit', 'військова частина', 'частина', 'підрозділ', 'воинская часть'],
  items: ['items', 'documents', 'речі', 'документи', 'предметы', 'документы'],
};

const normaliseHeader = (name: string) => name.trim().toLowerCase().replace(/[’ʼ`]/g, "'").replace(/\s+/g, ' ');

/** Columns recognised by their header names; unknown columns are left out. */
export function guessColumns(header: readonly string[]): ListColumns {
  const columns: ListColumns = {};
  header.forEach((name, index) => {
    const normalised = normaliseHeader(name);
    for (const field of LIST_FIELDS) {
      if (columns[field] === undefined && HEADER_NAMES[field].some((known) => normaliseHeader(known) === normalised)) columns[field] = index;
    }
  });
  return columns;
}

export interface ListRow {
  /** 0-based index among the data rows (the header is not a row). */
  row: number;
  /** 1-based line of the file where the row starts (a quoted field may span lines). */
  line: number;
  surname: string;
  givenName: string;
  patronymic: string;
  /** yyyy, yyyy-mm, yyyy-mm-dd or '' */
  birthDate: string;
  label: string;
  unit: string;
  items: string;
}

export type ListProblem =
  /** A quoted field is never closed. */
  | 'unclosedQuote'
  /** The row has more or fewer fields than the header. */
  | 'fieldCount'
  /** The birth date cannot be read (see `dateProblem`). */
  | 'date'
  /** The header names no name column and no columns were given. */
  | 'noNameColumn'
  /** The file has no header row. */
  | 'empty';

export interface ListError {
  line: number;
  /** The data row, or null for a problem of the whole file. */
  row: number | null;
  problem: ListProblem;
  dateProblem?: DateProblem;
  /** The offending text (the date as written, the field count), for the message. */
  detail: string;
}

export interface ReadListOptions {
  /** Column mapping; guessed from the header when omitted. */
  columns?: ListColumns;
  today?: CalendarDay;
  /** Called about every 500 rows with the share of the text read (0..1). */
  onProgress?: (fraction: number) => void;
  /** Checked with each progress call; returning true stops reading (the result says `cancelled`). */
  shouldStop?: () => boolean;
}

export interface ListReadResult {
  header: string[];
  columns: ListColumns;
  delimiter: string;
  rows: ListRow[];
  /** Every broken row, by line, in file order; a broken row is never also in `rows`. */
  errors: ListError[];
  cancelled: boolean;
}

const PROGRESS_EVERY = 500;
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The separator the header row uses most (comma, semicolon or tab; comma when it holds none). The header is
 * trusted rather than papaparse's guess, which picks a comma for "full_name;birth_date" lists whose last
 * field is often empty.
 */
export function guessDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const header = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = header.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/**
 * Reads a list's text: header row first, comma, semicolon or tab separated, quoted fields may hold line breaks.
 * Synchronous (50,000 rows take well under a second in Node): a worker calls it and posts the progress. To
 * cancel from the page, terminate the worker (nothing is written until the result is back), or back
 * shouldStop with something that changes while the worker is busy (Atomics on a SharedArrayBuffer).
 */
export function readList(input: string, options: ReadListOptions = {}): ListReadResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = guessDelimiter(text);
  const reader = createRowReader(options, delimiter);
  let rowStart = 0;
  let line = 1;
  let counted = 0; // text[0, counted) has been scanned for line breaks

  const lineAt = (offset: number) => {
    for (let index = counted; index < offset; index++) if (text.charCodeAt(index) === 10) line++;
    counted = Math.max(counted, offset);
    return line;
  };

  Papa.parse<string[]>(text, {
    worker: false,
    delimiter,
    step: (step, parser) => {
      const startLine = lineAt(rowStart);
      rowStart = step.meta.cursor;
      const fields = step.data;
      if (fields.length === 1 && (fields[0] ?? '').trim() === '' && step.errors.length === 0) return;
      const unclosedQuote = step.errors.some((error) => error.code === 'MissingQuotes');
      const go = reader.take(fields, startLine, unclosedQuote, () => (text.length === 0 ? 1 : rowStart / text.length));
      if (!go) parser.abort();
    },
  });
  return reader.finish();
}

/**
 * Reads a spreadsheet's rows (cells already text, one array a row, `line` the sheet's row number) the way
 * readList reads a file's: header first, the same columns, dates and broken rows. A blank row is skipped.
 */
export function readRows(rows: Iterable<{ fields: string[]; line: number }>, options: ReadListOptions & { progress?: () => number } = {}): ListReadResult {
  const reader = createRowReader(options, '');
  for (const { fields, line } of rows) {
    if (fields.every((field) => field.trim() === '')) continue;
    if (!reader.take(fields, line, false, options.progress ?? (() => 1))) break;
  }
  return reader.finish();
}

/** The header, columns, dates and broken rows of a list, one row at a time; shared by CSV and spreadsheet reading. */
function createRowReader(options: ReadListOptions, delimiter: string) {
  const today = options.today ?? localToday();
  const result: ListReadResult = { header: [], columns: options.columns ?? {}, delimiter, rows: [], errors: [], cancelled: false };
  let dataRows = 0;
  let headerSeen = false;

  /** Takes one non-blank row; false when reading stops (no name column, or stopped). */
  function take(fields: string[], startLine: number, unclosedQuote: boolean, progress: () => number): boolean {
    if (!headerSeen) {
      headerSeen = true;
      result.header = fields.map((field) => field.trim());
      if (options.columns === undefined) result.columns = guessColumns(result.header);
      const { surname, givenName, fullName } = result.columns;
      if (surname === undefined && givenName === undefined && fullName === undefined) {
        result.errors.push({ line: startLine, row: null, problem: 'noNameColumn', detail: result.header.join(result.delimiter || ', ') });
        return false;
      }
      return true;
    }
    const row = dataRows++;
    if (unclosedQuote) {
      result.errors.push({ line: startLine, row, problem: 'unclosedQuote', detail: '' });
      return true;
    }
    if (fields.length !== result.header.length) {
      result.errors.push({ line: startLine, row, problem: 'fieldCount', detail: `${fields.length}/${result.header.length}` });
      return true;
    }
    const cell = (field: ListField) => {
      const index = result.columns[field];
      return index === undefined ? '' : (fields[index] ?? '').trim();
    };
    const named = cell('fullName') ? splitFullName(cell('fullName')) : undefined;
    const typedDate = cell('birthDate');
    let birthDate = '';
    if (typedDate) {
      const parsed = parseTypedDate(typedDate, today);
      if (!parsed.ok) {
        result.errors.push({ line: startLine, row, problem: 'date', dateProblem: parsed.problem, detail: typedDate });
        return true;
      }
      birthDate = parsed.iso;
    }
    result.rows.push({
      row,
      line: startLine,
      surname: cell('surname') || (named?.surname ?? ''),
      givenName: cell('givenName') || (named?.givenName ?? ''),
      patronymic: cell('patronymic') || (named?.patronymic ?? ''),
      birthDate,
      label: cell('label'),
      unit: cell('unit'),
      items: cell('items'),
    });
    if (row % PROGRESS_EVERY === 0) {
      options.onProgress?.(progress());
      if (options.shouldStop?.()) {
        result.cancelled = true;
        return false;
      }
    }
    return true;
  }

  function finish(): ListReadResult {
    if (!headerSeen) result.errors.push({ line: 1, row: null, problem: 'empty', detail: '' });
    options.onProgress?.(1);
    return result;
  }

  return { take, finish };
}

const DATE_PROBLEM_TEXT: Readonly<Record<DateProblem, string>> = {
  format: 'is not a date (use yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy or a year)',
  impossible: 'is not a real day',
  future: 'lies in the future',
  tooOld: 'is before 1900',
};

/** An English one-line reason, for the command line and logs; the app shows its own translated text. */
export function describeListError(error: ListError): string {
  switch (error.problem) {
    case 'unclosedQuote':
      return 'a quoted field is never closed';
    case 'fieldCount': {
      const [found, expected] = error.detail.split('/');
      return `${found} fields where the header has ${expected}`;
    }
    case 'date':
      return `birth date "${error.detail}" ${DATE_PROBLEM_TEXT[error.dateProblem ?? 'format']}`;
    case 'noNameColumn':
      return 'the header names no surname, given_name or full_name column';
    case 'empty':
      return 'the file is empty (a header row is needed)';
  }
}

// Importing a batch list: the bytes read by src/lib/list-csv.ts (encoding detected or chosen, columns guessed
// or mapped), each good row turned into a batch entry's values and checked against the schema the server
// checks, each broken row kept with its line and reason. An .xlsx workbook (src/lib/list-xlsx.ts) ends in the
// same entries and broken rows. Pure, so the list worker and the tests share it.
import { batchEntrySchema, type BatchEntry } from '@schema/batch.ts';
import type { CalendarDay } from '@schema/dates.ts';
import { decodeListBytes, readList, type ListColumns, type ListEncoding, type ListError, type ListReadResult, type ListRow } from '@/lib/list-csv.ts';
import { isXlsx, readXlsxList, type XlsxProblem } from '@/lib/list-xlsx.ts';

/** What an entry holds before it is given an id (the import assigns them when it writes). */
export type EntryValues = Omit<BatchEntry, 'id'>;

export type ImportProblem =
  | ListError['problem']
  /** The workbook cannot be opened, is password-protected, or its first sheet is empty. */
  | XlsxProblem
  /** The bytes are not UTF-8, and UTF-8 was chosen. */
  | 'encoding'
  /** The row names nobody: no label, no surname, no given name. */
  | 'noName'
  /** A field is longer than an entry holds (`field` names it). */
  | 'tooLong';

export interface ImportError extends Omit<ListError, 'problem'> {
  problem: ImportProblem;
  /** For `tooLong`: which entry field. */
  field?: string;
}

export interface ImportEntry {
  line: number;
  values: EntryValues;
}

export interface ListPreview {
  /** A text list (CSV, TSV, semicolons) or an .xlsx workbook, whose cells have no encoding or separator. */
  format: 'csv' | 'xlsx';
  encoding: ListEncoding;
  header: string[];
  columns: ListColumns;
  delimiter: string;
  /** Every good row, in file order. */
  entries: ImportEntry[];
  /** Every broken row (and any problem of the whole file), by line, in file order. */
  errors: ImportError[];
}

export interface ReadOptions {
  /** Forced encoding; detected (UTF-8, else Windows-1251) when omitted. */
  encoding?: ListEncoding;
  /** Column mapping; guessed from the header when omitted. */
  columns?: ListColumns;
  /** The picked file's name; a name ending in .xlsx is read as a workbook whatever its bytes. */
  fileName?: string;
  today?: CalendarDay;
  onProgress?: (fraction: number) => void;
}

/** A read row as the values of a batch entry; `sourceLine` is the file's line where the row starts. */
export function rowToEntry(row: ListRow, batchId: string): EntryValues {
  return {
    batchId,
    label: row.label,
    surname: row.surname,
    givenName: row.givenName,
    patronymic: row.patronymic,
    fullName: '',
    birthDate: row.birthDate,
    unit: row.unit,
    documents: row.items,
    sourceLine: row.line,
    reviewStatus: 'unreviewed',
    notes: '',
  };
}

/** The problem of an entry's values, or null when the server would take it. */
export function checkEntry(values: EntryValues): Pick<ImportError, 'problem' | 'field' | 'detail'> | null {
  if (!values.label && !values.surname && !values.givenName) return { problem: 'noName', detail: '' };
  const parsed = batchEntrySchema.omit({ id: true }).safeParse(values);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  return { problem: 'tooLong', field, detail: String(values[field as keyof EntryValues] ?? '').slice(0, 40) };
}

/** Reads a list file's bytes into entries for a batch and the broken rows, nothing left out silently. */
export function readListFile(bytes: Uint8Array, batchId: string, options: ReadOptions = {}): ListPreview {
  let decoded: { text: string; encoding: ListEncoding };
  try {
    decoded = decodeListBytes(bytes, options.encoding);
  } catch {
    return wholeFileProblem('csv', options, 'encoding');
  }
  const read = readList(decoded.text, readListOptions(options));
  return toPreview('csv', decoded.encoding, read, batchId);
}

/** Reads a picked file, a workbook (by its bytes or name) or a text list, into a preview. */
export async function readAnyListFile(bytes: Uint8Array, batchId: string, options: ReadOptions = {}): Promise<ListPreview> {
  if (!isXlsx(bytes, options.fileName)) return readListFile(bytes, batchId, options);
  const result = await readXlsxList(bytes, readListOptions(options));
  return result.ok ? toPreview('xlsx', 'utf-8', result.read, batchId) : wholeFileProblem('xlsx', options, result.problem);
}

function readListOptions(options: ReadOptions) {
  return {
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.today ? { today: options.today } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

function wholeFileProblem(format: ListPreview['format'], options: ReadOptions, problem: ImportProblem): ListPreview {
  return { format, encoding: options.encoding ?? 'utf-8', header: [], columns: options.columns ?? {}, delimiter: format === 'csv' ? ',' : '', entries: [], errors: [{ line: 1, row: null, problem, detail: '' }] };
}

function toPreview(format: ListPreview['format'], encoding: ListEncoding, read: ListReadResult, batchId: string): ListPreview {
  const entries: ImportEntry[] = [];
  const errors: ImportError[] = [...read.errors];
  for (const row of read.rows) {
    const values = rowToEntry(row, batchId);
    const problem = checkEntry(values);
    if (problem) errors.push({ line: row.line, row: row.row, ...problem });
    else entries.push({ line: row.line, values });
  }
  errors.sort((a, b) => a.line - b.line);
  return { format, encoding, header: read.header, columns: read.columns, delimiter: read.delimiter, entries, errors };
}

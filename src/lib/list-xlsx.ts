// Reading a batch list saved as an .xlsx workbook: the first sheet's cells as text (a date cell as yyyy-mm-dd,
// a number as its digits), then the same header, columns, dates and broken rows as a CSV (readRows in
// list-csv.ts), the line being the sheet's row number. Only the list worker imports this module, so
// read-excel-file stays out of the first load; its `universal` entry reads an ArrayBuffer in a worker and in
// Node alike and spawns no worker of its own.
import { readSheet, type SheetData } from 'read-excel-file/universal';
import { readRows, type ListReadResult, type ReadListOptions } from './list-csv.ts';

/** Why a workbook could not be read at all. */
export type XlsxProblem =
  /** Not a workbook read-excel-file understands (a broken or renamed file). */
  | 'xlsxUnreadable'
  /** An OLE container: a password-protected workbook, or an old .xls. */
  | 'xlsxProtected'
  /** The first sheet holds no rows. */
  | 'sheetEmpty';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04", every .xlsx is a ZIP
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // encrypted .xlsx and legacy .xls

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => bytes[index] === byte);

/** Whether to read the file as a workbook: its bytes are a ZIP, or its name says .xlsx. */
export function isXlsx(bytes: Uint8Array, fileName = ''): boolean {
  return startsWith(bytes, ZIP_MAGIC) || /\.xlsx$/i.test(fileName.trim());
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * A cell as text. read-excel-file gives a date-formatted cell as a Date at UTC midnight of that day, so the
 * day is taken in UTC (a local-time reading would shift it west of Greenwich).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export type XlsxReadResult = { ok: true; read: ListReadResult } | { ok: false; problem: XlsxProblem };

/** Reads the first sheet of a workbook's bytes; a file it cannot open is one problem, nothing read. */
export async function readXlsxList(bytes: Uint8Array, options: ReadListOptions = {}): Promise<XlsxReadResult> {
  if (startsWith(bytes, OLE_MAGIC)) return { ok: false, problem: 'xlsxProtected' };
  let sheet: SheetData;
  try {
    // A copy of exactly these bytes: the view may sit inside a larger (or shared) buffer.
    const buffer = bytes.slice().buffer;
    sheet = await readSheet(buffer);
  } catch {
    return { ok: false, problem: 'xlsxUnreadable' };
  }
  if (sheet.every((cells) => cells.every((cell) => cellText(cell).trim() === ''))) return { ok: false, problem: 'sheetEmpty' };
  const total = sheet.length;
  let index = 0;
  const rows = function* () {
    for (; index < total; index++) yield { fields: (sheet[index] ?? []).map(cellText), line: index + 1 };
  };
  return { ok: true, read: readRows(rows(), { ...options, progress: () => (total === 0 ? 1 : index / total) }) };
}

// Reading an imported list off the main thread: an .xlsx workbook (read-excel-file, imported only here so it
// never joins the first load), or decoding, papaparse (never its own `worker: true`, see
// TOOLCHAIN.md), dates and the entries' checks, so a 5,000-row file never freezes the page. To stop a read,
// the page terminates this worker; nothing is written until the page has the result and the coordinator agrees.
import * as Comlink from 'comlink';
import { readAnyListFile, type ListPreview, type ReadOptions } from './list-import.ts';

const api = {
  read(bytes: Uint8Array, batchId: string, options: Omit<ReadOptions, 'onProgress'>, onProgress?: (fraction: number) => void): Promise<ListPreview> {
    return readAnyListFile(bytes, batchId, { ...options, ...(onProgress ? { onProgress: (fraction: number) => void onProgress(fraction) } : {}) });
  },
};

export type ListWorker = typeof api;

Comlink.expose(api);

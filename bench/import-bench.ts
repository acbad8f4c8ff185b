// Importing a batch list on the bench page: a generated CSV read in the app's own list worker (the preview the
// import page shows) and its good rows written by createRecords (one commitWrites), timed, with the page's
// longest task observed throughout. The same modules as /batches/:id/import, without React.
import * as Comlink from 'comlink';
import type { SessionResponse } from '@schema/protocol.ts';
import { saveEnrolment } from '@/db/device.ts';
import { createRecords } from '@/db/import.ts';
import { createRecord } from '@/db/records.ts';
import type { ListWorker } from '@/features/batches/list.worker.ts';

const SURNAMES = ['Олійник', 'Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Мельник', 'Поліщук', 'Лисенко', 'Гончаренко'];
const GIVEN = ['Микола', 'Олександр', 'Іван', 'Андрій', 'Сергій', 'Дмитро', 'Юрій', 'Василь', 'Петро', 'Богдан'];
const PATRONYMICS = ['Петрович', 'Іванович', 'Миколайович', 'Олександрович', 'Васильович'];

/** A semicolon-separated list as a spreadsheet saves it; every 500th row has an impossible date. */
export function makeList(rows: number): string {
  const lines = ['№;Прізвище;Ім\'я;По батькові;Дата народження;Частина;Документи'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const date = i % 500 === 499 ? '31.02.1990' : `${day}.${month}.${1960 + (i % 45)}`;
    lines.push([`Т-${i + 1}`, SURNAMES[i % 10], GIVEN[(i * 7) % 10], PATRONYMICS[i % 5], date, `${(i % 150) + 1} ОМБр`, i % 3 === 0 ? '"жетон, військовий квиток"' : ''].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ImportBench {
  rows: number;
  bytes: number;
  previewMs: number;
  importMs: number;
  entries: number;
  broken: number;
  largestMutationBytes: number;
  longestTaskMs: number;
  longTasks: number;
  /** ms after the preview began: the read done, the one write begun, the import done. */
  phases: { readDone: number; savingAt: number; done: number };
  /** Every task over 50 ms, on the same clock. */
  tasks: { at: number; ms: number }[];
}

/** Needs the data key (setUp first). Enrols the bench device as a coordinator's, creates a batch, imports. */
export async function importList(rows: number): Promise<ImportBench> {
  const session: SessionResponse = {
    deviceId: crypto.randomUUID(), refreshSecret: 'secret-0123456789', accessToken: 'x'.repeat(20), expiresIn: 900,
    user: { id: crypto.randomUUID(), name: 'Координатор', role: 'coordinator' },
    spaces: [{ id: crypto.randomUUID(), name: 'Пункт', retentionDays: 14 }],
  };
  await saveEnrolment(session);
  const batch = await createRecord('exchangeBatch', { kind: 'pow_exchange', date: '2025-06-11', announcedCount: rows, source: 'Штаб', sourceCaveat: '', status: 'announced', notes: '' });
  const bytes = new TextEncoder().encode(makeList(rows));

  let longest = 0;
  let count = 0;
  const tasks: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longest = Math.max(longest, entry.duration);
      count += 1;
      tasks.push({ start: entry.startTime, ms: entry.duration });
    }
  });
  observer.observe({ type: 'longtask', buffered: false });

  const t0 = performance.now();
  const worker = new Worker(new URL('../src/features/batches/list.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<ListWorker>(worker);
  const preview = await api.read(bytes, batch.id, {}, Comlink.proxy(() => undefined));
  worker.terminate();
  const previewMs = performance.now() - t0;

  const t1 = performance.now();
  let savingAt = 0;
  const { ids, largestMutationBytes } = await createRecords('batchEntry', preview.entries.map((e) => e.values), {
    onProgress: (p) => { if (p.phase === 'saving' && !savingAt) savingAt = performance.now(); },
  });
  const doneAt = performance.now();
  const importMs = performance.now() - t1;

  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const entry of observer.takeRecords()) {
    longest = Math.max(longest, entry.duration);
    count += 1;
    tasks.push({ start: entry.startTime, ms: entry.duration });
  }
  observer.disconnect();
  // Where the long tasks fell: ms after the preview began, and the import's phases on the same clock.
  const phases = { readDone: t1 - t0, savingAt: savingAt - t0, done: doneAt - t0 };
  const taskList = tasks.map((t) => ({ at: t.start - t0, ms: t.ms }));
  return { rows, bytes: bytes.length, previewMs, importMs, entries: ids.length, broken: preview.errors.length, largestMutationBytes, longestTaskMs: longest, longTasks: count, phases, tasks: taskList };
}

// Importing a list into a batch: pick the file (CSV/TSV text, or an .xlsx workbook whose first sheet is read),
// check the encoding of a text list (detected, changeable), map the columns
// (guessed from the header), see the first rows as they will be read and every broken row by line, then
// import the good rows — all or nothing, with progress, cancellable until the one write begins. Reading runs
// in the app's own worker (list.worker.ts), so a 5,000-row file never freezes the page.
import * as Comlink from 'comlink';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { MutationTooLargeError, StorageFullError } from '@/db/errors.ts';
import { createRecords, type CreateManyProgress } from '@/db/import.ts';
import { formatPartialDate } from '@/lib/i18n.ts';
import type { ListColumns, ListEncoding, ListField } from '@/lib/list-csv.ts';
import { BatchNotFound } from './batch-not-found.tsx';
import type { ImportError, ListPreview, ReadOptions } from './list-import.ts';
import type { ListWorker } from './list.worker.ts';
import { useBatch } from './use-batches.ts';
import '@/components/form/form.css';
import './batches.css';

const PREVIEW_ROWS = 10;
/** The columns a coordinator maps, in the order the form shows them. */
const MAPPED_FIELDS: readonly ListField[] = ['surname', 'givenName', 'patronymic', 'fullName', 'birthDate', 'label', 'unit', 'items'];

type ImportState =
  | { step: 'ready' }
  | { step: 'importing'; progress: CreateManyProgress }
  | { step: 'done'; count: number }
  | { step: 'cancelled' }
  | { step: 'failed'; reason: 'storage' | 'tooLarge' | 'other' };

/** Reads the list in a fresh worker; a new read or a cancel terminates the one before. */
function useListReader() {
  const current = useRef<Worker | null>(null);
  const stop = () => {
    current.current?.terminate();
    current.current = null;
  };
  useEffect(() => stop, []);
  /** The preview; 'superseded' when another read or a stop came first; 'failed' when the worker failed. */
  async function read(bytes: Uint8Array, batchId: string, options: Omit<ReadOptions, 'onProgress'>, onProgress: (fraction: number) => void): Promise<ListPreview | 'superseded' | 'failed'> {
    stop();
    const worker = new Worker(new URL('./list.worker.ts', import.meta.url), { type: 'module' });
    current.current = worker;
    const api = Comlink.wrap<ListWorker>(worker);
    const crashed = new Promise<'failed'>((resolve) => worker.addEventListener('error', () => resolve('failed')));
    try {
      const result = await Promise.race([api.read(bytes, batchId, options, Comlink.proxy(onProgress)), crashed]).catch(() => 'failed' as const);
      return current.current === worker ? result : 'superseded';
    } finally {
      if (current.current === worker) stop();
    }
  }
  return { read, stop };
}

export default function BatchImportPage() {
  const { t, i18n } = useTranslation('batches');
  const { id = '' } = useParams<{ id: string }>();
  const detail = useBatch(id);
  const reader = useListReader();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [reading, setReading] = useState<number | null>(null);
  const [readFailed, setReadFailed] = useState(false);
  const [preview, setPreview] = useState<ListPreview | null>(null);
  const [state, setState] = useState<ImportState>({ step: 'ready' });
  const abort = useRef<AbortController | null>(null);
  const readToken = useRef(0);

  if (detail === undefined) return <p className="loading">{t('loading')}</p>;
  if (detail === null) return <BatchNotFound />;
  const batchTitle = t('batchTitle', { kind: t(`kind.${detail.batch.kind}`), date: formatPartialDate(detail.batch.date, i18n.language) });
  const n = (value: number) => value.toLocaleString(i18n.language === 'uk' ? 'uk-UA' : 'en-GB');

  /** `options.fileName` must be the picked file's: an .xlsx is told by its name as well as its bytes. */
  async function readFile(bytes: Uint8Array, options: Omit<ReadOptions, 'onProgress'>) {
    setReading(0);
    setReadFailed(false);
    setState({ step: 'ready' });
    // Progress comes over its own message port and may arrive after the result, or from a superseded read.
    const token = ++readToken.current;
    const result = await reader.read(bytes, id, options, (fraction) => {
      if (readToken.current === token) setReading(fraction);
    });
    if (result === 'superseded') return;
    readToken.current += 1;
    setReading(null);
    if (result === 'failed') {
      setPreview(null);
      setReadFailed(true);
    } else {
      setPreview(result);
    }
  }

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    setPreview(null);
    if (!picked) return setFile(null);
    const bytes = new Uint8Array(await picked.arrayBuffer());
    setFile({ name: picked.name, bytes });
    await readFile(bytes, { fileName: picked.name });
  }

  function cancelReading() {
    reader.stop();
    readToken.current += 1;
    setReading(null);
    // A stopped first read leaves nothing to import; a stopped re-read leaves the preview as it was.
  }

  const reread = (options: Omit<ReadOptions, 'onProgress'>) => (file ? void readFile(file.bytes, { ...options, fileName: file.name }) : undefined);

  function mapColumn(field: ListField, value: string) {
    if (!preview) return;
    const columns: ListColumns = { ...preview.columns };
    if (value === '') delete columns[field];
    else columns[field] = Number(value);
    reread({ encoding: preview.encoding, columns });
  }

  async function runImport() {
    if (!preview) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'importing', progress: { phase: 'preparing', done: 0, total: preview.entries.length } });
    try {
      const { ids } = await createRecords('batchEntry', preview.entries.map((e) => e.values), {
        signal: controller.signal,
        onProgress: (progress) => setState({ step: 'importing', progress }),
      });
      setState({ step: 'done', count: ids.length });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') setState({ step: 'cancelled' });
      else setState({ step: 'failed', reason: error instanceof StorageFullError ? 'storage' : error instanceof MutationTooLargeError ? 'tooLarge' : 'other' });
    } finally {
      abort.current = null;
    }
  }

  const busy = state.step === 'importing';
  const done = state.step === 'done';
  return (
    <Page title={t('import.title')} intro={batchTitle}>
      <div className="batch-import page--wide stack">
        <p><Link href={`/batches/${id}`}>{t('reviewPage.backToBatch')}</Link></p>
        <section className="card stack" aria-labelledby="import-file-title">
          <h2 id="import-file-title">{t('import.fileTitle')}</h2>
          <p className="muted">{t('import.fileIntro')}</p>
          <div className="text-field">
            <label htmlFor={fileId} className="text-field__label">{t('import.file')}</label>
            <input id={fileId} type="file" className="batch-import__file" accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void pick(e)} disabled={busy || done} />
          </div>
          {reading !== null ? (
            <div className="stack">
              <progress className="batch-progress__bar" max={1} value={reading} aria-label={t('import.reading')} />
              <p role="status">{t('import.reading')}</p>
              <Button onClick={cancelReading}>{t('import.stopReading')}</Button>
            </div>
          ) : null}
          {readFailed ? <StatusMessage tone="error">{t('import.readFailed')}</StatusMessage> : null}
        </section>

        {preview ? (
          <div className="batch-import__columns">
            <section className="card stack" aria-labelledby="import-settings-title">
              <h2 id="import-settings-title">{t('import.settingsTitle')}</h2>
              {preview.format === 'xlsx' ? (
                // A workbook's cells carry their own text: no encoding or separator to choose.
                <p className="muted">{t('import.xlsxNote')}</p>
              ) : (
                <>
                  <SelectField
                    label={t('import.encoding')}
                    hint={t('import.encodingHint')}
                    value={preview.encoding}
                    disabled={busy || done}
                    onChange={(e) => reread({ encoding: e.target.value as ListEncoding })}
                    options={[{ value: 'utf-8', label: 'UTF-8' }, { value: 'windows-1251', label: 'Windows-1251' }]}
                  />
                  <p className="muted">{t('import.delimiter', { delimiter: t(`import.delimiters.${preview.delimiter === '\t' ? 'tab' : preview.delimiter === ';' ? 'semicolon' : 'comma'}`) })}</p>
                </>
              )}
              <fieldset className="batch-import__mapping stack" disabled={busy || done}>
                <legend>{t('import.columns')}</legend>
                <p className="muted">{t('import.columnsHint')}</p>
                {MAPPED_FIELDS.map((field) => (
                  <SelectField
                    key={field}
                    label={t(`import.field.${field}`)}
                    value={preview.columns[field] === undefined ? '' : String(preview.columns[field])}
                    onChange={(e) => mapColumn(field, e.target.value)}
                    options={[{ value: '', label: t('import.noColumn') }, ...preview.header.map((name, index) => ({ value: String(index), label: `${index + 1}: ${name}` }))]}
                  />
                ))}
              </fieldset>
            </section>
            <div className="stack batch-import__main">
              <PreviewTable preview={preview} />
              <BrokenRows errors={preview.errors} />
              <section className="card stack" aria-labelledby="import-run-title">
                <h2 id="import-run-title">{t('import.runTitle')}</h2>
                <p>{t('import.summary', { count: preview.entries.length, rows: n(preview.entries.length), broken: n(preview.errors.length) })}</p>
                {state.step === 'importing' ? (
                  <div className="stack">
                    <progress
                      className="batch-progress__bar"
                      max={state.progress.total || 1}
                      {...(state.progress.phase === 'preparing' ? { value: state.progress.done } : {})}
                      aria-label={t('import.importing')}
                    />
                    <p role="status">
                      {state.progress.phase === 'preparing'
                        ? t('import.preparing', { done: n(state.progress.done), total: n(state.progress.total) })
                        : t('import.saving', { total: n(state.progress.total) })}
                    </p>
                    <Button variant="danger" onClick={() => abort.current?.abort()} disabled={state.progress.phase === 'saving'}>{t('import.stop')}</Button>
                  </div>
                ) : null}
                {state.step === 'done' ? (
                  <>
                    <StatusMessage tone="ok">{t('import.done', { count: state.count, rows: n(state.count) })}</StatusMessage>
                    <Link href={`/batches/${id}`} className="form-button form-button--primary">{t('reviewPage.backToBatch')}</Link>
                  </>
                ) : null}
                {state.step === 'cancelled' ? <StatusMessage tone="info">{t('import.cancelled')}</StatusMessage> : null}
                {state.step === 'failed' ? <StatusMessage tone="error">{t(`import.failed.${state.reason}`)}</StatusMessage> : null}
                {state.step === 'ready' || state.step === 'cancelled' || state.step === 'failed' ? (
                  <div className="form-actions">
                    <Button variant="primary" onClick={() => void runImport()} disabled={preview.entries.length === 0 || reading !== null}>
                      {preview.errors.length > 0 && preview.entries.length > 0
                        ? t('import.runWithout', { count: preview.entries.length, rows: n(preview.entries.length), broken: n(preview.errors.length) })
                        : t('import.run', { count: preview.entries.length, rows: n(preview.entries.length) })}
                    </Button>
                    <Link href={`/batches/${id}`} className="form-button">{t('import.cancel')}</Link>
                  </div>
                ) : null}
              </section>
            </div>
          </div>
        ) : null}
      </div>
    </Page>
  );
}

function PreviewTable({ preview }: { preview: ListPreview }) {
  const { t, i18n } = useTranslation('batches');
  const rows = preview.entries.slice(0, PREVIEW_ROWS);
  const heads = [t('import.line'), t('entries.label'), t('entryForm.surname'), t('entryForm.givenName'), t('entryForm.patronymic'), t('entries.birthDate'), t('entries.unit'), t('entryForm.documents')];
  return (
    <section className="card stack" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">{t('import.previewTitle')}</h2>
      <p className="muted">{t('import.previewIntro', { count: rows.length })}</p>
      {rows.length === 0 ? <p>{t('import.noRows')}</p> : (
        <div className="entry-table__scroll" role="region" aria-label={t('import.previewRows')} tabIndex={0}>
          <table className="entry-table">
            <thead><tr>{heads.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>
              {rows.map(({ line, values: v }) => {
                const cells = [String(line), v.label, v.surname, v.givenName, v.patronymic, formatPartialDate(v.birthDate, i18n.language), v.unit, v.documents];
                return <tr key={line}>{cells.map((c, i) => <td key={heads[i]} data-label={heads[i]}>{c}</td>)}</tr>;
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BrokenRows({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation('batches');
  if (errors.length === 0) return null;
  return (
    <section className="card stack batch-import__broken" aria-labelledby="import-broken-title">
      <h2 id="import-broken-title">{t('import.brokenTitle', { count: errors.length })}</h2>
      <p className="muted">{t('import.brokenIntro')}</p>
      <ul className="batch-import__errors">
        {errors.map((e) => (
          <li key={`${e.line}-${e.problem}`}>
            <strong>{e.row === null ? t('import.wholeFile') : t('import.lineN', { line: e.line })}</strong>: {describe(t, e)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function describe(t: ReturnType<typeof useTranslation<'batches'>>['t'], e: ImportError): string {
  switch (e.problem) {
    case 'fieldCount': {
      const [found = '', expected = ''] = e.detail.split('/');
      return t('import.problem.fieldCount', { found, expected });
    }
    case 'date':
      return t(`import.problem.date.${e.dateProblem ?? 'format'}`, { date: e.detail });
    case 'tooLong':
      return t('import.problem.tooLong', { field: t(`import.field.${e.field === 'documents' ? 'items' : (e.field ?? 'label')}`) });
    default:
      return t(`import.problem.${e.problem}`);
  }
}

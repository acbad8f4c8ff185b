// One exchange batch: what was announced and by whom (with its caveat), how far the review has come, its
// status, and its entries — with a form to add or correct one by hand. A wide two-column layout on a laptop.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { BATCH_STATUSES, type BatchEntry, type ExchangeBatch } from '@schema/batch.ts';
import { Button } from '@/components/button.tsx';
import { Field } from '@/components/form/field.tsx';
import { Page } from '@/components/page.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { patchRecord } from '@/db/inquiries.ts';
import { createRecord } from '@/db/records.ts';
import { formatPartialDate } from '@/lib/i18n.ts';
import { BatchNotFound } from './batch-not-found.tsx';
import { entryFormSchema, type EntryFormInput, type EntryFormValues } from './batch-form.ts';
import { BatchProgress } from './batch-progress.tsx';
import { useBatch } from './use-batches.ts';
import '@/components/form/form.css';
import './batches.css';

export default function BatchPage() {
  const { t, i18n } = useTranslation('batches');
  const { id = '' } = useParams<{ id: string }>();
  const detail = useBatch(id);
  if (detail === undefined) return <p className="loading">{t('loading')}</p>;
  if (detail === null) return <BatchNotFound />;
  const { batch, counts, entries } = detail;
  const title = t('batchTitle', { kind: t(`kind.${batch.kind}`), date: formatPartialDate(batch.date, i18n.language) });
  return (
    <Page title={title}>
      <div className="batch page--wide">
        <p><Link href="/batches">{t('back')}</Link></p>
        <div className="batch__columns">
          <section className="batch__entries" aria-labelledby="batch-entries-title">
            <h2 id="batch-entries-title">{t('entries.title')}</h2>
            <p><Link href={`/batches/${batch.id}/import`} className="form-button">{t('import.open')}</Link></p>
            {entries.length === 0 ? <p className="muted">{t('entries.empty')}</p> : <EntryTable entries={entries.map((e) => e.entry)} />}
            <NewEntryForm batchId={batch.id} />
          </section>
          <aside className="batch__aside stack" aria-label={t('about')}>
            <section className="card stack">
              <h2>{t('about')}</h2>
              <p className="batch-card__source">
                {batch.source}
                {batch.sourceCaveat ? <span className="batch-card__caveat"> — {batch.sourceCaveat}</span> : null}
              </p>
              {batch.announcedCount !== null ? <p>{t('announced', { count: batch.announcedCount })}</p> : null}
              <BatchProgress counts={counts} />
              {counts.entries > 0 ? (
                <Link href={`/batches/${batch.id}/review`} className="form-button form-button--primary">{t('reviewPage.reviewList')}</Link>
              ) : null}
            </section>
            <StatusForm batch={batch} />
          </aside>
        </div>
      </div>
    </Page>
  );
}

function EntryTable({ entries }: { entries: BatchEntry[] }) {
  const { t, i18n } = useTranslation('batches');
  return (
    <div className="entry-table__scroll" role="region" aria-label={t('entries.title')} tabIndex={0}>
      <table className="entry-table">
        <thead>
          <tr>
            <th scope="col">{t('entries.label')}</th>
            <th scope="col">{t('entries.name')}</th>
            <th scope="col">{t('entries.birthDate')}</th>
            <th scope="col">{t('entries.unit')}</th>
            <th scope="col">{t('entries.review')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label={t('entries.label')}>{e.label}</td>
              <td data-label={t('entries.name')}>{[e.surname, e.givenName, e.patronymic].filter(Boolean).join(' ') || e.fullName}</td>
              <td data-label={t('entries.birthDate')}>{formatPartialDate(e.birthDate, i18n.language)}</td>
              <td data-label={t('entries.unit')}>{e.unit}</td>
              <td data-label={t('entries.review')}>{t(`review.${e.reviewStatus}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusForm({ batch }: { batch: ExchangeBatch }) {
  const { t } = useTranslation('batches');
  const [status, setStatus] = useState(batch.status);
  const [saved, setSaved] = useState<'saved' | 'failed' | null>(null);
  const headingId = useId();
  async function save() {
    setSaved(null);
    try {
      await patchRecord('exchangeBatch', batch.id, { status });
      setSaved('saved');
    } catch {
      setSaved('failed');
    }
  }
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('statusForm.title')}</h2>
      <SelectField label={t('statusForm.label')} value={status} onChange={(e) => setStatus(e.target.value as ExchangeBatch['status'])} options={BATCH_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      <Button variant="primary" onClick={() => void save()} disabled={status === batch.status}>{t('statusForm.save')}</Button>
      {saved === 'saved' ? <StatusMessage tone="ok">{t('statusForm.saved')}</StatusMessage> : null}
      {saved === 'failed' ? <StatusMessage tone="error">{t('form.failed')}</StatusMessage> : null}
    </section>
  );
}

const EMPTY_ENTRY: EntryFormInput = { label: '', surname: '', givenName: '', patronymic: '', birthDate: '', unit: '', documents: '' };

function NewEntryForm({ batchId }: { batchId: string }) {
  const { t } = useTranslation('batches');
  const headingId = useId();
  const [result, setResult] = useState<'added' | 'failed' | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<EntryFormInput, unknown, EntryFormValues>({
    resolver: zodResolver(entryFormSchema),
    defaultValues: EMPTY_ENTRY,
  });
  const submit = handleSubmit(async (values) => {
    setResult(null);
    try {
      await createRecord('batchEntry', { ...values, batchId, fullName: '', sourceLine: null, reviewStatus: 'unreviewed', notes: '' });
      reset(EMPTY_ENTRY);
      setResult('added');
    } catch {
      setResult('failed');
    }
  });
  const error = (field: keyof EntryFormInput) => formState.errors[field]?.message;
  return (
    <form className="card stack entry-form" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>{t('entryForm.title')}</h3>
      <p className="muted">{t('entryForm.intro')}</p>
      <Field id="entry-label" label={t('entries.label')} hint={t('entryForm.labelHint')} registration={register('label')} error={error('label')} />
      <Field id="entry-surname" label={t('entryForm.surname')} registration={register('surname')} error={error('surname')} />
      <Field id="entry-given" label={t('entryForm.givenName')} registration={register('givenName')} error={error('givenName')} />
      <Field id="entry-patronymic" label={t('entryForm.patronymic')} registration={register('patronymic')} error={error('patronymic')} />
      <Field id="entry-birth" label={t('entries.birthDate')} hint={t('entryForm.birthDateHint')} registration={register('birthDate')} error={error('birthDate')} />
      <Field id="entry-unit" label={t('entries.unit')} registration={register('unit')} error={error('unit')} />
      <Field id="entry-documents" kind="textarea" label={t('entryForm.documents')} registration={register('documents')} error={error('documents')} />
      {result === 'added' ? <StatusMessage tone="ok">{t('entryForm.added')}</StatusMessage> : null}
      {result === 'failed' ? <StatusMessage tone="error">{t('form.failed')}</StatusMessage> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>{t('entryForm.save')}</Button>
      </div>
    </form>
  );
}

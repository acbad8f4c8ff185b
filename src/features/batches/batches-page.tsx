// The exchange batches a coordinator's device holds, newest first, each with its counts computed from its
// entries; and the form that records a new batch (offline too: it syncs like every record).
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { BATCH_KINDS } from '@schema/batch.ts';
import { Button } from '@/components/button.tsx';
import { Field } from '@/components/form/field.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { createRecord } from '@/db/records.ts';
import { formatPartialDate } from '@/lib/i18n.ts';
import { batchFormSchema, type BatchFormInput, type BatchFormValues } from './batch-form.ts';
import { BatchProgress } from './batch-progress.tsx';
import { useBatches, type BatchSummary } from './use-batches.ts';
import '@/components/form/form.css';
import './batches.css';

export default function BatchesPage() {
  const { t } = useTranslation('batches');
  const batches = useBatches();
  const [isAdding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <Page title={t('list.title')} intro={t('list.intro')}>
      <div className="batches page--wide">
        {created ? <StatusMessage tone="ok">{t('form.created', { name: created })}</StatusMessage> : null}
        {isAdding ? (
          <NewBatchForm
            onDone={(name) => {
              setAdding(false);
              setCreated(name);
            }}
          />
        ) : (
          <Button variant="primary" className="batches__new" onClick={() => { setCreated(null); setAdding(true); }}>{t('list.new')}</Button>
        )}
        {batches === undefined ? (
          <p className="loading">{t('loading')}</p>
        ) : batches.length === 0 ? (
          <p className="muted">{t('list.empty')}</p>
        ) : (
          <ul className="plain-list batch-cards">
            {batches.map((b) => <BatchCard key={b.batch.id} summary={b} />)}
          </ul>
        )}
      </div>
    </Page>
  );
}

function BatchCard({ summary: { batch, counts, pending } }: { summary: BatchSummary }) {
  const { t, i18n } = useTranslation('batches');
  const headingId = useId();
  return (
    <li className="card batch-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="batch-card__title">
        <Link href={`/batches/${batch.id}`}>{t('batchTitle', { kind: t(`kind.${batch.kind}`), date: formatPartialDate(batch.date, i18n.language) })}</Link>
      </h2>
      <p className="batch-card__source">
        {batch.source}
        {batch.sourceCaveat ? <span className="batch-card__caveat"> — {batch.sourceCaveat}</span> : null}
      </p>
      <p className="batch-card__meta">
        <span className="badge">{t(`status.${batch.status}`)}</span>
        {batch.announcedCount !== null ? <span>{t('announced', { count: batch.announcedCount })}</span> : null}
        {pending ? <span className="muted">{t('pending')}</span> : null}
      </p>
      <BatchProgress counts={counts} />
    </li>
  );
}

function NewBatchForm({ onDone }: { onDone: (name: string | null) => void }) {
  const { t, i18n } = useTranslation('batches');
  const headingId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<BatchFormInput, unknown, BatchFormValues>({
    resolver: zodResolver(batchFormSchema),
    defaultValues: { kind: 'pow_exchange', date: '', announcedCount: '', source: '', sourceCaveat: '' },
  });
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const batch = await createRecord('exchangeBatch', { ...values, status: 'announced', notes: '' });
      onDone(t('batchTitle', { kind: t(`kind.${batch.kind}`), date: formatPartialDate(batch.date, i18n.language) }));
    } catch {
      setFailure(t('form.failed'));
    }
  });
  const kinds = BATCH_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
  return (
    <form className="card stack batch-form" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h2 id={headingId}>{t('form.title')}</h2>
      <Field id="batch-kind" kind="radios" label={t('form.kind')} options={kinds} registration={register('kind')} error={formState.errors.kind?.message} isRequired />
      <Field id="batch-date" label={t('form.date')} hint={t('form.dateHint')} registration={register('date')} error={formState.errors.date?.message} isRequired />
      <Field id="batch-count" label={t('form.announcedCount')} hint={t('form.announcedCountHint')} inputMode="numeric" registration={register('announcedCount')} error={formState.errors.announcedCount?.message} />
      <Field id="batch-source" label={t('form.source')} hint={t('form.sourceHint')} registration={register('source')} error={formState.errors.source?.message} isRequired />
      <Field id="batch-caveat" label={t('form.caveat')} hint={t('form.caveatHint')} registration={register('sourceCaveat')} error={formState.errors.sourceCaveat?.message} />
      {failure ? <StatusMessage tone="error">{failure}</StatusMessage> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>{t('form.save')}</Button>
        <Button onClick={() => onDone(null)} disabled={formState.isSubmitting}>{t('form.cancel')}</Button>
      </div>
    </form>
  );
}

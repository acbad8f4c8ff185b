// One conflict: which record and field, the value kept (accepted first) and the value proposed, each with
// its author, device and server time; and, while open, the coordinator's choices.
import { formatReference } from '@schema/reference.ts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Conflict, Resolution } from '@schema/admin.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { apiErrorCode } from '@/api/errors.ts';
import { ApiProblem } from './api-problem.tsx';
import { FieldList, FieldValue, isTypeable, useFieldLabel } from './field-value.tsx';
import { formatServerTime } from './format-value.ts';
import { RecordNames } from './record-names.tsx';

/** A typed value in the shape of the values in conflict; undefined when it cannot be read. */
function parseTyped(text: string, sample: unknown): unknown {
  if (typeof sample === 'number') {
    const n = Number(text.trim().replace(',', '.'));
    return text.trim() && Number.isFinite(n) ? n : undefined;
  }
  if (Array.isArray(sample)) return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text;
}

/** Only plain values can be typed; yes/no, choices and structured ones are chosen from the two sides. */
function canType(conflict: Conflict): boolean {
  if (conflict.kind !== 'field' || !conflict.field || !isTypeable(conflict.recordType, conflict.field)) return false;
  const values = [conflict.kept.value, conflict.proposed.value].filter((v) => v !== null && v !== undefined);
  return values.every((v) => typeof v === 'string' || typeof v === 'number' || (Array.isArray(v) && v.every((i) => typeof i === 'string')));
}

export function ConflictCard({ conflict, onResolved, onStale }: { conflict: Conflict; onResolved: () => void; onStale: () => void }) {
  const { t, i18n } = useTranslation('coordinator');
  const headingId = useId();
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const lang = i18n.language;
  const type = conflict.recordType;
  const label = useFieldLabel(type);
  const what = conflict.kind === 'field' && conflict.field ? label(conflict.field) : t(`conflicts.kinds.${conflict.kind}`);
  const sample = conflict.kept.value ?? conflict.proposed.value;

  async function resolve(resolution: Resolution) {
    setFailure(null);
    setIsBusy(true);
    try {
      await call(API.resolveConflict, { params: { id: conflict.id }, body: resolution });
      onResolved();
    } catch (error) {
      const code = apiErrorCode(error);
      setFailure(code);
      setIsBusy(false);
      // Someone else decided first: show the list as it now is.
      if (code === 'already_resolved') onStale();
    }
  }

  function submitTyped(event: FormEvent) {
    event.preventDefault();
    const value = parseTyped(typed, sample);
    if (value === undefined) {
      setTypedError(t('form.number'));
      return;
    }
    setTypedError(undefined);
    void resolve({ choice: 'value', value });
  }

  const asRecord = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const showValue = (value: unknown) =>
    conflict.kind === 'field' && conflict.field ? <FieldValue type={type} field={conflict.field} value={value} /> : <FieldList type={type} data={asRecord(value)} />;
  const proposedValue = asRecord(conflict.proposed.value);
  const keptContent = conflict.kind === 'update_vs_delete' ? t('conflicts.deletedValue') : showValue(conflict.kept.value);
  const proposedContent =
    conflict.kind === 'delete_vs_update'
      ? t('conflicts.deleteProposed', { reason: typeof proposedValue['reason'] === 'string' ? proposedValue['reason'] : '—' })
      : showValue(conflict.proposed.value);
  const choices = conflict.kind === 'field' ? 'field' : conflict.kind;

  return (
    <article className="card stack conflict" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {conflict.record?.reference
          ? t('conflicts.headingWithReference', { record: t(`recordTypes.${type}`), reference: formatReference(conflict.record.reference), what })
          : t('conflicts.heading', { record: t(`recordTypes.${type}`), what })}
      </h3>
      <RecordNames record={conflict.record} />
      <p className="muted">{t(`conflicts.explain.${conflict.kind}`)}</p>
      <div className="conflict__sides">
        <div className="conflict__side">
          <h4>{t('conflicts.kept')}</h4>
          <div className="conflict__value">{keptContent}</div>
          <p className="muted">
            {t('conflicts.by', {
              name: conflict.kept.user?.name ?? t('conflicts.unknown'),
              device: conflict.kept.device?.label ?? t('conflicts.unknown'),
              time: formatServerTime(conflict.kept.at, lang),
            })}
          </p>
        </div>
        <div className="conflict__side">
          <h4>{t('conflicts.proposed')}</h4>
          <div className="conflict__value">{proposedContent}</div>
          <p className="muted">
            {t('conflicts.by', {
              name: conflict.proposed.user.name ?? t('conflicts.unknown'),
              device: conflict.proposed.device.label ?? t('conflicts.unknown'),
              time: formatServerTime(conflict.proposed.at, lang),
            })}
          </p>
        </div>
      </div>
      {conflict.status === 'resolved' ? (
        <p>
          {t('conflicts.resolvedBy', {
            choice: t([`conflicts.resolution.${conflict.resolution ?? ''}`, 'conflicts.resolution.other']),
            name: conflict.resolvedBy ?? t('conflicts.unknown'),
            time: formatServerTime(conflict.resolvedAt, lang),
          })}
        </p>
      ) : (
        <div className="stack">
          {failure ? <ApiProblem code={failure} /> : null}
          <div className="coordinator-actions">
            <Button variant="primary" disabled={isBusy} onClick={() => void resolve({ choice: 'kept' })}>{t(`conflicts.choices.${choices}.kept`)}</Button>
            <Button disabled={isBusy} onClick={() => void resolve({ choice: 'proposed' })}>{t(`conflicts.choices.${choices}.proposed`)}</Button>
          </div>
          {canType(conflict) ? (
            <form className="stack" noValidate onSubmit={submitTyped}>
              <TextField
                label={t('conflicts.newValue')}
                hint={Array.isArray(sample) ? t('conflicts.listHint') : undefined}
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                error={typedError}
              />
              <Button type="submit" disabled={isBusy}>{t('conflicts.saveNewValue')}</Button>
            </form>
          ) : null}
        </div>
      )}
      <Link href={`/records/${type}/${conflict.recordId}/history`}>{t('conflicts.history')}</Link>
    </article>
  );
}

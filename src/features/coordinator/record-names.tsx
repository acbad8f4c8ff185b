// Names the record a decision is about — the inquiry's reference, the people sought and the family
// contact — so a coordinator never decides on "Inquiry: Notes" without knowing whose inquiry it is.
import { formatReference } from '@schema/reference.ts';
import { useTranslation } from 'react-i18next';
import type { RecordSummary } from '@schema/admin.ts';

export function RecordNames({ record }: { record: RecordSummary | null }) {
  const { t } = useTranslation('coordinator');
  if (!record || (!record.reference && !record.familyContact && record.soughtPersons.length === 0)) {
    return <p className="muted">{t('record.unknown')}</p>;
  }
  return (
    <dl className="facts record-names">
      <div>
        <dt>{t('record.reference')}</dt>
        <dd>{record.reference ? formatReference(record.reference) : t('record.none')}</dd>
      </div>
      <div>
        <dt>{t('record.soughtPersons', { count: Math.max(record.soughtPersons.length, 1) })}</dt>
        <dd>{record.soughtPersons.length ? record.soughtPersons.join(', ') : t('record.none')}</dd>
      </div>
      <div>
        <dt>{t('record.familyContact')}</dt>
        <dd>{record.familyContact ?? t('record.none')}</dd>
      </div>
    </dl>
  );
}

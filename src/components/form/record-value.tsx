// Shows one recorded value in the reader's language: enum labels, dates in the locale's format, lists as lists.
import type { Mark, ReferenceSample } from '@schema/inquiry.ts';
import { useTranslation } from 'react-i18next';
import { formatPartialDate } from '@/lib/i18n.ts';
import { enumLabelKey, type FieldSpec } from './record-fields.ts';
import { useGatheringPoints } from './use-gathering-points.ts';

/** A point's name from this device's enrolment; the id alone would mean nothing to a reader. */
function GatheringPointName({ id }: { id: unknown }) {
  const { t } = useTranslation('intake');
  const points = useGatheringPoints();
  if (typeof id !== 'string' || !id) return <span className="values__empty">{t('gatheringPointLater')}</span>;
  if (!points) return null;
  const point = points.find((p) => p.id === id.toLowerCase());
  return point ? <>{point.name}</> : <span className="values__empty">{t('gatheringPointUnknown')}</span>;
}

export function RecordValue({ spec, value }: { spec: FieldSpec; value: unknown }) {
  const { t, i18n } = useTranslation('intake');
  const empty = <span className="values__empty">{t('notGiven')}</span>;
  const lang = i18n.language;
  switch (spec.kind) {
    case 'boolean':
      return <>{value === true ? t('yes') : t('no')}</>;
    case 'enum':
      return typeof value === 'string' && value && spec.enumName ? <>{t(enumLabelKey(spec.enumName, value))}</> : empty;
    case 'enumList': {
      const items = Array.isArray(value) ? value.map(String) : [];
      return items.length && spec.enumName ? <>{items.map((v) => t(enumLabelKey(spec.enumName ?? 'recipient', v))).join(', ')}</> : <>{t('nobody')}</>;
    }
    case 'date':
    case 'partialDate':
      return typeof value === 'string' && value ? <>{formatPartialDate(value, lang)}</> : empty;
    case 'number':
      // The form holds what was typed ("178"); a stored record holds the number.
      return typeof value === 'number' || (typeof value === 'string' && value.trim())
        ? <>{t('heightValue', { cm: String(value).trim() })}</>
        : empty;
    case 'phones': {
      const phones = Array.isArray(value) ? value.map(String).filter(Boolean) : [];
      return phones.length ? <>{phones.join(', ')}</> : empty;
    }
    case 'marks': {
      const marks: Mark[] = Array.isArray(value) ? value : [];
      if (!marks.length) return empty;
      return (
        <ul>
          {marks.map((m, i) => (
            <li key={i}>
              {t(enumLabelKey('markKind', m.kind))}, {t(enumLabelKey('bodyLocation', m.location))}: {m.description}
            </li>
          ))}
        </ul>
      );
    }
    case 'gatheringPoint':
      return <GatheringPointName id={value} />;
    case 'samples': {
      const samples: ReferenceSample[] = Array.isArray(value) ? value : [];
      if (!samples.length) return empty;
      return (
        <ul>
          {samples.map((s, i) => (
            <li key={i}>
              {s.donorName} ({t(enumLabelKey('relationship', s.relationship))}): {t(enumLabelKey('sampleStatus', s.status))}
              {s.collectedBy || s.collectedOn ? `; ${t('samples.collected', { by: s.collectedBy || '—', on: s.collectedOn ? formatPartialDate(s.collectedOn, lang) : '—' })}` : ''}
              {s.caseReference ? `; ${t('fields.sample.caseReference')}: ${s.caseReference}` : ''}
            </li>
          ))}
        </ul>
      );
    }
    default:
      return typeof value === 'string' && value.trim() ? <>{value}</> : empty;
  }
}

// A server-side record field shown as the inquiry screens show it (enum labels, dates, lists) by reusing
// the shared field catalogue; object fields (consent, referrals) part by part; anything else as text.
import type { RecordType } from '@schema/records.ts';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_FIELDS, FAMILY_CONTACT_FIELDS, IDENTIFYING_FIELDS, INQUIRY_FIELDS, SOUGHT_PERSON_FIELDS, fieldLabelKey,
  type FieldSpec,
} from '@/components/form/record-fields.ts';
import { RecordValue } from '@/components/form/record-value.tsx';
import { formatValue } from './format-value.ts';

const SPECS: Record<RecordType, readonly FieldSpec[]> = {
  // The handling status is not edited in place on the detail page, so it is not in the catalogue's lists.
  inquiry: [...INQUIRY_FIELDS, ...CONSENT_FIELDS, { path: 'handlingStatus', kind: 'enum', enumName: 'handlingStatus' }],
  familyContact: FAMILY_CONTACT_FIELDS,
  soughtPerson: [...SOUGHT_PERSON_FIELDS, ...IDENTIFYING_FIELDS],
  // Batches and their entries: their fields show as plain text.
  exchangeBatch: [],
  batchEntry: [],
  candidateMatch: [],
};

/** Links between records (ids) mean nothing to a reader; history and conflicts leave them out. */
export function isTechnicalField(field: string): boolean {
  return field === 'id' || /Ids?$/.test(field);
}

export function useFieldLabel(type: RecordType): (field: string) => string {
  const { t } = useTranslation('coordinator');
  // Fields the intake form never asks for (the reference) are labelled in this feature's namespace.
  return (field) => t(`intake:${fieldLabelKey(type, field)}`, { defaultValue: t(`fields.${field}`, { defaultValue: field }) });
}

/** Whether a coordinator can type a replacement value for this field (plain text, dates, numbers). */
export function isTypeable(type: RecordType, field: string): boolean {
  const spec = SPECS[type].find((s) => s.path === field);
  return !spec || ['text', 'name', 'textarea', 'date', 'partialDate', 'number'].includes(spec.kind);
}

export function FieldValue({ type, field, value }: { type: RecordType; field: string; value: unknown }) {
  const { t } = useTranslation('coordinator');
  const label = useFieldLabel(type);
  const spec = SPECS[type].find((s) => s.path === field);
  if (spec) return <RecordValue spec={spec} value={value} />;
  const parts = SPECS[type].filter((s) => s.path.startsWith(`${field}.`));
  if (parts.length && value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return (
      <ul className="field-parts">
        {parts.map((part) => (
          <li key={part.path}>
            {label(part.path)}: <RecordValue spec={part} value={record[part.path.slice(field.length + 1)]} />
          </li>
        ))}
      </ul>
    );
  }
  return <>{formatValue(t, value)}</>;
}

/** A whole patch or record: each field with its label and value. */
export function FieldList({ type, data }: { type: RecordType; data: Record<string, unknown> }) {
  const label = useFieldLabel(type);
  const fields = Object.keys(data).filter((f) => !isTechnicalField(f));
  return (
    <dl className="history-changes">
      {fields.map((field) => (
        <div key={field}>
          <dt>{label(field)}</dt>
          <dd>
            <FieldValue type={type} field={field} value={data[field]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

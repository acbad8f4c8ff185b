// Step 6: everything entered, grouped as the steps were, so the volunteer can read it back to the family
// before registering; each group links back to its step.
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IntakeInput } from '@schema/inquiry.ts';
import type { RecordType } from '@schema/records.ts';
import { RecordValue } from '@/components/form/record-value.tsx';
import {
  CONSENT_FIELDS, FAMILY_CONTACT_FIELDS, IDENTIFYING_FIELDS, INQUIRY_FIELDS, SOUGHT_PERSON_FIELDS,
  fieldLabelKey, readPath, type FieldSpec,
} from '@/components/form/record-fields.ts';
import { readTypedValues } from '@/components/form/typed-values.ts';
import { DuplicateWarning } from './duplicate-warning.tsx';
import { STEPS } from './intake-values.ts';

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function Values({ type, specs, record }: { type: RecordType; specs: readonly FieldSpec[]; record: object }) {
  const { t } = useTranslation('intake');
  const shown = specs.filter((s) => s.kind === 'enumList' || !isBlank(readPath(record, s.path)));
  return (
    <dl className="values">
      {shown.map((spec) => (
        <div key={spec.path} className="values__row">
          <dt>{t(fieldLabelKey(type, spec.path))}</dt>
          <dd><RecordValue spec={spec} value={readPath(record, spec.path)} /></dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, step, onEdit, children }: { title: string; step: number; onEdit: (step: number) => void; children: ReactNode }) {
  const { t } = useTranslation('intake');
  return (
    <section className="review-section">
      <div className="review-section__head">
        <h3>{title}</h3>
        <button type="button" className="form-button form-button--link" onClick={() => onEdit(step)} aria-label={`${t('review.change')}: ${title}`}>
          {t('review.change')}
        </button>
      </div>
      {children}
    </section>
  );
}

export function StepReview({ onEdit }: { onEdit: (step: number) => void }) {
  const { t } = useTranslation('intake');
  // Shown as they will be stored: typed dates and heights read the way the registration will read them.
  const values: IntakeInput = readTypedValues(useFormContext<IntakeInput>().getValues()).values;
  const inquiry = values.inquiry;
  return (
    <>
      <p className="form-note">{t('review.intro')}</p>
      <DuplicateWarning persons={values.soughtPersons.map((p) => ({ surname: p.surname ?? '', givenName: p.givenName ?? '', patronymic: p.patronymic ?? '', dateOfBirth: p.dateOfBirth ?? '', unit: p.unit ?? '' }))} />
      <Section title={t('steps.inquiry')} step={STEPS.indexOf('inquiry')} onEdit={onEdit}>
        <Values type="inquiry" specs={INQUIRY_FIELDS} record={inquiry} />
      </Section>
      <Section title={t('steps.family')} step={STEPS.indexOf('family')} onEdit={onEdit}>
        <Values type="familyContact" specs={FAMILY_CONTACT_FIELDS} record={values.familyContact} />
      </Section>
      <Section title={t('steps.consent')} step={STEPS.indexOf('consent')} onEdit={onEdit}>
        <Values type="inquiry" specs={CONSENT_FIELDS} record={inquiry} />
      </Section>
      {values.soughtPersons.map((person, i) => (
        <Section key={i} title={t('persons.itemNamed', { n: i + 1, name: `${person.surname} ${person.givenName}`.trim() })} step={STEPS.indexOf('persons')} onEdit={onEdit}>
          <Values type="soughtPerson" specs={[...SOUGHT_PERSON_FIELDS, ...IDENTIFYING_FIELDS]} record={person} />
        </Section>
      ))}
    </>
  );
}

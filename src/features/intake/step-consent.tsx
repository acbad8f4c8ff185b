// Step 3: consent, each part explained in one plain sentence the volunteer can read out to the family.
import { CONSENT_RECIPIENTS } from '@schema/inquiry.ts';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/form/field.tsx';
import { useEnumOptions } from '@/components/form/use-enum-options.ts';
import { useIntakeField } from './use-intake-field.ts';

export function StepConsent() {
  const { t } = useTranslation('intake');
  const bind = useIntakeField();
  const options = useEnumOptions();
  const recipients = CONSENT_RECIPIENTS.map((value) => ({
    value,
    label: t(`enums.recipient.${value}`),
    description: t(`consent.recipientExplained.${value}`),
  }));
  return (
    <>
      <p className="form-note">{t('consent.intro')}</p>
      <Field {...bind('inquiry.consent.toRecord')} kind="checkbox" label={t('fields.consent.toRecord')} hint={t('consent.toRecordExplained')} isRequired />
      <Field {...bind('inquiry.consent.shareWith')} kind="checkboxes" label={t('fields.consent.shareWith')} hint={t('consent.shareWithExplained')} options={recipients} />
      <Field {...bind('inquiry.consent.toBeMatched')} kind="checkbox" label={t('fields.consent.toBeMatched')} hint={t('consent.toBeMatchedExplained')} />
      <Field {...bind('inquiry.consent.givenOn')} kind="date" label={t('fields.consent.givenOn')} isRequired />
      <Field {...bind('inquiry.consent.method')} kind="radios" label={t('fields.consent.method')} options={options('consentMethod')} isRequired />
    </>
  );
}

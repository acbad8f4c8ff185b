// Step 2: the family contact — the relative asking, how to reach them, and whether kinship was shown.
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/form/field.tsx';
import { PhonesInput } from '@/components/form/list-inputs.tsx';
import { useEnumOptions } from '@/components/form/use-enum-options.ts';
import { useIntakeField } from './use-intake-field.ts';

export function StepFamily() {
  const { t } = useTranslation('intake');
  const bind = useIntakeField();
  const options = useEnumOptions();
  return (
    <>
      <Field {...bind('familyContact.surname')} label={t('fields.familyContact.surname')} isRequired />
      <Field {...bind('familyContact.givenName')} label={t('fields.familyContact.givenName')} isRequired />
      <Field {...bind('familyContact.patronymic')} label={t('fields.familyContact.patronymic')} />
      <Field {...bind('familyContact.relationship')} kind="select" placeholder={t('choose')} label={t('fields.familyContact.relationship')} hint={t('hints.relationship')} options={options('relationship')} isRequired />
      <PhonesInput name="familyContact.phones" idPrefix="in-familyContact-phones" />
      <Field {...bind('familyContact.region')} kind="select" placeholder={t('choose')} label={t('fields.familyContact.region')} options={options('region')} isRequired />
      <Field {...bind('familyContact.preferredChannel')} kind="select" placeholder={t('choose')} label={t('fields.familyContact.preferredChannel')} options={options('contactChannel')} isRequired />
      <Field {...bind('familyContact.kinshipProofSeen')} kind="checkbox" label={t('fields.familyContact.kinshipProofSeen')} hint={t('hints.kinshipProof')} />
    </>
  );
}

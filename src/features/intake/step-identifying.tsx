// Step 5: what the family can tell that helps identify remains, per person sought, and the status of DNA
// reference samples (status only: no genetic data is ever recorded here).
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IntakeInput } from '@schema/inquiry.ts';
import { Field } from '@/components/form/field.tsx';
import { TypedField } from '@/components/form/typed-field.tsx';
import { MarksInput, SamplesInput } from '@/components/form/list-inputs.tsx';
import { useEnumOptions } from '@/components/form/use-enum-options.ts';
import { useIntakeField } from './use-intake-field.ts';

function PersonName({ index }: { index: number }) {
  const { t } = useTranslation('intake');
  const { control } = useFormContext<IntakeInput>();
  const [surname, givenName] = useWatch({ control, name: [`soughtPersons.${index}.surname`, `soughtPersons.${index}.givenName`] });
  const name = [surname, givenName].filter(Boolean).join(' ');
  return <>{name ? t('persons.itemNamed', { n: index + 1, name }) : t('persons.item', { n: index + 1 })}</>;
}

export function StepIdentifying({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation('intake');
  const bind = useIntakeField();
  const options = useEnumOptions();
  return (
    <>
      <p className="form-note">{t('identifying.intro')}</p>
      {keys.map((key, i) => {
        const p = `soughtPersons.${i}` as const;
        return (
          <fieldset key={key} className="repeat">
            <legend><PersonName index={i} /></legend>
            <TypedField typed="height" {...bind(`${p}.heightCm`)} label={t('fields.soughtPerson.heightCm')} hint={t('hints.height')} />
            <Field {...bind(`${p}.build`)} label={t('fields.soughtPerson.build')} />
            <Field {...bind(`${p}.hairColour`)} label={t('fields.soughtPerson.hairColour')} />
            <Field {...bind(`${p}.eyeColour`)} label={t('fields.soughtPerson.eyeColour')} />
            <Field {...bind(`${p}.bloodType`)} kind="select" hasEmptyOption={false} label={t('fields.soughtPerson.bloodType')} options={options('bloodType')} />
            <MarksInput name={`${p}.marks`} idPrefix={`in-p${i}-marks`} />
            <Field {...bind(`${p}.dentalNotes`)} kind="textarea" label={t('fields.soughtPerson.dentalNotes')} hint={t('hints.dental')} />
            <Field {...bind(`${p}.implants`)} kind="textarea" label={t('fields.soughtPerson.implants')} hint={t('hints.implants')} />
            <Field {...bind(`${p}.clothing`)} kind="textarea" label={t('fields.soughtPerson.clothing')} />
            <Field {...bind(`${p}.effects`)} kind="textarea" label={t('fields.soughtPerson.effects')} hint={t('hints.effects')} />
            <Field {...bind(`${p}.medicalRecordsLocation`)} kind="textarea" label={t('fields.soughtPerson.medicalRecordsLocation')} />
            <SamplesInput name={`${p}.referenceSamples`} idPrefix={`in-p${i}-samples`} />
            <Field {...bind(`${p}.needsSecondRelative`)} kind="checkbox" label={t('fields.soughtPerson.needsSecondRelative')} hint={t('hints.secondRelative')} />
          </fieldset>
        );
      })}
    </>
  );
}

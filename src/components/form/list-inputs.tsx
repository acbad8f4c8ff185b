// Inputs for the repeated values of an inquiry (phones, distinguishing marks, DNA reference samples), used by
// the intake form and by the detail page's editors alike, under whatever field name the form gives them.
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from './field.tsx';
import { TypedField } from './typed-field.tsx';
import { errorAt } from './form-errors.ts';
import { useEnumOptions } from './use-enum-options.ts';

interface ListInputProps {
  /** The form field holding the array (`familyContact.phones`, `soughtPersons.0.marks`, `value`). */
  name: string;
  idPrefix: string;
}

export function PhonesInput({ name, idPrefix }: ListInputProps) {
  const { t } = useTranslation('intake');
  const { register, setValue, getValues, formState: { errors } } = useFormContext();
  const watched: unknown = useWatch({ name });
  const phones = Array.isArray(watched) ? watched : [''];
  // Phones are plain strings, which useFieldArray cannot hold, so the array is replaced as a whole.
  const current = (): string[] => {
    const value: unknown = getValues(name);
    return Array.isArray(value) ? value.map(String) : [];
  };
  const listError = errorAt(errors, name);
  return (
    <fieldset className="repeat" aria-describedby={listError ? `${idPrefix}-error` : undefined}>
      <legend>{t('fields.familyContact.phones')}</legend>
      {listError && !phones.some((_, i) => errorAt(errors, `${name}.${i}`)) && (
        <p id={`${idPrefix}-error`} className="field__error">{t(listError.replace(/^errors\./, ''), { ns: 'errors' })}</p>
      )}
      {phones.map((_, index) => (
        <Field
          key={index}
          id={`${idPrefix}-${index}`}
          kind="tel"
          label={t('phone.label', { n: index + 1 })}
          hint={index === 0 ? t('phone.hint') : undefined}
          autoComplete="off"
          registration={register(`${name}.${index}`)}
          error={errorAt(errors, `${name}.${index}`)}
          isRequired={index === 0}
        >
          {phones.length > 1 && (
            <button
              type="button"
              className="form-button form-button--link"
              onClick={() => setValue(name, current().filter((__, j) => j !== index), { shouldDirty: true })}
              aria-label={t('phone.removeNumbered', { n: index + 1 })}
            >
              {t('phone.remove')}
            </button>
          )}
        </Field>
      ))}
      {phones.length < 5 && (
        <button type="button" className="form-button" onClick={() => setValue(name, [...current(), ''], { shouldDirty: true })}>
          {t('phone.add')}
        </button>
      )}
    </fieldset>
  );
}

export function MarksInput({ name, idPrefix }: ListInputProps) {
  const { t } = useTranslation('intake');
  const options = useEnumOptions();
  const { register, formState: { errors } } = useFormContext();
  const { fields, append, remove } = useFieldArray({ name });
  return (
    <fieldset className="repeat">
      <legend>{t('fields.soughtPerson.marks')}</legend>
      {fields.length === 0 && <p className="field__hint">{t('marks.none')}</p>}
      {fields.map((item, index) => {
        const at = `${name}.${index}`;
        const id = `${idPrefix}-${index}`;
        return (
          <fieldset key={item.id} className="repeat">
            <legend>{t('marks.item', { n: index + 1 })}</legend>
            <Field id={`${id}-kind`} kind="select" label={t('fields.mark.kind')} placeholder={t('choose')} options={options('markKind')} registration={register(`${at}.kind`)} error={errorAt(errors, `${at}.kind`)} isRequired />
            <Field id={`${id}-location`} kind="select" label={t('fields.mark.location')} placeholder={t('choose')} options={options('bodyLocation')} registration={register(`${at}.location`)} error={errorAt(errors, `${at}.location`)} isRequired />
            <Field id={`${id}-description`} kind="textarea" label={t('fields.mark.description')} hint={t('marks.descriptionHint')} registration={register(`${at}.description`)} error={errorAt(errors, `${at}.description`)} isRequired />
            <button type="button" className="form-button form-button--danger" onClick={() => remove(index)}>
              {t('marks.remove', { n: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="form-button" onClick={() => append({ kind: '', location: '', description: '' })}>
        {t('marks.add')}
      </button>
    </fieldset>
  );
}

export function SamplesInput({ name, idPrefix }: ListInputProps) {
  const { t } = useTranslation('intake');
  const options = useEnumOptions();
  const { register, formState: { errors } } = useFormContext();
  const { fields, append, remove } = useFieldArray({ name });
  return (
    <fieldset className="repeat">
      <legend>{t('fields.soughtPerson.referenceSamples')}</legend>
      <p className="form-note">{t('samples.noGeneticData')}</p>
      {fields.length === 0 && <p className="field__hint">{t('samples.none')}</p>}
      {fields.map((item, index) => {
        const at = `${name}.${index}`;
        const id = `${idPrefix}-${index}`;
        return (
          <fieldset key={item.id} className="repeat">
            <legend>{t('samples.item', { n: index + 1 })}</legend>
            <Field id={`${id}-donor`} label={t('fields.sample.donorName')} registration={register(`${at}.donorName`)} error={errorAt(errors, `${at}.donorName`)} isRequired />
            <Field id={`${id}-relationship`} kind="select" label={t('fields.sample.relationship')} placeholder={t('choose')} options={options('relationship')} registration={register(`${at}.relationship`)} error={errorAt(errors, `${at}.relationship`)} isRequired />
            <Field id={`${id}-status`} kind="select" label={t('fields.sample.status')} placeholder={t('choose')} options={options('sampleStatus')} registration={register(`${at}.status`)} error={errorAt(errors, `${at}.status`)} isRequired />
            <Field id={`${id}-by`} label={t('fields.sample.collectedBy')} registration={register(`${at}.collectedBy`)} error={errorAt(errors, `${at}.collectedBy`)} />
            <TypedField typed="partialDate" id={`${id}-on`} label={t('fields.sample.collectedOn')} hint={t('partialDateHint')} registration={register(`${at}.collectedOn`)} error={errorAt(errors, `${at}.collectedOn`)} />
            <Field id={`${id}-case`} label={t('fields.sample.caseReference')} registration={register(`${at}.caseReference`)} error={errorAt(errors, `${at}.caseReference`)} />
            <button type="button" className="form-button form-button--danger" onClick={() => remove(index)}>
              {t('samples.remove', { n: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="form-button"
        onClick={() => append({ donorName: '', relationship: '', status: 'not_collected', collectedBy: '', collectedOn: '', caseReference: '' })}
      >
        {t('samples.add')}
      </button>
    </fieldset>
  );
}

// Step 4: the person or people sought, as the family knows them; "add another person" for brothers who
// served together.
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/form/field.tsx';
import { TypedField } from '@/components/form/typed-field.tsx';
import { useEnumOptions } from '@/components/form/use-enum-options.ts';
import { useIntakeField } from './use-intake-field.ts';

export interface PersonListProps {
  keys: readonly string[];
  onAdd?: () => void;
  onRemove?: (index: number) => void;
}

export function StepPersons({ keys, onAdd, onRemove }: PersonListProps) {
  const { t } = useTranslation('intake');
  const bind = useIntakeField();
  const options = useEnumOptions();
  return (
    <>
      {keys.map((key, i) => {
        const p = `soughtPersons.${i}` as const;
        return (
          <fieldset key={key} className="repeat">
            <legend>{t('persons.item', { n: i + 1 })}</legend>
            <Field {...bind(`${p}.surname`)} label={t('fields.soughtPerson.surname')} isRequired />
            <Field {...bind(`${p}.givenName`)} label={t('fields.soughtPerson.givenName')} isRequired />
            <Field {...bind(`${p}.patronymic`)} label={t('fields.soughtPerson.patronymic')} />
            <Field {...bind(`${p}.otherSpellings`)} label={t('fields.soughtPerson.otherSpellings')} hint={t('hints.otherSpellings')} />
            <Field {...bind(`${p}.sex`)} kind="radios" label={t('fields.soughtPerson.sex')} options={options('sex')} isRequired />
            <TypedField typed="partialDate" {...bind(`${p}.dateOfBirth`)} label={t('fields.soughtPerson.dateOfBirth')} hint={t('partialDateHint')} />
            <Field {...bind(`${p}.placeOfBirth`)} label={t('fields.soughtPerson.placeOfBirth')} />
            <Field {...bind(`${p}.unit`)} label={t('fields.soughtPerson.unit')} hint={t('hints.unit')} />
            <Field {...bind(`${p}.rank`)} label={t('fields.soughtPerson.rank')} />
            <TypedField typed="partialDate" {...bind(`${p}.lastSeenDate`)} label={t('fields.soughtPerson.lastSeenDate')} hint={t('partialDateHint')} />
            <Field {...bind(`${p}.lastSeenPlace`)} label={t('fields.soughtPerson.lastSeenPlace')} />
            <Field {...bind(`${p}.circumstances`)} kind="textarea" label={t('fields.soughtPerson.circumstances')} />
            <Field {...bind(`${p}.witnessAccounts`)} kind="textarea" label={t('fields.soughtPerson.witnessAccounts')} hint={t('hints.witnessAccounts')} />
            {keys.length > 1 && onRemove && (
              <button type="button" className="form-button form-button--danger" onClick={() => onRemove(i)}>
                {t('persons.remove', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        );
      })}
      {keys.length < 10 && onAdd && (
        <button type="button" className="form-button" onClick={onAdd}>{t('persons.add')}</button>
      )}
    </>
  );
}

// One recorded field on the detail page, editable in place: "Change" opens an input with Save and Cancel;
// saving sends a field patch (arrays and object parts go as the whole field); on error nothing is saved.
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RecordType } from '@schema/records.ts';
import { Field, type FieldKind, useErrorText } from '@/components/form/field.tsx';
import { errorAt } from '@/components/form/form-errors.ts';
import { MarksInput, PhonesInput, SamplesInput } from '@/components/form/list-inputs.tsx';
import { RecordValue } from '@/components/form/record-value.tsx';
import { TypedField } from '@/components/form/typed-field.tsx';
import { readHeight, readPartialDate } from '@/components/form/typed-values.ts';
import { fieldLabelKey, patchFor, readPath, type FieldSpec } from '@/components/form/record-fields.ts';
import { useEnumOptions } from '@/components/form/use-enum-options.ts';
import { MutationTooLargeError, StorageFullError, ValidationError, sizeInKb } from '@/db/errors.ts';
import { patchRecord } from '@/db/inquiries.ts';

interface EditableFieldProps {
  type: RecordType;
  record: { id: string };
  spec: FieldSpec;
  onSaved: (fields: string[]) => void;
}

const INPUT_KIND: Partial<Record<FieldSpec['kind'], FieldKind>> = {
  text: 'text', name: 'text', textarea: 'textarea', date: 'date', partialDate: 'text', number: 'number',
  boolean: 'checkbox', enum: 'select', enumList: 'checkboxes',
};

/** What the input starts with: numbers as text (the schema coerces them back), everything else as stored. */
function initialValue(spec: FieldSpec, value: unknown): unknown {
  if (spec.kind === 'number') return typeof value === 'number' ? String(value) : '';
  if (spec.kind === 'phones') return Array.isArray(value) && value.length ? value : [''];
  return value;
}

function Editor({ type, record, spec, label, idBase, onDone }: EditableFieldProps & { label: string; idBase: string; onDone: (fields: string[] | null) => void }) {
  const { t } = useTranslation('inquiries');
  const options = useEnumOptions();
  const errorText = useErrorText();
  const form = useForm<FieldValues>({ defaultValues: { value: initialValue(spec, readPath(record, spec.path)) } });
  const [generalError, setGeneralError] = useState<string | null>(null);
  const { register, setError, setFocus, formState } = form;

  useEffect(() => {
    if (spec.kind === 'marks' || spec.kind === 'samples') return;
    // Put the cursor where the volunteer is about to type.
    try {
      setFocus(spec.kind === 'phones' ? 'value.0' : 'value');
    } catch {
      // Radio and checkbox groups have no single element to focus; the first Tab reaches them.
    }
  }, [setFocus, spec.kind]);

  const save = form.handleSubmit(async ({ value: typed }) => {
    setGeneralError(null);
    // Typed dates and heights ("14.03.1998", "1,82") are stored in their ISO and centimetre forms.
    let value: unknown = typed;
    if (spec.kind === 'partialDate' && typeof typed === 'string') {
      const read = readPartialDate(typed);
      if ('message' in read) {
        setError('value', { message: read.message }, { shouldFocus: true });
        return;
      }
      value = read.value;
    } else if (spec.kind === 'number' && typeof typed === 'string' && typed.trim()) {
      value = readHeight(typed);
    }
    try {
      const fields = await patchRecord(type, record.id, patchFor(record, spec.path, value));
      onDone(fields);
    } catch (error) {
      if (error instanceof ValidationError) {
        const message = error.issues[0]?.message ?? 'errors.invalid';
        if (spec.kind === 'marks' || spec.kind === 'samples') setGeneralError(errorText(message) ?? null);
        else setError('value', { message }, { shouldFocus: true });
      } else if (error instanceof StorageFullError) {
        setGeneralError(t('storageFull', { ns: 'errors' }));
      } else if (error instanceof MutationTooLargeError) {
        setGeneralError(t('mutationTooLarge', { ns: 'errors', ...sizeInKb(error) }));
      } else {
        console.error('field not saved', error);
        setGeneralError(t('unexpected', { ns: 'errors' }));
      }
    }
  });

  const kind = INPUT_KIND[spec.kind];
  const id = `${idBase}-input`;
  return (
    <FormProvider {...form}>
      <form className="editable__edit" noValidate onSubmit={(e) => void save(e)}>
        {(spec.kind === 'partialDate' || spec.kind === 'number') && (
          <TypedField
            typed={spec.kind === 'number' ? 'height' : 'partialDate'}
            id={id}
            label={label}
            registration={register('value')}
            error={errorAt(formState.errors, 'value')}
            hint={spec.kind === 'partialDate' ? t('partialDateHint', { ns: 'intake' }) : t('hints.height', { ns: 'intake' })}
          />
        )}
        {kind && spec.kind !== 'partialDate' && spec.kind !== 'number' && (
          <Field
            id={id}
            kind={kind}
            label={label}
            registration={register('value')}
            error={errorAt(formState.errors, 'value')}
            options={spec.enumName ? options(spec.enumName) : undefined}
            hasEmptyOption={spec.enumName !== 'bloodType'}
            placeholder={t('choose', { ns: 'intake' })}
          />
        )}
        {spec.kind === 'phones' && <PhonesInput name="value" idPrefix={id} />}
        {spec.kind === 'marks' && <MarksInput name="value" idPrefix={id} />}
        {spec.kind === 'samples' && <SamplesInput name="value" idPrefix={id} />}
        {generalError && <p role="alert" className="form-alert">{generalError}</p>}
        <div className="form-actions">
          <button type="submit" className="form-button form-button--primary" disabled={formState.isSubmitting} aria-label={`${t('detail.save')}: ${label}`}>
            {t('detail.save')}
          </button>
          <button type="button" className="form-button" onClick={() => onDone(null)} aria-label={`${t('detail.cancel')}: ${label}`}>
            {t('detail.cancel')}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

export function EditableField(props: EditableFieldProps) {
  const { type, record, spec, onSaved } = props;
  const { t } = useTranslation('inquiries');
  const [isEditing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const label = t(fieldLabelKey(type, spec.path), { ns: 'intake' });
  const idBase = `${type}-${record.id}-${spec.path.replace('.', '-')}`;

  useEffect(() => {
    if (!isEditing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [isEditing]);

  return (
    <div className="values__row">
      <dt id={`${idBase}-label`}>{label}</dt>
      <dd>
        {isEditing ? (
          <Editor
            {...props}
            label={label}
            idBase={idBase}
            onDone={(fields) => {
              returnFocus.current = true;
              setEditing(false);
              if (fields) onSaved(fields);
            }}
          />
        ) : (
          <div className="editable__row">
            <div className="editable__value"><RecordValue spec={spec} value={readPath(record, spec.path)} /></div>
            {!spec.isReadOnly && (
              <button ref={editButton} type="button" className="form-button form-button--link" onClick={() => setEditing(true)} aria-label={`${t('detail.edit')}: ${label}`}>
                {t('detail.edit')}
              </button>
            )}
          </div>
        )}
      </dd>
    </div>
  );
}

// The one form field of the app: a label bound to its input, an optional hint, and a translated error
// linked by aria-describedby, so a screen reader hears what went wrong where it went wrong.
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import './form.css';

export interface FieldOption {
  value: string;
  label: string;
  /** One plain sentence under the option (used for consent recipients). */
  description?: string;
}

export type FieldKind = 'text' | 'tel' | 'date' | 'number' | 'textarea' | 'select' | 'checkbox' | 'checkboxes' | 'radios';

export interface FieldProps {
  id: string;
  label: string;
  kind?: FieldKind;
  registration: UseFormRegisterReturn;
  hint?: string;
  /** An i18n key from the schema (`errors.required`); translated here. */
  error?: string | undefined;
  options?: readonly FieldOption[];
  /** Text of the empty first option of a select. */
  placeholder?: string;
  /** False for a select whose value always has a meaning (blood type defaults to "unknown"). */
  hasEmptyOption?: boolean;
  isRequired?: boolean;
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  /** Extra content after the input (e.g. a remove button beside a repeated value). */
  children?: ReactNode;
  /**
   * How typed text was read ("Read as 14 March 1998"), announced politely and linked to the input. A string
   * (even empty) keeps the live region in place, so the first reading is announced too.
   */
  reading?: string;
}

/** Translates a schema message key (`errors.required`) in the `errors` namespace. */
export function useErrorText(): (message: string | undefined) => string | undefined {
  const { t } = useTranslation('errors');
  return (message) => (message ? t(message.replace(/^errors\./, ''), { defaultValue: t('invalid') }) : undefined);
}

export function Field(props: FieldProps) {
  const { id, label, kind = 'text', registration, hint, error, options = [], placeholder, hasEmptyOption = true, isRequired, autoComplete, inputMode, children, reading } = props;
  const errorText = useErrorText()(error);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorText ? `${id}-error` : undefined;
  const readingId = reading ? `${id}-reading` : undefined;
  const describedBy = [hintId, readingId, errorId].filter(Boolean).join(' ') || undefined;
  const invalid = errorText ? true : undefined;
  // The asterisk sits outside the <label>, so the field's name stays exactly its label; aria-required says it.
  const requiredMark = isRequired ? <span className="field__required" aria-hidden="true">*</span> : null;
  const messages = (
    <>
      {hint && <p id={hintId} className="field__hint">{hint}</p>}
      {errorText && <p id={errorId} className="field__error">{errorText}</p>}
    </>
  );

  if (kind === 'checkbox') {
    return (
      <div className="field">
        <div className="field__label-row">
          <label className="choice" htmlFor={id}>
            <input id={id} type="checkbox" aria-describedby={describedBy} aria-invalid={invalid} aria-required={isRequired || undefined} {...registration} />
            <span className="choice__text">{label}</span>
          </label>
          {requiredMark}
        </div>
        {messages}
      </div>
    );
  }

  if (kind === 'checkboxes' || kind === 'radios') {
    // A group is a fieldset: its legend names the question, each option keeps its own label.
    return (
      <fieldset className="field" aria-describedby={describedBy} id={id}>
        <legend className="field__label">{label}{requiredMark}</legend>
        {messages}
        <div className="choices">
          {options.map((option) => {
            const optionId = `${id}-${option.value}`;
            return (
              <label key={option.value} className="choice" htmlFor={optionId}>
                <input
                  id={optionId}
                  type={kind === 'radios' ? 'radio' : 'checkbox'}
                  value={option.value}
                  aria-invalid={invalid}
                  {...registration}
                />
                <span className="choice__text">
                  {option.label}
                  {option.description && <span className="choice__desc">{option.description}</span>}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
    );
  }

  const common = {
    id,
    className: 'field__input',
    'aria-describedby': describedBy,
    'aria-invalid': invalid,
    'aria-required': isRequired || undefined,
    ...registration,
  };
  let input: ReactNode;
  if (kind === 'textarea') input = <textarea rows={4} autoComplete={autoComplete ?? 'off'} {...common} />;
  else if (kind === 'select') {
    input = (
      <select {...common}>
        {hasEmptyOption && <option value="">{placeholder ?? '—'}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    );
  } else {
    const type = kind === 'number' ? 'text' : kind;
    input = (
      <input
        type={type}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode ?? (kind === 'number' ? 'numeric' : kind === 'tel' ? 'tel' : undefined)}
        {...common}
      />
    );
  }
  return (
    <div className="field">
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>{label}</label>
        {requiredMark}
      </div>
      {hint && <p id={hintId} className="field__hint">{hint}</p>}
      {children ? <div className="repeat-row"><div className="field" style={{ margin: 0 }}>{input}</div>{children}</div> : input}
      {reading !== undefined && <p id={`${id}-reading`} className="field__reading" aria-live="polite">{reading}</p>}
      {errorText && <p id={errorId} className="field__error">{errorText}</p>}
    </div>
  );
}

// A labelled text input for the small forms outside the intake (passphrase, profile). The hint and the
// error are tied to the input with aria-describedby; the intake form has its own Field in components/form.
import { useId, type InputHTMLAttributes, type Ref } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['text-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="text-field__label">{label}</label>
      {hint ? <p id={hintId} className="text-field__hint">{hint}</p> : null}
      <input id={id} className="text-field__input" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
      {error ? <p id={errorId} className="text-field__error">{error}</p> : null}
    </div>
  );
}

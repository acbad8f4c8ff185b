// A labelled text input for the small forms outside the intake (passphrase, profile). The hint and the
// error are tied to the input with aria-describedby; the intake form has its own Field in components/form.
import { useId, type InputHTMLAttributes, type Ref } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
  /**
   * Live feedback on what is typed (a passphrase's strength), announced politely and linked to the input. A
   * string, even empty, keeps the live region in place so the first message is announced too.
   */
  status?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, status, className, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const statusId = status ? `${id}-status` : undefined;
  const describedBy = [hintId, statusId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['text-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="text-field__label">{label}</label>
      {hint ? <p id={hintId} className="text-field__hint">{hint}</p> : null}
      {/* No autofill unless a caller asks for it: the browser would keep typed names outside the seal. */}
      <input id={id} className="text-field__input" aria-describedby={describedBy} aria-invalid={error ? true : undefined} autoComplete="off" {...input} />
      {status !== undefined ? <p id={`${id}-status`} className="text-field__status" aria-live="polite">{status}</p> : null}
      {error ? <p id={errorId} className="text-field__error">{error}</p> : null}
    </div>
  );
}

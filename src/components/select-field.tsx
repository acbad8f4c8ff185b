// A labelled native select (native, so phones show their own large picker).
import { useId, type SelectHTMLAttributes } from 'react';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
}

export function SelectField({ label, hint, options, ...select }: SelectFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="text-field">
      <label htmlFor={id} className="text-field__label">{label}</label>
      {hint ? <p id={hintId} className="text-field__hint">{hint}</p> : null}
      <select id={id} className="text-field__input" aria-describedby={hintId} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

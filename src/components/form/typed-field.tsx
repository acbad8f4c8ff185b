// A Field for a value people type in their own way — a partial date or a height — that says live, under the
// input, how the app read it ("Прочитано як: 14 березня 1998 р."), so a misreading is seen before saving.
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { parseTypedDate, parseTypedHeight, localToday } from '@schema/dates.ts';
import { formatPartialDate } from '@/lib/i18n.ts';
import { Field, type FieldProps } from './field.tsx';

export interface TypedFieldProps extends Omit<FieldProps, 'kind' | 'inputMode' | 'reading'> {
  typed: 'partialDate' | 'height';
}

export function TypedField({ typed, ...props }: TypedFieldProps) {
  const { t, i18n } = useTranslation('intake');
  const { control } = useFormContext();
  const value: unknown = useWatch({ control, name: props.registration.name });
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  let reading = '';
  if (text && typed === 'partialDate') {
    const result = parseTypedDate(text, localToday());
    if (result.ok) reading = t('readAs', { value: formatPartialDate(result.iso, i18n.language) });
  } else if (text && typed === 'height') {
    const result = parseTypedHeight(text);
    if (result.ok && String(result.cm) !== text) reading = t('readAs', { value: t('heightValue', { cm: result.cm }) });
  }
  return (
    <Field
      {...props}
      kind="text"
      // Dates: a text keyboard, since month names are words and "." "," sit beside the space bar even where the
      // Cyrillic layout hides "-". Heights: digits with the decimal separator, for "1,82".
      inputMode={typed === 'height' ? 'decimal' : 'text'}
      reading={reading}
    />
  );
}

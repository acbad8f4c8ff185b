// Translated options of a schema enum, for selects, radio and checkbox groups.
import { useTranslation } from 'react-i18next';
import type { FieldOption } from './field.tsx';
import { ENUMS, enumLabelKey, type EnumName } from './record-fields.ts';

export function useEnumOptions(): (name: EnumName) => FieldOption[] {
  const { t } = useTranslation('intake');
  return (name) => ENUMS[name].map((value) => ({ value, label: t(enumLabelKey(name, value)) }));
}

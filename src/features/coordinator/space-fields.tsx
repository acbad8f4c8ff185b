// The fields of a gathering point — its name and how long volunteers' phones keep synced records — shared
// by the "new gathering point" form and a card's edit form, checked against the server's own bounds.
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { RETENTION_DAYS, SPACE_NAME_MAX } from '@schema/protocol.ts';
import { hasNoControlChars } from '@schema/text.ts';
import { z } from 'zod';
import { TextField } from '@/components/text-field.tsx';

// Messages are keys under `coordinator:form.*`; the retention arrives as typed text, hence the coercion.
export const spaceFormSchema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(SPACE_NAME_MAX, { error: 'tooLong' }).refine(hasNoControlChars, { error: 'controlChars' }),
  retentionDays: z.coerce
    .number({ error: 'days' })
    .int({ error: 'days' })
    .min(RETENTION_DAYS.min, { error: 'days' })
    .max(RETENTION_DAYS.max, { error: 'days' }),
});
export type SpaceFormInput = z.input<typeof spaceFormSchema>;
export type SpaceFormValues = z.output<typeof spaceFormSchema>;

export function SpaceFields({ register, errors }: { register: UseFormRegister<SpaceFormInput>; errors: FieldErrors<SpaceFormInput> }) {
  const { t } = useTranslation('coordinator');
  const fieldError = (message: string | undefined) => (message ? t(`form.${message}`) : undefined);
  return (
    <>
      <TextField label={t('spaces.name')} hint={t('spaces.nameHint')} autoComplete="off" error={fieldError(errors.name?.message)} {...register('name')} />
      <TextField
        label={t('spaces.retention')}
        hint={t('spaces.retentionHint')}
        inputMode="numeric"
        autoComplete="off"
        error={fieldError(errors.retentionDays?.message)}
        {...register('retentionDays')}
      />
    </>
  );
}

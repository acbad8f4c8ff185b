// Binds an intake path to the shared Field: a stable id, the registration and the schema's error key.
import { useFormContext, type Path } from 'react-hook-form';
import type { IntakeInput } from '@schema/inquiry.ts';
import { errorAt } from '@/components/form/form-errors.ts';

export function useIntakeField() {
  const { register, formState: { errors } } = useFormContext<IntakeInput>();
  return (path: Path<IntakeInput>) => ({
    id: `in-${path.replaceAll('.', '-')}`,
    registration: register(path),
    error: errorAt(errors, path),
  });
}

// Reading a nested react-hook-form error by its dotted path, as the message key the schema gave it.
import { get, type FieldErrors, type FieldValues } from 'react-hook-form';

export function errorAt<T extends FieldValues>(errors: FieldErrors<T>, path: string): string | undefined {
  const error: unknown = get(errors, path);
  if (!error || typeof error !== 'object') return undefined;
  const { message, root } = error as { message?: unknown; root?: { message?: unknown } };
  if (typeof message === 'string' && message) return message;
  return typeof root?.message === 'string' ? root.message : undefined;
}

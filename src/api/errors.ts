// Any failure of a server call as one code, for a screen to translate in its own namespace (`errors.<code>`):
// `offline`, `bad_response`, the server's error code (`not_found`, `forbidden` …) or `unexpected`.
import { ZodError } from 'zod';
import { ApiError, NetworkError } from '@/sync/api.ts';

export function apiErrorCode(error: unknown): string {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof ZodError) return 'bad_response';
  if (error instanceof ApiError) return error.code;
  return 'unexpected';
}

// Any failure of a coordinator call as one code, translated under `coordinator:errors.*`.
import { ZodError } from 'zod';
import { ApiError, NetworkError } from '@/sync/api.ts';

export function apiErrorCode(error: unknown): string {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof ZodError) return 'bad_response';
  if (error instanceof ApiError) return error.code;
  return 'unexpected';
}

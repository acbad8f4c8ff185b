// Opens a server session for this device (volunteer enrolment or coordinator sign-in): one call, then the
// refresh secret sealed on the device and a first sync started. On any error nothing is saved.
import { sessionResponseSchema, type SessionResponse } from '@schema/protocol.ts';
import { ZodError } from 'zod';
import { saveEnrolment } from '@/db/device.ts';
import { StorageFullError } from '@/db/errors.ts';
import { ApiError, NetworkError, publicCall, setAccessToken } from '@/sync/api.ts';
import { syncNow } from '@/sync/engine.ts';

export async function startSession(path: '/v1/devices/enrol' | '/v1/auth/sign-in', body: Record<string, string>): Promise<SessionResponse> {
  const answer = await publicCall(path, body, sessionResponseSchema);
  await saveEnrolment(answer);
  setAccessToken(answer.accessToken, answer.expiresIn);
  // Not awaited: the first pull may take a while; the sync status shows its progress.
  void syncNow();
  return answer;
}

/** The translation key (namespace `enrol`, under `errors.`) for what went wrong. */
export function sessionErrorCode(error: unknown): string {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof ZodError) return 'bad_response';
  if (error instanceof ApiError) return error.code;
  if (error instanceof StorageFullError) return 'storageFull';
  return 'unexpected';
}

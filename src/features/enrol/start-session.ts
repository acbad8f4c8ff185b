// Opens a server session for this device (volunteer enrolment or coordinator sign-in): one call, then the
// refresh secret sealed on the device and a first sync started. On any error nothing is saved.
import type { SessionResponse } from '@schema/protocol.ts';
import { ZodError } from 'zod';
import { saveEnrolment } from '@/db/device.ts';
import { StorageFullError } from '@/db/errors.ts';
import { ApiError, NetworkError, setAccessToken } from '@/sync/api.ts';
import { syncNow } from '@/sync/engine.ts';

/** `open` is the call that opens it: `call(API.enrolDevice, …)` or `call(API.signIn, …)` (both answer a session). */
export async function startSession(open: () => Promise<SessionResponse>): Promise<SessionResponse> {
  const answer = await open();
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

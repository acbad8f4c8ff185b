// Signing this device out of the server: the server ends the session, then the device forgets its link.
// With nothing left to send the phone is erased (its records are safe on the server); with changes still
// waiting, local records and the outbox stay, and the caller warns first.
import { forgetEnrolment } from '@/db/device.ts';
import { listDrafts } from '@/db/drafts.ts';
import { countPending } from '@/db/outbox.ts';
import { eraseDevice } from '@/sync/site-storage.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { ApiError, forgetAccessToken, NetworkError } from '@/sync/api.ts';
import { syncNow } from '@/sync/engine.ts';

/** Returns whether the server confirmed; unreachable, the device still forgets its secret (it can then sync no more). */
export async function signOutOfServer(): Promise<{ isServerConfirmed: boolean }> {
  let isServerConfirmed = true;
  try {
    await call(API.signOut);
  } catch (error) {
    // Already revoked or expired sessions need no server step; an unreachable server cannot be asked.
    if (error instanceof NetworkError || (error instanceof ApiError && (error.status === 401 || error.status === 403))) isServerConfirmed = !(error instanceof NetworkError);
    else throw error;
  }
  forgetAccessToken();
  // A half-filled form's draft counts as unsent too: only a phone with nothing of its own left is erased.
  if ((await countPending()) === 0 && (await listDrafts()).length === 0) {
    await eraseDevice({ reason: 'signed_out', handedOver: 0, notHandedOver: 0 });
    location.assign('/');
    return { isServerConfirmed };
  }
  await forgetEnrolment();
  // Lets the engine notice at once that the device is no longer enrolled.
  void syncNow();
  return { isServerConfirmed };
}

// The sync domain's refusals, free of HTTP: each says what kind of refusal it is and carries the
// protocol's stable error code; server/http/errors.ts maps the kind to a status, so the answers on the
// wire are the protocol's and the domain knows nothing of requests or replies.
import type { ErrorCode, ErrorResponse } from '../../schema/protocol.ts';

/** Bad input; nothing of that id within the caller's reach; already decided; valid but cannot be done. */
export type SyncErrorKind = 'invalid' | 'not_found' | 'already_decided' | 'cannot_apply';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorResponse, 'error'> & { issues?: { path: string; message: string }[] } = {},
  ) {
    super(message);
  }
}

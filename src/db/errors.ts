// Errors the repositories raise, so the UI can say what happened in the user's language.

export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super('device storage is full', { cause });
    this.name = 'StorageFullError';
  }
}

/**
 * A change too large to be sent (over the protocol's MAX_MUTATION_BYTES as the push would carry it): nothing
 * was stored. `index` is the plan that was too large, in a write of several.
 */
export class MutationTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
    readonly index = 0,
  ) {
    super(`change too large to sync: ${bytes} bytes, at most ${limit}`);
    this.name = 'MutationTooLargeError';
  }
}

/** The sizes a message shows, in kilobytes rounded up (so "961 KB, at most 960 KB" never reads as equal). */
export function sizeInKb(error: MutationTooLargeError): { size: number; limit: number } {
  return { size: Math.ceil(error.bytes / 1024), limit: Math.floor(error.limit / 1024) };
}

export class ValidationError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

export function isQuotaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const name = (e as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

// What every route handler is given: the database, the token service, the clock and the limits. Its own
// module, so the routes that app.ts registers do not import app.ts back.
import type { Kysely } from 'kysely';
import type { TokenService } from './auth/tokens.ts';
import type { DatabaseKind } from './db/open.ts';
import type { Database } from './db/types.ts';

export interface AppLimits {
  /** Sign-in, enrolment and token calls per IP per minute. */
  authPerMinute: number;
  /** Failed sign-ins per login before that login is refused for `loginLockMinutes`. */
  failuresPerLogin: number;
  loginLockMinutes: number;
  /** Mutations and bytes one device may push per minute; beyond, 429 with Retry-After. */
  pushMutationsPerMinute: number;
  pushBytesPerMinute: number;
  /** How long after revocation a revoked device may still hand over its unsent changes for quarantine. */
  quarantineWindowHours: number;
  /**
   * Most held changes one revoked device may hand over (in all), and their total size in bytes of JSON:
   * beyond either, nothing more is stored, so a stolen token cannot flood the quarantine.
   */
  quarantineMaxMutations: number;
  quarantineMaxBytes: number;
  /** Largest push body accepted (413 `body_too_large` beyond); lowered in tests to make the device split. */
  pushBodyBytes: number;
}

export interface AppContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  tokens: TokenService;
  now: () => Date;
  limits: AppLimits;
}

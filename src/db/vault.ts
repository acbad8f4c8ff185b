// The passphrase lifecycle of this device's database: first-run set-up, unlock with slow-down after wrong
// attempts, and lock. The data key itself lives only in crypto/key-holder.
import { createDataKey, unwrapDataKey, WrongPassphraseError, type WrappedKey } from '@/crypto/keys.ts';
import type { PassphraseProblem } from '@/crypto/passphrase-strength.ts';
import { dropDataKey, isUnlocked, runBeforeLockHooks, setDataKey } from '@/crypto/key-holder.ts';
import { getMeta, sealPlainMeta, setMeta } from './meta.ts';
import { countUnsentRegistrations } from './outbox.ts';

const KEYRING = 'keyring';
const FAILED = 'failedUnlocks';

export class PassphraseRuleError extends Error {
  constructor(readonly problem: PassphraseProblem) {
    super(`passphrase too weak: ${problem}`);
    this.name = 'PassphraseRuleError';
  }
}

export class TooManyAttemptsError extends Error {
  constructor(readonly waitMs: number) {
    super(`wait ${Math.ceil(waitMs / 1000)} s`);
    this.name = 'TooManyAttemptsError';
  }
}

export async function isSetUp(): Promise<boolean> {
  return (await getMeta<WrappedKey>(KEYRING)) !== undefined;
}

export async function setUpPassphrase(passphrase: string): Promise<void> {
  // The estimator's word lists are large: loaded here, when a passphrase is set, never to unlock.
  const { assessPassphrase } = await import('@/crypto/passphrase-strength.ts');
  const assessment = assessPassphrase(passphrase);
  if (!assessment.isAcceptable) throw new PassphraseRuleError(assessment.problem ?? 'guessable');
  if (await isSetUp()) throw new Error('already set up');
  const { key, wrapped } = await createDataKey(passphrase);
  await setMeta(KEYRING, wrapped);
  setDataKey(key);
}

/** Delay before the next attempt: free for 3 tries, then doubling from 2 s up to 5 minutes. */
export function unlockDelayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(2000 * 2 ** (failures - 3), 5 * 60_000);
}

interface Failures {
  count: number;
  /** performance-independent monotonic-ish stamp: device time, used only to pace attempts on this device. */
  lastAt: number;
}

/** Remaining wait before another attempt is allowed (0 if none). */
export async function unlockWaitMs(now = Date.now()): Promise<number> {
  const failures = (await getMeta<Failures>(FAILED)) ?? { count: 0, lastAt: 0 };
  const wait = failures.lastAt + unlockDelayMs(failures.count) - now;
  // A clock set backwards must not lock a volunteer out for hours: cap the wait at the nominal delay.
  return Math.max(0, Math.min(wait, unlockDelayMs(failures.count)));
}

export async function unlock(passphrase: string): Promise<void> {
  const wrapped = await getMeta<WrappedKey>(KEYRING);
  if (!wrapped) throw new Error('not set up');
  const wait = await unlockWaitMs();
  if (wait > 0) throw new TooManyAttemptsError(wait);
  try {
    setDataKey(await unwrapDataKey(passphrase, wrapped));
  } catch (error) {
    if (error instanceof WrongPassphraseError) {
      const failures = (await getMeta<Failures>(FAILED)) ?? { count: 0, lastAt: 0 };
      await setMeta(FAILED, { count: failures.count + 1, lastAt: Date.now() } satisfies Failures);
    }
    throw error;
  }
  await setMeta(FAILED, { count: 0, lastAt: 0 } satisfies Failures);
  // Older versions kept these in plain meta; seal them now that the key is here.
  await sealPlainMeta(['enrolment', 'syncStatus']);
}

/** Locks: lets open forms seal their last typing (at most a second), then drops the key. */
export async function lock(): Promise<void> {
  if (!isUnlocked()) return;
  await runBeforeLockHooks();
  dropDataKey();
}

/** For a forgotten passphrase: how many registrations erasing this phone would lose (readable while locked). */
export function unsentRegistrationsBeforeErase(): Promise<number> {
  return countUnsentRegistrations();
}

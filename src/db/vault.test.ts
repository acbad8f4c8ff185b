import { beforeEach, describe, expect, it } from 'vitest';
import { createDataKey, DEFAULT_ARGON2, toBase64, WrongPassphraseError, type WrappedKey } from '@/crypto/keys.ts';
import { isUnlocked, onBeforeLock } from '@/crypto/key-holder.ts';
import { loadDraft, saveDraft } from './drafts.ts';
import { db } from './db.ts';
import { getMeta, setMeta } from './meta.ts';
import { isSetUp, lock, PassphraseRuleError, setUpPassphrase, TooManyAttemptsError, unlock, unlockDelayMs, unlockWaitMs } from './vault.ts';

beforeEach(async () => {
  await lock();
  await db.delete();
  await db.open();
});

describe('vault', () => {
  it('sets up once, locks, and unlocks with the passphrase', async () => {
    expect(await isSetUp()).toBe(false);
    await expect(setUpPassphrase('short')).rejects.toBeInstanceOf(PassphraseRuleError);
    await expect(setUpPassphrase('слава україні')).rejects.toBeInstanceOf(PassphraseRuleError);
    expect(await isSetUp()).toBe(false);
    await setUpPassphrase('кіт пес небо море');
    expect(isUnlocked()).toBe(true);
    await lock();
    expect(isUnlocked()).toBe(false);
    await unlock('кіт пес небо море');
    expect(isUnlocked()).toBe(true);
  });

  it('a wrong passphrase changes nothing but the attempt count, and slows later attempts', async () => {
    await setUpPassphrase('correct horse battery staple');
    await lock();
    const before = await getMeta('keyring');
    for (let i = 0; i < 3; i++) await expect(unlock('wrong horse battery staple')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await getMeta('keyring')).toEqual(before);
    expect(isUnlocked()).toBe(false);
    expect(await unlockWaitMs()).toBeGreaterThan(0);
    await expect(unlock('correct horse battery staple')).rejects.toBeInstanceOf(TooManyAttemptsError);
    // Once the wait is over, the right passphrase works and resets the count.
    await setMeta('failedUnlocks', { count: 3, lastAt: Date.now() - 10_000 });
    await unlock('correct horse battery staple');
    expect(await getMeta('failedUnlocks')).toEqual({ count: 0, lastAt: 0 });
  });

  it('lets a form seal its last typing before the key is dropped', async () => {
    await setUpPassphrase('correct horse battery staple');
    let sawKey = false;
    const off = onBeforeLock(async () => {
      await saveDraft('last-typing', { surname: 'Бондар' });
      sawKey = isUnlocked();
    });
    try {
      await lock();
    } finally {
      off();
    }
    expect(sawKey).toBe(true);
    expect(isUnlocked()).toBe(false);
    await unlock('correct horse battery staple');
    expect(await loadDraft('last-typing')).toEqual({ surname: 'Бондар' });
  });

  it('refuses a guessable passphrase and says why, before anything is stored', async () => {
    for (const [passphrase, problem] of [['слава україні', 'slogan'], ['password1234', 'common'], ['111111111111', 'repeated'], ['aa aa aa aa', 'repeated']] as const) {
      await expect(setUpPassphrase(passphrase)).rejects.toMatchObject({ name: 'PassphraseRuleError', problem });
    }
    expect(await isSetUp()).toBe(false);
    expect(isUnlocked()).toBe(false);
  });

  it('new set-ups use the raised Argon2 cost; a database set up with the old cost still unlocks with its stored parameters', async () => {
    await setUpPassphrase('тихий ранок над рікою');
    expect((await getMeta<WrappedKey>('keyring'))?.kdf).toMatchObject({ algo: 'argon2id', ...DEFAULT_ARGON2 });
    await lock();

    // What an earlier version stored: 32 MiB × 3, beside its wrapped key.
    await db.delete();
    await db.open();
    const old = { algo: 'argon2id', memoryKiB: 32 * 1024, iterations: 3, parallelism: 1, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) } as const;
    const { key, wrapped } = await createDataKey('тихий ранок над рікою', old);
    await setMeta('keyring', wrapped);
    const { seal, unseal } = await import('@/crypto/seal.ts');
    const sealed = await seal(key, 'written under the old cost', 'c');
    await unlock('тихий ранок над рікою');
    expect(isUnlocked()).toBe(true);
    expect((await getMeta<WrappedKey>('keyring'))?.kdf).toEqual(old);
    const { getDataKey } = await import('@/crypto/key-holder.ts');
    expect(await unseal(getDataKey(), sealed, 'c')).toBe('written under the old cost');
    await lock();
    await expect(unlock('тихий ранок над ріко')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('paces attempts: free at first, then doubling up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5].map(unlockDelayMs)).toEqual([0, 0, 0, 2000, 4000, 8000]);
    expect(unlockDelayMs(50)).toBe(300_000);
  });

  it('a clock set backwards never makes the wait longer than the nominal delay', async () => {
    await setMeta('failedUnlocks', { count: 4, lastAt: Date.now() + 86_400_000 });
    expect(await unlockWaitMs()).toBeLessThanOrEqual(4000);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '@/crypto/keys.ts';
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

  it('paces attempts: free at first, then doubling up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5].map(unlockDelayMs)).toEqual([0, 0, 0, 2000, 4000, 8000]);
    expect(unlockDelayMs(50)).toBe(300_000);
  });

  it('a clock set backwards never makes the wait longer than the nominal delay', async () => {
    await setMeta('failedUnlocks', { count: 4, lastAt: Date.now() + 86_400_000 });
    expect(await unlockWaitMs()).toBeLessThanOrEqual(4000);
  });
});

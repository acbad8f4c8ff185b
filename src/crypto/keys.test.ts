import { describe, expect, it } from 'vitest';
import { createDataKey, DEFAULT_ARGON2, newKdfParams, unwrapDataKey, WrongPassphraseError } from './keys.ts';
import { seal, unseal } from './seal.ts';

describe('data key wrap', () => {
  it('unwraps with the right passphrase into a non-extractable key that opens what the first key sealed', async () => {
    const { key, wrapped } = await createDataKey('correct horse battery staple');
    expect(key.extractable).toBe(false);
    expect(wrapped.kdf).toMatchObject({ algo: 'argon2id', ...DEFAULT_ARGON2 });
    expect(DEFAULT_ARGON2.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    const sealed = await seal(key, { surname: 'Олійник' }, 'record:x');
    const again = await unwrapDataKey('correct horse battery staple', wrapped);
    expect(again.extractable).toBe(false);
    expect(await unseal(again, sealed, 'record:x')).toEqual({ surname: 'Олійник' });
  });

  it('refuses a wrong passphrase with WrongPassphraseError', async () => {
    const { wrapped } = await createDataKey('correct horse battery staple');
    await expect(unwrapDataKey('correct horse battery stapler', wrapped)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('works with the PBKDF2 fallback parameters, stored beside the wrap', async () => {
    const kdf = { ...newKdfParams(), algo: 'pbkdf2-sha256', iterations: 1000 } as const;
    const { wrapped } = await createDataKey('correct horse battery staple', kdf);
    expect(wrapped.kdf).toEqual(kdf);
    await expect(unwrapDataKey('correct horse battery staple', wrapped)).resolves.toBeDefined();
    await expect(unwrapDataKey('wrong horse battery staple', wrapped)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('uses a fresh salt each time', () => {
    expect(newKdfParams().salt).not.toBe(newKdfParams().salt);
  });
});

describe('sealing', () => {
  it('produces ciphertext without the plaintext and binds it to its row', async () => {
    const { key } = await createDataKey('correct horse battery staple', { ...newKdfParams(), algo: 'pbkdf2-sha256', iterations: 1000 });
    const sealed = await seal(key, { phone: '+380671234567', name: 'Oliinyk' }, 'record:inquiry:1');
    const text = new TextDecoder('latin1').decode(sealed.data);
    expect(text).not.toContain('380671234567');
    expect(text).not.toContain('Oliinyk');
    await expect(unseal(key, sealed, 'record:inquiry:2')).rejects.toThrow();
  });

  it('detects tampering', async () => {
    const { key } = await createDataKey('correct horse battery staple', { ...newKdfParams(), algo: 'pbkdf2-sha256', iterations: 1000 });
    const sealed = await seal(key, 'secret', 'c');
    const bytes = new Uint8Array(sealed.data);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(unseal(key, { iv: sealed.iv, data: bytes.buffer }, 'c')).rejects.toThrow();
  });
});

// The device's data key: generated once, wrapped by a key derived from the passphrase (Argon2id, PBKDF2 as
// fallback), and afterwards held only as a non-extractable CryptoKey in memory.

export type KdfParams =
  | { algo: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; salt: string }
  | { algo: 'pbkdf2-sha256'; iterations: number; salt: string };

/** What is stored beside the data key so the parameters can be raised later without losing data. */
export interface WrappedKey {
  kdf: KdfParams;
  iv: string;
  wrapped: string;
}

/**
 * Argon2id for new set-ups, as costly as a cheap phone bears in about a second. Measured in Debian Chromium on
 * one core of the development machine (scripts/argon2-timing.mjs, median of 5): 32 MiB × 3 = 125 ms,
 * 64 MiB × 2 = 177 ms, 64 MiB × 3 = 228 ms, 64 MiB × 4 = 300 ms, 128 MiB × 2 = 391 ms. A cheap phone is 3–5×
 * slower, so 64 MiB × 3 is 0.7–1.1 s there, and 64 MiB stays well inside a 2 GB phone's memory. Databases set
 * up earlier keep the parameters stored beside their wrapped key, and still unlock with them.
 */
export const DEFAULT_ARGON2 = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
export const PBKDF2_ITERATIONS = 600_000;

export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

export const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
export const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function newKdfParams(): KdfParams {
  const salt = toBase64(crypto.getRandomValues(new Uint8Array(16)));
  return typeof WebAssembly === 'object'
    ? { algo: 'argon2id', ...DEFAULT_ARGON2, salt }
    : { algo: 'pbkdf2-sha256', iterations: PBKDF2_ITERATIONS, salt };
}

/** Derives the key-wrapping key; it never leaves WebCrypto and can only wrap and unwrap. */
export async function deriveWrappingKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const password = new TextEncoder().encode(passphrase.normalize('NFC'));
  const salt = fromBase64(kdf.salt);
  if (kdf.algo === 'pbkdf2-sha256') {
    const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: kdf.iterations },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['wrapKey', 'unwrapKey'],
    );
  }
  // Loaded on demand: the WebAssembly module is only needed on the lock screen, not in the first paint.
  const { argon2id } = await import('hash-wasm');
  const raw = await argon2id({
    password,
    salt,
    parallelism: kdf.parallelism,
    iterations: kdf.iterations,
    memorySize: kdf.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
  } finally {
    raw.fill(0);
  }
}

/** First run: a fresh random data key, wrapped under the passphrase. Returns the in-memory key too. */
export async function createDataKey(passphrase: string, kdf: KdfParams = newKdfParams()): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const wrappingKey = await deriveWrappingKey(passphrase, kdf);
  const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrappedBytes = new Uint8Array(await crypto.subtle.wrapKey('raw', extractable, wrappingKey, { name: 'AES-GCM', iv }));
  const wrapped: WrappedKey = { kdf, iv: toBase64(iv), wrapped: toBase64(wrappedBytes) };
  // Re-import through unwrap so the key kept in memory is non-extractable from its first use.
  return { key: await unwrapWith(wrappingKey, wrapped), wrapped };
}

async function unwrapWith(wrappingKey: CryptoKey, wrapped: WrappedKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    fromBase64(wrapped.wrapped),
    wrappingKey,
    { name: 'AES-GCM', iv: fromBase64(wrapped.iv) },
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Unlock: a wrong passphrase fails the AES-GCM tag check and changes nothing. */
export async function unwrapDataKey(passphrase: string, wrapped: WrappedKey): Promise<CryptoKey> {
  const wrappingKey = await deriveWrappingKey(passphrase, wrapped.kdf);
  try {
    return await unwrapWith(wrappingKey, wrapped);
  } catch {
    throw new WrongPassphraseError();
  }
}

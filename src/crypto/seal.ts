// Sealing of personal data at rest: AES-GCM under the in-memory data key, with the row's identity as
// additional data so a sealed value cannot be moved to another row unnoticed.

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, data };
}

/** A sealed value that does not open under its row's metadata: it was changed, moved or put back. */
export class SealBrokenError extends Error {
  constructor(readonly context: string) {
    super(`a sealed value does not open (${context.split(':')[0] ?? 'value'}): it was changed or moved`);
    this.name = 'SealBrokenError';
  }
}

export async function unseal<T>(key: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(context) }, key, sealed.data);
  } catch {
    throw new SealBrokenError(context);
  }
  return JSON.parse(decoder.decode(plain)) as T;
}

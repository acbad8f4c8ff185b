// Random secrets and their stored hashes: refresh secrets and enrolment codes are kept only as SHA-256,
// so a copy of the database cannot be used to impersonate a device.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** No 0/O, 1/I/L: the code is read off a screen and typed on a phone. 31^8 ≈ 8.5e11 codes. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An 8-character code shown as `ABCD-EFGH`. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts what people type: lower case, spaces or dashes anywhere, O for 0 and I/L for 1 are not in the alphabet. */
export function normalizeEnrolmentCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

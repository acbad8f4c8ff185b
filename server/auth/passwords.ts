// Coordinator password hashing with Argon2id (hash-wasm). The encoded hash carries its parameters,
// so they can be raised later without breaking existing hashes.
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
export const PASSWORD_PARAMS = { memorySize: 19_456, iterations: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 10;

export type PasswordParams = { memorySize: number; iterations: number; parallelism: number };

/** `params` is lowered only by tests, to keep them fast. */
export function hashPassword(password: string, params: PasswordParams = PASSWORD_PARAMS): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), hashLength: 32, outputType: 'encoded', ...params });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the login is unknown so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

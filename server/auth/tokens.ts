// Short-lived access tokens (JWT, HS256, 15 minutes) naming a device. The token alone is never enough:
// every call also reads the device row, so revocation takes effect at once.
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { ACCESS_TOKEN_SECONDS } from '../../schema/protocol.ts';
import type { TokenKeyRing } from './token-keys.ts';

export interface TokenClaims {
  deviceId: string;
  /** True when the signature is good but the token has expired (used to quarantine late pushes). */
  expired: boolean;
}

export class TokenService {
  readonly #keys: TokenKeyRing;
  readonly #now: () => Date;

  constructor(keys: TokenKeyRing, now: () => Date = () => new Date()) {
    this.#keys = keys;
    this.#now = now;
  }

  async issue(deviceId: string, now = new Date()): Promise<{ accessToken: string; expiresIn: number }> {
    const iat = Math.floor(now.getTime() / 1000);
    const key = this.#keys.current;
    const accessToken = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject(deviceId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
      .sign(key.secret);
    return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS };
  }

  /** undefined when the token is malformed, names no key we hold, or its signature is wrong. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    const now = this.#now();
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      kid = typeof header.kid === 'string' ? header.kid : undefined;
    } catch {
      return undefined;
    }
    const key = this.#keys.find(kid, now);
    if (!key) return undefined;
    // A token claims at most the normal life; one from a retired key must have been issued before it retired.
    const plausible = (payload: { iat?: number; exp?: number }) =>
      typeof payload.iat === 'number' && typeof payload.exp === 'number' && payload.exp - payload.iat <= ACCESS_TOKEN_SECONDS &&
      (key.retiredAt === null || payload.iat * 1000 <= key.retiredAt.getTime());
    try {
      const { payload } = await jwtVerify(token, key.secret, { algorithms: ['HS256'], currentDate: now });
      return typeof payload.sub === 'string' && payload['typ'] === 'access' && plausible(payload) ? { deviceId: payload.sub, expired: false } : undefined;
    } catch (error) {
      // jose checks the signature before the claims, so an expired token's payload is authentic.
      if (error instanceof errors.JWTExpired && typeof error.payload.sub === 'string' && error.payload['typ'] === 'access' && plausible(error.payload)) {
        return { deviceId: error.payload.sub, expired: true };
      }
      return undefined;
    }
  }
}

// Short-lived access tokens (JWT, HS256, 15 minutes) naming a device. The token alone is never enough:
// every call also reads the device row, so revocation takes effect at once.
import { SignJWT, errors, jwtVerify } from 'jose';
import { ACCESS_TOKEN_SECONDS } from '../../schema/protocol.ts';

export interface TokenClaims {
  deviceId: string;
  /** True when the signature is good but the token has expired (used to quarantine late pushes). */
  expired: boolean;
}

export class TokenService {
  readonly #key: Uint8Array;

  constructor(secret: string) {
    this.#key = new Uint8Array(Buffer.from(secret, 'base64url'));
  }

  async issue(deviceId: string, now = new Date()): Promise<{ accessToken: string; expiresIn: number }> {
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(deviceId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
      .sign(this.#key);
    return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS };
  }

  /** undefined when the token is malformed or its signature is wrong. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { algorithms: ['HS256'] });
      return typeof payload.sub === 'string' && payload['typ'] === 'access' ? { deviceId: payload.sub, expired: false } : undefined;
    } catch (error) {
      // jose checks the signature before the claims, so an expired token's payload is authentic.
      if (error instanceof errors.JWTExpired && typeof error.payload.sub === 'string' && error.payload['typ'] === 'access') {
        return { deviceId: error.payload.sub, expired: true };
      }
      return undefined;
    }
  }
}

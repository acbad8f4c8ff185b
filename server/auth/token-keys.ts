// The access tokens' signing keys, kept outside the database so that a copy of it (a backup, a
// replica, a dump) cannot mint tokens: in a file beside the data folder (mode 0600, made on first
// start) or in RODYNA_TOKEN_SECRET. Each key has an id (`kid` in the token header) so keys can rotate:
// a retired key still verifies the tokens it signed, for their 15-minute life, and nothing after that.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ACCESS_TOKEN_SECONDS } from '../../schema/protocol.ts';

export interface TokenKey {
  kid: string;
  secret: Uint8Array;
  /** When this key stopped signing; null for the current key. */
  retiredAt: Date | null;
}

/** The file's shape: the first key signs, the others only verify until their tokens have expired. */
interface KeyFile {
  keys: { kid: string; secret: string; createdAt: string; retiredAt?: string }[];
}

/** Tokens issued before keys had ids carry no `kid`; the key moved out of the database verifies them. */
export const LEGACY_KID = 'legacy';
const RETIRED_LIFE_MS = ACCESS_TOKEN_SECONDS * 1000;
const MIN_SECRET_CHARS = 32;

/** `RODYNA_DATA=/srv/rodyna/data` keeps its keys in `/srv/rodyna/data.token-keys.json`: outside the folder a PGlite backup copies. */
export function defaultKeyFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.token-keys.json`);
}

function newKid(): string {
  return randomBytes(6).toString('hex');
}

function envKid(secret: string): string {
  // Derived, so every process given the same secret names it alike; 48 bits of a SHA-256 reveal nothing usable.
  return `env-${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

export class TokenKeyRing {
  #keys: TokenKey[];
  readonly #file: string | undefined;
  #lastReload = 0;

  private constructor(keys: TokenKey[], file: string | undefined) {
    this.#keys = keys;
    this.#file = file;
  }

  /** A fresh random key held in memory only (tests, and API-only apps that never restart). */
  static ephemeral(): TokenKeyRing {
    return new TokenKeyRing([{ kid: newKid(), secret: randomBytes(32), retiredAt: null }], undefined);
  }

  /**
   * `RODYNA_TOKEN_SECRET` (≥ 32 characters) signs; `RODYNA_TOKEN_SECRET_PREVIOUS` (comma-separated)
   * only verifies, during a rotation. Several server processes must be given the same secret.
   */
  static fromEnvironment(current: string, previous: string | undefined): TokenKeyRing {
    const all = [current, ...(previous ?? '').split(',').map((s) => s.trim()).filter(Boolean)];
    for (const secret of all) {
      if (secret.length < MIN_SECRET_CHARS) throw new Error(`RODYNA_TOKEN_SECRET must have at least ${MIN_SECRET_CHARS} characters (for example: openssl rand -base64 32).`);
    }
    // Previous secrets have no known retirement time: they verify until removed from the environment.
    return new TokenKeyRing(all.map((secret, i) => ({ kid: envKid(secret), secret: new Uint8Array(Buffer.from(secret, 'utf8')), retiredAt: i === 0 ? null : new Date(8.64e15) })), undefined);
  }

  /** Reads the key file, creating it (mode 0600) with a new key if it does not exist. */
  static fromFile(file: string, now = new Date()): TokenKeyRing {
    if (!fs.existsSync(file)) writeKeyFile(file, { keys: [{ kid: newKid(), secret: randomBytes(32).toString('base64url'), createdAt: now.toISOString() }] });
    return new TokenKeyRing(readKeyFile(file, now), file);
  }

  get current(): TokenKey {
    const key = this.#keys[0];
    if (!key) throw new Error('no token signing key');
    return key;
  }

  /** The key a token names, or undefined. A rotation by another process is picked up (re-read at most every 5 s). */
  find(kid: string | undefined, now: Date): TokenKey | undefined {
    const wanted = kid ?? LEGACY_KID;
    let key = this.#keys.find((k) => k.kid === wanted);
    if (!key && this.#file && now.getTime() - this.#lastReload > 5_000) {
      this.#lastReload = now.getTime();
      try {
        this.#keys = readKeyFile(this.#file, now);
      } catch {
        // Keep the keys we have: a half-written file must not sign everyone out.
      }
      key = this.#keys.find((k) => k.kid === wanted);
    }
    if (key?.retiredAt && now.getTime() > key.retiredAt.getTime() + RETIRED_LIFE_MS) return undefined;
    return key;
  }
}

function readKeyFile(file: string, now: Date): TokenKey[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${file} holds no token key`);
  const keys = parsed.keys.map((k, i) => ({
    kid: String(k.kid),
    secret: new Uint8Array(Buffer.from(String(k.secret), 'base64url')),
    retiredAt: i === 0 ? null : new Date(k.retiredAt ?? now.toISOString()),
  }));
  if (keys.some((k) => k.secret.length < 32)) throw new Error(`${file}: a token key is shorter than 32 bytes`);
  return keys;
}

/** Written to a temporary file and renamed, mode 0600 from the start: never readable by others, never half-written. */
function writeKeyFile(file: string, content: KeyFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}

/**
 * Rotation (`npm run admin -- rotate-token-key`): a new key signs from now; the old one is retired and
 * verifies its tokens for their remaining life; keys retired longer ago than that are dropped.
 * `dropOld` drops every old key at once (after a leak): every device then renews its token.
 */
export function rotateKeyFile(file: string, now = new Date(), options: { dropOld?: boolean } = {}): { kid: string; kept: number } {
  const existing: KeyFile = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile) : { keys: [] };
  const old = options.dropOld
    ? []
    : existing.keys
        .map((k, i) => (i === 0 ? { ...k, retiredAt: now.toISOString() } : k))
        .filter((k) => k.retiredAt !== undefined && now.getTime() - Date.parse(k.retiredAt) <= RETIRED_LIFE_MS);
  const kid = newKid();
  writeKeyFile(file, { keys: [{ kid, secret: randomBytes(32).toString('base64url'), createdAt: now.toISOString() }, ...old] });
  return { kid, kept: old.length };
}

/**
 * Before migration 3 deletes the secret earlier versions kept in `app_setting`, it is added to the key
 * file as a retired key (`legacy`): tokens it signed stay good for their last 15 minutes, and a
 * database backup holding it can mint nothing once they have expired.
 */
export function adoptDatabaseSecret(file: string | undefined, secret: string, now = new Date()): void {
  if (!file) return;
  const existing: KeyFile = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile) : { keys: [{ kid: newKid(), secret: randomBytes(32).toString('base64url'), createdAt: now.toISOString() }] };
  if (existing.keys.some((k) => k.kid === LEGACY_KID)) return;
  existing.keys.push({ kid: LEGACY_KID, secret, createdAt: now.toISOString(), retiredAt: now.toISOString() });
  writeKeyFile(file, existing);
}

/**
 * Where this process's keys come from, and the migration hook that moves an old database secret into
 * the key file before the database forgets it. Used by the server and by the admin command.
 */
export function tokenKeySource(config: { tokenSecret: string | undefined; tokenSecretPrevious: string | undefined; tokenKeyFile: string }): {
  hooks: { onTokenSecret: (secret: string) => void };
  load: () => TokenKeyRing;
} {
  const file = config.tokenSecret ? undefined : config.tokenKeyFile;
  return {
    hooks: { onTokenSecret: (secret) => adoptDatabaseSecret(file, secret) },
    load: () => (config.tokenSecret ? TokenKeyRing.fromEnvironment(config.tokenSecret, config.tokenSecretPrevious) : TokenKeyRing.fromFile(config.tokenKeyFile)),
  };
}

// Reads the environment once: where to listen, which database, where the built app is.
import path from 'node:path';
import { defaultKeyFile } from './auth/token-keys.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  distDir: string;
  /** Signing keys: RODYNA_TOKEN_SECRET (and _PREVIOUS while rotating), else the key file. */
  tokenSecret: string | undefined;
  tokenSecretPrevious: string | undefined;
  tokenKeyFile: string;
  /** Which proxies may tell the client's address (X-Forwarded-For): a hop count or their addresses. */
  trustProxy: TrustProxy;
}

/** false: the socket's address counts; n: the n nearest hops are proxies; a list: these addresses or CIDRs are. */
export type TrustProxy = false | number | string[];

/**
 * `RODYNA_TRUST_PROXY`: a hop count (`1` for one reverse proxy on the way) or a comma-separated list of the
 * proxies' addresses or CIDRs. Never "every hop": then anyone could pick their own address with a forged
 * X-Forwarded-For and escape every per-address limit.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === '0') return false;
  if (/^[0-9]+$/.test(text)) {
    const hops = Number.parseInt(text, 10);
    if (hops > 10) throw new Error(`RODYNA_TRUST_PROXY=${text}: more than 10 proxies in a row is surely a mistake.`);
    return hops;
  }
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.some((a) => !/^[0-9a-fA-F.:]+(\/[0-9]{1,3})?$/.test(a))) {
    throw new Error(`RODYNA_TRUST_PROXY must be a number of proxy hops or a list of proxy addresses (e.g. 127.0.0.1,10.0.0.0/8), not "${text}".`);
  }
  return list;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number.parseInt(env['PORT'] ?? '8080', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  return {
    port,
    host: env['HOST'] || '127.0.0.1',
    dataDir: path.resolve(env['RODYNA_DATA'] || './data'),
    databaseUrl: env['DATABASE_URL'] || undefined,
    distDir: path.resolve(env['RODYNA_DIST'] || './dist'),
    tokenSecret: env['RODYNA_TOKEN_SECRET'] || undefined,
    tokenSecretPrevious: env['RODYNA_TOKEN_SECRET_PREVIOUS'] || undefined,
    tokenKeyFile: path.resolve(env['RODYNA_TOKEN_KEYS'] || defaultKeyFile(path.resolve(env['RODYNA_DATA'] || './data'))),
    trustProxy: parseTrustProxy(env['RODYNA_TRUST_PROXY']),
  };
}

/** PGlite keeps its files in a subfolder so the lock file and future files sit beside it. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

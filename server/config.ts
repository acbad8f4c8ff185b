// Reads the environment once: where to listen, which database, where the built app is.
import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  distDir: string;
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
  };
}

/** PGlite keeps its files in a subfolder so the lock file and future files sit beside it. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

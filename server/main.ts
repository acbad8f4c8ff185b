// Entry point of `npm start`: one process serving the built PWA and the API on one port, on embedded
// PGlite in RODYNA_DATA (locked against a second process) or on PostgreSQL when DATABASE_URL is set.
import { buildApp } from './app.ts';
import { MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
import { tokenKeySource } from './auth/token-keys.ts';
import { bootstrapCoordinator } from './bootstrap.ts';
import { pgliteFolder, readConfig } from './config.ts';
import { FolderLockedError, lockFolder, type FolderLock } from './db/lock.ts';
import { openPGlite, openPostgres, type OpenDatabase } from './db/open.ts';
import { countCoordinators } from './db/people.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const keys = tokenKeySource(config);
  let lock: FolderLock | undefined;
  let database: OpenDatabase;
  if (config.databaseUrl) {
    database = await openPostgres({ url: config.databaseUrl, hooks: keys.hooks });
  } else {
    try {
      lock = lockFolder(config.dataDir);
    } catch (error) {
      if (error instanceof FolderLockedError) {
        console.error(`rodyna: ${error.message}`);
        process.exit(3);
      }
      throw error;
    }
    database = await openPGlite(pgliteFolder(config.dataDir), undefined, keys.hooks);
  }

  await bootstrapCoordinator(database);
  const positive = (name: string) => {
    const value = Number.parseInt(process.env[name] ?? '', 10);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  // Raised by benchmarks and end-to-end tests that enrol many devices from one address or push much.
  const limits = {
    ...(positive('RODYNA_AUTH_PER_MINUTE') ? { authPerMinute: positive('RODYNA_AUTH_PER_MINUTE') } : {}),
    ...(positive('RODYNA_PUSH_PER_MINUTE') ? { pushMutationsPerMinute: positive('RODYNA_PUSH_PER_MINUTE') } : {}),
    ...(positive('RODYNA_PUSH_BYTES_PER_MINUTE') ? { pushBytesPerMinute: positive('RODYNA_PUSH_BYTES_PER_MINUTE') } : {}),
  };
  const app = await buildApp({
    db: database.db,
    dbKind: database.kind,
    distDir: config.distDir,
    logger: process.env['RODYNA_LOG'] === '1',
    tokenKeys: keys.load(),
    trustProxy: config.trustProxy,
    limits,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`rodyna: ${signal} received, closing…`);
    try {
      await app.close();
      await database.close();
    } finally {
      lock?.release();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if ((await countCoordinators(database.db)) === 0) {
    console.log(
      [
        '',
        'rodyna: no coordinator exists yet. Create the first one:',
        database.kind === 'pglite' ? '  1. stop this server (Ctrl-C) — the admin command needs the data folder to itself,' : '  1. (the server may keep running on PostgreSQL)',
        '  2. RODYNA_ADMIN_PASSWORD=... npm run admin -- create-coordinator --login NAME [--name "Full Name"]',
        '     (without RODYNA_ADMIN_PASSWORD the command asks for the password),',
        '  3. start the server again: npm start',
        `  Or start the server with RODYNA_ADMIN_LOGIN and RODYNA_ADMIN_PASSWORD set (at least ${MIN_PASSWORD_LENGTH} characters).`,
        '',
      ].join('\n'),
    );
  }
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(`rodyna: listening on http://${config.host}:${port} — database: ${where}`);
}

main().catch((error: unknown) => {
  console.error('rodyna: failed to start:', error);
  process.exit(1);
});

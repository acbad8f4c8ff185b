// `npm run admin -- <command>`: administration from the server's shell. On PGlite it takes the data
// folder's lock itself, so it refuses (clearly) while the server runs on the same folder.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
import { rotateKeyFile, tokenKeySource } from './auth/token-keys.ts';
import { pgliteFolder, readConfig } from './config.ts';
import { hasNoControlChars } from '../schema/text.ts';
import { FolderLockedError, lockFolder, type FolderLock } from './db/lock.ts';
import { openPGlite, openPostgres, type OpenDatabase } from './db/open.ts';
import { addMembership, createCoordinator, findUserByLogin, setPassword } from './db/people.ts';

const USAGE = `Usage:
  npm run admin -- create-coordinator --login NAME [--name "Full Name"]
  npm run admin -- set-password --login NAME
  npm run admin -- grant-space --login NAME --space SPACE_ID
  npm run admin -- rotate-token-key [--drop-old]
The password is read from RODYNA_ADMIN_PASSWORD, or asked for on a terminal.
On the embedded database, stop the server first (the data folder is locked while it runs).`;

async function askPassword(): Promise<string> {
  const fromEnv = process.env['RODYNA_ADMIN_PASSWORD'];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('Set RODYNA_ADMIN_PASSWORD (no terminal to ask on).');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: the readline echo is replaced by nothing.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asking = true;
  const write = output._writeToOutput.bind(rl);
  output._writeToOutput = (s: string) => {
    if (!asking) write(s);
  };
  process.stdout.write('Password: ');
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  asking = false;
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { login: { type: 'string' }, name: { type: 'string' }, space: { type: 'string' }, 'drop-old': { type: 'boolean' } },
    allowPositionals: true,
  });
  const command = positionals[0];
  if (command === 'rotate-token-key') return rotateTokenKey(values['drop-old'] === true);
  if (!command || !['create-coordinator', 'set-password', 'grant-space'].includes(command) || !values.login) {
    console.error(USAGE);
    return 2;
  }
  // Ask before opening the database: a first open of an empty folder takes a while.
  let passwordHash = '';
  if (command !== 'grant-space') {
    const password = await askPassword();
    if (password.length < MIN_PASSWORD_LENGTH) {
      console.error(`admin: the password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
      return 1;
    }
    passwordHash = await hashPassword(password);
  }
  const config = readConfig();
  const keys = tokenKeySource(config);
  let lock: FolderLock | undefined;
  let database: OpenDatabase;
  if (config.databaseUrl) {
    database = await openPostgres({ url: config.databaseUrl, max: 1, hooks: keys.hooks });
  } else {
    try {
      lock = lockFolder(config.dataDir);
    } catch (error) {
      if (error instanceof FolderLockedError) {
        console.error(`admin: the Rodyna server (PID ${error.pid}) is running on ${error.folder}. Stop it first (Ctrl-C or kill ${error.pid}), run this command, then start it again.`);
        return 3;
      }
      throw error;
    }
    database = await openPGlite(pgliteFolder(config.dataDir), undefined, keys.hooks);
  }
  try {
    const login = values.login.trim().toLowerCase();
    if (!hasNoControlChars(login) || (values.name !== undefined && !hasNoControlChars(values.name))) {
      console.error('admin: a login or name must not hold control or invisible characters.');
      return 1;
    }
    if (command === 'grant-space') {
      const user = await findUserByLogin(database.db, login);
      if (!user || user.role !== 'coordinator' || !values.space) {
        console.error('admin: unknown coordinator login or missing --space.');
        return 1;
      }
      await addMembership(database.db, user.id, values.space);
      console.log(`admin: ${login} now coordinates space ${values.space}.`);
      return 0;
    }
    if (command === 'set-password') {
      const user = await findUserByLogin(database.db, login);
      if (!user || user.role !== 'coordinator') {
        console.error(`admin: no coordinator with login "${login}".`);
        return 1;
      }
      await setPassword(database.db, user.id, passwordHash);
      console.log(`admin: password of ${login} changed.`);
      return 0;
    }
    const user = await createCoordinator(database.db, { login, name: values.name?.trim() || login, passwordHash });
    if (!user) {
      console.error(`admin: the login "${login}" is taken.`);
      return 1;
    }
    console.log(`admin: coordinator "${login}" created. Sign in with it in the app and create the first gathering point.`);
    return 0;
  } finally {
    await database.close();
    lock?.release();
  }
}

/**
 * A new signing key; the old one verifies its tokens for their last 15 minutes. Needs no database and
 * may run while the server does: servers pick the new key up when they first meet a token signed with it,
 * and sign with it after a restart (restart every server process after rotating).
 */
function rotateTokenKey(dropOld: boolean): number {
  const config = readConfig();
  if (config.tokenSecret) {
    console.error('admin: RODYNA_TOKEN_SECRET is set, so the key comes from the environment: rotate by moving it to RODYNA_TOKEN_SECRET_PREVIOUS, setting a new one, and restarting every server (see docs/operations.md).');
    return 1;
  }
  const { kid, kept } = rotateKeyFile(config.tokenKeyFile, new Date(), { dropOld });
  console.log(`admin: new token key ${kid} in ${config.tokenKeyFile}; ${kept} older key(s) kept for tokens still alive${dropOld ? ' (--drop-old: none; every device renews its token)' : ''}. Restart every server process now.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('admin:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

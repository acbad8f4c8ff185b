// The first coordinator of an automated setup, from RODYNA_ADMIN_LOGIN and RODYNA_ADMIN_PASSWORD. The
// password leaves the process environment at once, used or not, so no later code, child process or
// crash report can read it from there.
import { hasNoControlChars } from '../schema/text.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
import type { OpenDatabase } from './db/open.ts';
import { countCoordinators, createCoordinator } from './db/people.ts';

export async function bootstrapCoordinator(database: OpenDatabase, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const login = env['RODYNA_ADMIN_LOGIN']?.trim();
  const password = env['RODYNA_ADMIN_PASSWORD'];
  delete env['RODYNA_ADMIN_PASSWORD'];
  if (!login || !password) return;
  if ((await countCoordinators(database.db)) > 0) return;
  if (password.length < MIN_PASSWORD_LENGTH) {
    console.error(`rodyna: RODYNA_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters; no coordinator created.`);
    return;
  }
  const name = env['RODYNA_ADMIN_NAME']?.trim() || login;
  if (!hasNoControlChars(login) || !hasNoControlChars(name)) {
    console.error('rodyna: RODYNA_ADMIN_LOGIN and RODYNA_ADMIN_NAME must not hold control or invisible characters; no coordinator created.');
    return;
  }
  await createCoordinator(database.db, { login, name, passwordHash: await hashPassword(password) });
  console.log(`rodyna: created the first coordinator "${login}".`);
}

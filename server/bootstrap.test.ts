// The first coordinator from the environment: created once, and the password leaves the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapCoordinator } from './bootstrap.ts';
import { countCoordinators, findUserByLogin } from './db/people.ts';
import { openTestDatabase, type TestDatabase } from './test-support/databases.ts';

describe('bootstrapCoordinator', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  }, 240_000);
  afterAll(async () => {
    await database?.close();
  });

  it('creates the first coordinator and deletes RODYNA_ADMIN_PASSWORD from the process environment', async () => {
    process.env['RODYNA_ADMIN_LOGIN'] = 'chief';
    process.env['RODYNA_ADMIN_PASSWORD'] = 'a long enough password';
    try {
      await bootstrapCoordinator(database);
      expect(process.env['RODYNA_ADMIN_PASSWORD']).toBeUndefined();
      expect('RODYNA_ADMIN_PASSWORD' in process.env).toBe(false);
      expect((await findUserByLogin(database.db, 'chief'))?.role).toBe('coordinator');
    } finally {
      delete process.env['RODYNA_ADMIN_LOGIN'];
      delete process.env['RODYNA_ADMIN_PASSWORD'];
    }
  });

  it('deletes it even when it is not used (a coordinator exists), and refuses a name with control characters', async () => {
    const env: NodeJS.ProcessEnv = { RODYNA_ADMIN_LOGIN: 'second', RODYNA_ADMIN_PASSWORD: 'another long password' };
    await bootstrapCoordinator(database, env);
    expect(env['RODYNA_ADMIN_PASSWORD']).toBeUndefined();
    expect(await findUserByLogin(database.db, 'second')).toBeUndefined();
    const fresh = await openTestDatabase('pglite');
    const bidi: NodeJS.ProcessEnv = { RODYNA_ADMIN_LOGIN: 'third', RODYNA_ADMIN_PASSWORD: 'another long password', RODYNA_ADMIN_NAME: 'Olena\u202E' };
    await bootstrapCoordinator(fresh, bidi);
    expect(await countCoordinators(fresh.db)).toBe(0);
    await fresh.close();
  }, 120_000);
});

// The token signing keys live outside the database: a copy of the database cannot mint a token, the
// key file is private, an old database secret is moved out by the migration, and keys rotate with a kid.
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { DATABASES, openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { makeApp, makeCoordinator, type Session } from '../test-support/fixtures.ts';
import { LEGACY_KID, TokenKeyRing, defaultKeyFile, rotateKeyFile, tokenKeySource } from './token-keys.ts';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rodyna-keys-')), 'data.token-keys.json');
}

async function forge(key: Uint8Array, deviceId: string, options: { kid?: string; iat?: number } = {}): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ typ: 'access' })
    .setProtectedHeader({ alg: 'HS256', ...(options.kid === undefined ? {} : { kid: options.kid }) })
    .setSubject(deviceId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 900)
    .sign(key);
}

function keyFileSecret(file: string, index = 0): { kid: string; secret: Uint8Array } {
  const key = (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: { kid: string; secret: string }[] }).keys[index];
  if (!key) throw new Error('no key');
  return { kid: key.kid, secret: new Uint8Array(Buffer.from(key.secret, 'base64url')) };
}

describe.each(DATABASES)('token keys on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let file: string;
    let coordinator: Session;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      file = tempFile();
      app = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(file) });
      ({ session: coordinator } = await makeCoordinator(app, database));
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    const me = (token: string, on = app) => on.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });

    it('cannot be minted from anything in a copy of the database (control: the key file can)', async () => {
      // Every text and JSON value of every table, as an attacker holding a backup would try them.
      const columns = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type in ('text', 'jsonb', 'character varying')`.execute(database.db);
      const candidates = new Set<string>();
      for (const c of columns.rows) {
        const rows = await sql<{ v: string | null }>`select ${sql.ref(`${c.table_name}.${c.column_name}`)}::text as v from ${sql.table(c.table_name)}`.execute(database.db);
        for (const r of rows.rows) if (r.v) candidates.add(r.v);
      }
      expect(candidates.size).toBeGreaterThan(5);
      const { kid, secret } = keyFileSecret(file);
      for (const value of candidates) {
        for (const key of [Buffer.from(value, 'base64url'), Buffer.from(value, 'utf8')]) {
          if (key.length === 0) continue;
          for (const header of [{ kid }, {}]) {
            const res = await me(await forge(new Uint8Array(key), coordinator.deviceId, header));
            expect(res.statusCode, value.slice(0, 40)).toBe(401);
          }
        }
      }
      // Control: the same forging with the key from the file works, so the refusals above mean something.
      expect((await me(await forge(secret, coordinator.deviceId, { kid }))).statusCode).toBe(200);
      expect(await database.db.selectFrom('app_setting').select('key').where('key', '=', 'token_secret').executeTakeFirst()).toBeUndefined();
    }, 120_000);

    it('keeps the key file private and outside the data folder', () => {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const dataDir = '/srv/rodyna/data';
      const beside = defaultKeyFile(dataDir);
      expect(path.dirname(beside)).toBe('/srv/rodyna');
      expect(beside.startsWith(`${dataDir}/`)).toBe(false);
    });

    it('names its key in the token header', async () => {
      const header = JSON.parse(Buffer.from(coordinator.accessToken.split('.')[0]!, 'base64url').toString()) as { kid?: string };
      expect(header.kid).toBe(keyFileSecret(file).kid);
    });

    it('moves an old database secret out: its tokens live out their 15 minutes, then nothing', async () => {
      // A database as earlier versions left it: the secret in app_setting, migration 3 not yet run.
      const oldSecret = randomBytes(32).toString('base64url');
      await sql`delete from schema_migration where version = 3`.execute(database.db);
      await sql`drop table rate_limit`.execute(database.db);
      await sql`insert into app_setting (key, value) values ('token_secret', ${oldSecret})`.execute(database.db);
      const moved = tempFile();
      expect(await migrate(database.db, tokenKeySource({ tokenSecret: undefined, tokenSecretPrevious: undefined, tokenKeyFile: moved }).hooks)).toEqual([3]);
      expect(await database.db.selectFrom('app_setting').select('value').where('key', '=', 'token_secret').executeTakeFirst()).toBeUndefined();
      expect(fs.statSync(moved).mode & 0o777).toBe(0o600);
      expect(keyFileSecret(moved, 1).kid).toBe(LEGACY_KID);
      // A token the old server issued (no kid, signed with the database secret) still works for its life…
      const oldToken = await forge(new Uint8Array(Buffer.from(oldSecret, 'base64url')), coordinator.deviceId, { iat: Math.floor(Date.now() / 1000) - 60 });
      const upgraded = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(moved) });
      expect((await me(oldToken, upgraded)).statusCode).toBe(200);
      // …but the old secret (which old backups hold) cannot mint a new one, nor anything once 15 minutes are over.
      expect((await me(await forge(new Uint8Array(Buffer.from(oldSecret, 'base64url')), coordinator.deviceId, { iat: Math.floor(Date.now() / 1000) + 5 }), upgraded)).statusCode).toBe(401);
      const later = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(moved), now: () => new Date(Date.now() + 16 * 60_000) });
      expect((await me(oldToken, later)).statusCode).toBe(401);
      await Promise.all([upgraded.close(), later.close()]);
    });

    it('rotates: tokens of the old key are honoured for their life, not after, and --drop-old ends them', async () => {
      const rotating = tempFile();
      const before = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(rotating) });
      const { session } = await makeCoordinator(before, database);
      const oldKid = keyFileSecret(rotating).kid;
      const { kid } = rotateKeyFile(rotating);
      expect(kid).not.toBe(oldKid);
      const after = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(rotating) });
      expect((await me(session.accessToken, after)).statusCode).toBe(200);
      const fresh = await after.inject({ method: 'POST', url: '/v1/auth/token', payload: { deviceId: session.deviceId, refreshSecret: session.refreshSecret } });
      const freshToken = fresh.json<{ accessToken: string }>().accessToken;
      expect(JSON.parse(Buffer.from(freshToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid });
      // The retired key cannot sign anything dated after its retirement.
      const old = keyFileSecret(rotating, 1);
      expect((await me(await forge(old.secret, session.deviceId, { kid: old.kid, iat: Math.floor(Date.now() / 1000) + 5 }), after)).statusCode).toBe(401);
      const muchLater = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(rotating), now: () => new Date(Date.now() + 16 * 60_000) });
      expect((await me(session.accessToken, muchLater)).statusCode).toBe(401);
      rotateKeyFile(rotating, new Date(), { dropOld: true });
      const dropped = await makeApp(database, { tokenKeys: TokenKeyRing.fromFile(rotating) });
      expect((await me(freshToken, dropped)).statusCode).toBe(401);
      await Promise.all([before.close(), after.close(), muchLater.close(), dropped.close()]);
    });

    it('takes the key from RODYNA_TOKEN_SECRET when set, with the previous one during a rotation', async () => {
      expect(() => TokenKeyRing.fromEnvironment('short', undefined)).toThrow(/at least 32/);
      const first = randomBytes(32).toString('base64url');
      const a = await makeApp(database, { tokenKeys: TokenKeyRing.fromEnvironment(first, undefined) });
      const { session } = await makeCoordinator(a, database);
      const b = await makeApp(database, { tokenKeys: TokenKeyRing.fromEnvironment(randomBytes(32).toString('base64url'), first) });
      const c = await makeApp(database, { tokenKeys: TokenKeyRing.fromEnvironment(randomBytes(32).toString('base64url'), undefined) });
      expect((await me(session.accessToken, b)).statusCode).toBe(200);
      expect((await me(session.accessToken, c)).statusCode).toBe(401);
      expect((await me(await forge(randomBytes(32), randomUUID()))).statusCode).toBe(401);
      await Promise.all([a.close(), b.close(), c.close()]);
    });
  });
});

// The real process: health, serving the built app with the right cache headers and SPA fallback,
// the data-folder lock (a second process refused, a stale lock taken over), a clean shutdown, and a
// SIGKILL in the middle of a push. One data folder for all: creating one costs PGlite's initdb.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse, SessionResponse } from '../schema/protocol.ts';
import { seedPGliteFolder } from './test-support/databases.ts';
import { inquiryMutation } from './test-support/fixtures.ts';
import { spawnServer, startServer, type ServerProcess } from './test-support/server-process.ts';

async function call<T>(url: string, body: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

describe('server process on PGlite', () => {
  let dir: string;
  let dist: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rodyna-main-'));
    // Seeded from the migrated template: the server then reopens the folder instead of running initdb.
    await seedPGliteFolder(path.join(dir, 'data', 'pgdata'));
    dist = path.join(dir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Rodyna</title>');
    fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  }, 240_000);
  /** A failed test may leave its server running on the shared folder. */
  async function stopLeftover(): Promise<void> {
    if (!server) return;
    server.child.kill('SIGKILL');
    await server.exited;
    server = undefined;
  }
  afterAll(() => {
    server?.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves health, the app and its fallback, refuses a second process, and shuts down cleanly', async () => {
    await stopLeftover();
    const data = path.join(dir, 'data');
    server = await startServer({ RODYNA_DATA: data, RODYNA_DIST: dist });
    expect(server.output()).toContain('npm run admin -- create-coordinator');

    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: 'pglite' });
    const csp = health.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('upgrade-insecure-requests');

    const root = await fetch(`${server.url}/`);
    expect(await root.text()).toContain('<title>Rodyna</title>');
    const deep = await fetch(`${server.url}/inquiries/123`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Rodyna</title>');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api404 = await fetch(`${server.url}/v1/nothing-here`);
    expect(api404.status).toBe(404);
    expect(await api404.json()).toMatchObject({ error: { code: 'not_found' } });

    const second = spawnServer({ RODYNA_DATA: data, RODYNA_DIST: dist });
    const secondExit = await second.exited;
    expect(secondExit.code).toBe(3);
    expect(second.output()).toContain(data);
    expect(second.output()).toContain(`PID ${server.child.pid}`);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(fs.existsSync(path.join(data, 'rodyna.lock'))).toBe(false);
    server = undefined;

    // A lock left by a dead process is taken over.
    fs.writeFileSync(path.join(data, 'rodyna.lock'), '999999\n');
    server = await startServer({ RODYNA_DATA: data, RODYNA_DIST: dist });
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
    server = undefined;
  }, 120_000);

  it('loses and doubles nothing when killed mid-push and the batch is resent', async () => {
    await stopLeftover();
    const data = path.join(dir, 'data');
    const env = { RODYNA_DATA: data, RODYNA_DIST: dist, RODYNA_ADMIN_LOGIN: 'chief', RODYNA_ADMIN_PASSWORD: 'a long enough password' };
    server = await startServer(env);
    const signIn = await call<SessionResponse>(`${server.url}/v1/auth/sign-in`, { login: 'chief', password: env.RODYNA_ADMIN_PASSWORD, deviceLabel: 'laptop' });
    expect(signIn.status).toBe(200);
    const token = signIn.json.accessToken;
    const space = await call<{ space: { id: string } }>(`${server.url}/v1/spaces`, { name: 'Sumy' }, token);
    const volunteer = await call<{ volunteer: { id: string } }>(`${server.url}/v1/spaces/${space.json.space.id}/volunteers`, { name: 'Olena' }, token);
    const code = await call<{ code: string }>(`${server.url}/v1/spaces/${space.json.space.id}/enrolment-codes`, { volunteerId: volunteer.json.volunteer.id }, token);
    const phone = await call<SessionResponse>(`${server.url}/v1/devices/enrol`, { code: code.json.code, deviceLabel: 'phone' });
    const batch = Array.from({ length: 200 }, (_, i) => inquiryMutation(i + 1));

    // Send the batch and kill the server while it is (very likely) still applying it.
    const inFlight = call<PushResponse>(`${server.url}/v1/sync/push`, { mutations: batch }, phone.json.accessToken).then(
      (r) => `answered ${r.status}`,
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 400));
    server.child.kill('SIGKILL');
    await server.exited;
    const firstAttempt = await inFlight;
    server = await startServer(env);

    // A new server process: the device gets a fresh token with its refresh secret and resends.
    const refreshed = await call<{ accessToken: string }>(`${server.url}/v1/auth/token`, { deviceId: phone.json.deviceId, refreshSecret: phone.json.refreshSecret });
    const resent = await call<PushResponse>(`${server.url}/v1/sync/push`, { mutations: batch }, refreshed.json.accessToken);
    expect(resent.status).toBe(200);
    expect(resent.json.lastAckedSeq).toBe(200);
    const kinds = new Set(resent.json.results.map((r) => r.result));
    // All-or-nothing: either the first push committed (all duplicates) or it left no trace (all applied).
    expect(kinds.size).toBe(1);
    expect(firstAttempt === 'cut' ? ['applied', 'duplicate'] : ['duplicate']).toContain([...kinds][0]);

    const coordinatorToken = (await call<{ accessToken: string }>(`${server.url}/v1/auth/token`, { deviceId: signIn.json.deviceId, refreshSecret: signIn.json.refreshSecret })).json.accessToken;
    const ids = new Set<string>();
    let cursor = '0';
    for (;;) {
      const page = await call<PullResponse>(`${server.url}/v1/sync/pull`, { cursor, limit: 1000 }, coordinatorToken);
      for (const c of page.json.changes) if (c.type === 'inquiry') ids.add(c.id);
      cursor = page.json.cursor;
      if (!page.json.hasMore) break;
    }
    expect(ids.size).toBe(200);
    expect([...ids].sort()).toEqual(batch.map((m) => m.args.inquiry.id).sort());
    const again = await call<PushResponse>(`${server.url}/v1/sync/push`, { mutations: batch.slice(0, 10) }, refreshed.json.accessToken);
    expect(again.json.results.every((r) => r.result === 'duplicate')).toBe(true);
    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
  }, 180_000);
});

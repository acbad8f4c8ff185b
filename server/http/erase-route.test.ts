// POST /v1/erase answers Clear-Site-Data only to the app itself: a JSON POST from this origin. A form or a
// cross-site request gets no such header, so another site cannot erase a volunteer's unsent records.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { makeApp } from '../test-support/fixtures.ts';

describe('POST /v1/erase', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await makeApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('tells the browser to clear the site storage for a JSON call from the app', async () => {
    const answer = await app.inject({ method: 'POST', url: '/v1/erase', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, payload: '{}' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['clear-site-data']).toBe('"storage"');
  });

  it('never does so for a form post, a cross-site call or a body with content', async () => {
    const attempts = [
      { headers: { 'content-type': 'text/plain' }, payload: '{}' },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' },
      { headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, payload: '{}' },
      { headers: { 'content-type': 'application/json' }, payload: '{"all":true}' },
    ];
    for (const attempt of attempts) {
      const answer = await app.inject({ method: 'POST', url: '/v1/erase', ...attempt });
      expect(answer.statusCode).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode).toBeLessThan(500);
      expect(answer.headers['clear-site-data']).toBeUndefined();
    }
  });
});

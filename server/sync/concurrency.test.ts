// Two devices pushing while a third pulls continuously: what the puller saw, page by page, adds up
// to the final state, and the seqs it saw only ever increase (the cursor never skips a commit).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../schema/protocol.ts';
import { DATABASES, openTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { enrolVolunteer, inquiryMutation, makeApp, makeCoordinator, patchMutation, pushAs, type Session } from '../test-support/fixtures.ts';

describe.each(DATABASES)('concurrent push and pull on $kind', ({ kind, skip }) => {
  describe.skipIf(skip)('', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      database = await openTestDatabase(kind, { max: 8 });
      app = await makeApp(database);
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it('never lets a pulling device miss a change', async () => {
      const { session: coordinator, spaceId } = await makeCoordinator(app, database);
      const pushers = [await enrolVolunteer(app, coordinator, spaceId, 'A'), await enrolVolunteer(app, coordinator, spaceId, 'B')];
      const puller = await enrolVolunteer(app, coordinator, spaceId, 'C');
      const BATCHES = 15;

      async function pushLoop(device: Session): Promise<void> {
        let seq = 1;
        for (let b = 0; b < BATCHES; b++) {
          const creates = Array.from({ length: 4 }, () => inquiryMutation(seq++));
          // Each batch also edits what it just created, so records get several versions.
          const edits = creates.map((m) => patchMutation(seq++, 'inquiry', m.args.inquiry.id, 1, { notes: `batch ${b}` }));
          const res = await pushAs(app, device, [...creates, ...edits]);
          expect(res.status).toBe(200);
          expect(res.body.results.every((r) => r.result === 'applied')).toBe(true);
        }
      }

      const seen = new Map<string, number>();
      let cursor = '0';
      let lastSeq = 0n;
      let pages = 0;
      async function pullOnce(): Promise<boolean> {
        const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: puller.auth, payload: { cursor, limit: 7 } });
        expect(res.statusCode).toBe(200);
        const page = res.json<PullResponse>();
        for (const c of page.changes) {
          expect(BigInt(c.seq)).toBeGreaterThan(lastSeq);
          lastSeq = BigInt(c.seq);
          seen.set(`${c.type}:${c.id}`, c.version);
        }
        expect(BigInt(page.cursor)).toBeGreaterThanOrEqual(BigInt(cursor));
        cursor = page.cursor;
        pages++;
        return page.hasMore;
      }

      let done = false;
      const pulling = (async () => {
        while (!done) {
          await pullOnce();
          await new Promise((r) => setImmediate(r));
        }
      })();
      await Promise.all(pushers.map(pushLoop));
      done = true;
      await pulling;
      while (await pullOnce());

      const final = await database.db.selectFrom('record').select(['type', 'id', 'version']).where('space_id', '=', spaceId).execute();
      expect(final).toHaveLength(2 * BATCHES * 4 * 3);
      expect(seen).toEqual(new Map(final.map((r) => [`${r.type}:${r.id}`, r.version])));
      expect(pages).toBeGreaterThan(2);
    }, 120_000);
  });
});

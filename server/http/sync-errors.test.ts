// The sync domain throws SyncError (no HTTP in server/sync/); http/errors.ts maps it. The answers must be
// exactly those the domain gave when it threw HttpError itself: same status, same bytes, same headers.
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../schema/protocol.ts';
import { SyncError, type SyncErrorKind } from '../sync/errors.ts';
import { describeOnEachDatabase, inquiryMutation, makeCoordinator } from '../test-support/fixtures.ts';
import { HttpError, installErrorHandler } from './errors.ts';

/** Each kind with the status its errors had as HttpError, and one of the refusals it stands for. */
const KINDS: { kind: SyncErrorKind; status: number; code: ErrorCode; message: string; extra?: SyncError['extra'] }[] = [
  { kind: 'invalid', status: 400, code: 'batch_not_contiguous', message: 'The mutations of a batch must have consecutive mutationSeq values; nothing was applied.' },
  { kind: 'not_found', status: 404, code: 'not_found', message: 'No such conflict in your gathering points.' },
  { kind: 'already_decided', status: 409, code: 'already_resolved', message: 'This conflict was already resolved.' },
  { kind: 'cannot_apply', status: 422, code: 'cannot_accept', message: 'This held change cannot be accepted: rejected. Discard it with a reason instead.', extra: { issues: [{ path: 'patchRecord', message: 'rejected' }] } },
];

describe('SyncError answers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    installErrorHandler(app);
    app.post('/as-http/:i', async (request) => {
      const k = KINDS[Number((request.params as { i: string }).i)];
      if (k) throw new HttpError(k.status, k.code, k.message, k.extra);
    });
    app.post('/as-sync/:i/:kind', async (request) => {
      const { i, kind } = request.params as { i: string; kind: SyncErrorKind };
      const k = KINDS[Number(i)];
      if (k) throw new SyncError(kind, k.code, k.message, k.extra);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const answer = async (url: string) => {
    const res = await app.inject({ method: 'POST', url });
    return { status: res.statusCode, type: res.headers['content-type'], body: res.body };
  };

  it.each(KINDS.map((k, i) => ({ ...k, i })))('a $kind refusal answers as the $status HttpError did, byte for byte', async ({ i, kind, status }) => {
    const before = await answer(`/as-http/${i}`);
    const now = await answer(`/as-sync/${i}/${kind}`);
    expect(before.status).toBe(status);
    expect(now).toEqual(before);
  });

  it('control: the comparison sees a wrong kind (a not_found thrown as invalid answers 400, not 404)', async () => {
    const before = await answer('/as-http/1');
    const wrong = await answer('/as-sync/1/invalid');
    expect(wrong.status).toBe(400);
    expect(wrong).not.toEqual(before);
    expect(wrong.body).toBe(before.body);
  });
});

describeOnEachDatabase('sync refusals through the routes', (env) => {

  it('push, conflict resolution and the quarantine answer their refusals as before', async () => {
    const { session } = await makeCoordinator(env.app, env.database);
    const post = async (url: string, payload: unknown) => {
      const res = await env.app.inject({ method: 'POST', url, headers: session.auth, payload: payload as Record<string, unknown> });
      return { status: res.statusCode, body: res.body };
    };
    const unknown = { ...inquiryMutation(1), name: 'nope' };
    expect(await post('/v1/sync/push', { mutations: [unknown] })).toEqual({
      status: 400,
      body: JSON.stringify({ error: { code: 'unknown_mutation', message: 'Unknown mutation "nope". Update the app; nothing was applied.' } }),
    });
    expect(await post('/v1/sync/push', { mutations: [inquiryMutation(1), inquiryMutation(3)] })).toEqual({
      status: 400,
      body: JSON.stringify({ error: { code: 'batch_not_contiguous', message: 'The mutations of a batch must have consecutive mutationSeq values; nothing was applied.' } }),
    });
    expect(await post(`/v1/conflicts/${randomUUID()}/resolve`, { choice: 'kept' })).toEqual({
      status: 404,
      body: JSON.stringify({ error: { code: 'not_found', message: 'No such conflict in your gathering points.' } }),
    });
    expect(await post(`/v1/quarantine/${randomUUID()}/accept`, {})).toEqual({
      status: 404,
      body: JSON.stringify({ error: { code: 'not_found', message: 'No such held change from the devices of your gathering points.' } }),
    });
  });
});

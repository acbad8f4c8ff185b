// The protocol schemas accept what the server sends and the device must send, and nothing looser.
import { describe, expect, it } from 'vitest';
import {
  MAX_PUSH_BATCH,
  errorResponseSchema,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  seqSchema,
  sessionResponseSchema,
} from './protocol.ts';

const uuid = '0b8f0f3e-6a4c-4d2b-9a57-2f1f3c3e9d10';

describe('protocol v1 schemas', () => {
  it('keeps seqs as decimal strings of int8 size', () => {
    expect(seqSchema.safeParse('0').success).toBe(true);
    expect(seqSchema.safeParse('9223372036854775807').success).toBe(true);
    for (const bad of ['', '-1', '01', '1.5', '1e3', '99999999999999999999', 5]) expect(seqSchema.safeParse(bad).success).toBe(false);
  });

  it('checks push envelopes but leaves arguments to the per-mutation check', () => {
    const ok = { mutations: [{ mutationSeq: 1, mutationId: uuid, name: 'patchRecord', args: { anything: true } }] };
    expect(pushRequestSchema.safeParse(ok).success).toBe(true);
    expect(pushRequestSchema.safeParse({ mutations: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ mutations: [{ ...ok.mutations[0], mutationSeq: 0 }] }).success).toBe(false);
    const tooMany = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => ({ ...ok.mutations[0], mutationSeq: i + 1 }));
    expect(pushRequestSchema.safeParse({ mutations: tooMany }).success).toBe(false);
  });

  it('describes both push answers: results and a gap', () => {
    expect(pushResponseSchema.safeParse({ results: [{ mutationSeq: 1, mutationId: uuid, result: 'applied' }], lastAckedSeq: 1 }).success).toBe(true);
    expect(pushResponseSchema.safeParse({ expectedSeq: 3, lastAckedSeq: 2, results: [] }).success).toBe(true);
    expect(pushResponseSchema.safeParse({ results: [{ mutationSeq: 1, mutationId: uuid, result: 'maybe' }], lastAckedSeq: 1 }).success).toBe(false);
  });

  it('bounds pull requests and types pull answers', () => {
    expect(pullRequestSchema.safeParse({ cursor: '0' }).success).toBe(true);
    expect(pullRequestSchema.safeParse({ cursor: '0', limit: 1001 }).success).toBe(false);
    const page = {
      changes: [{ type: 'inquiry', id: uuid, spaceId: uuid, version: 2, seq: '17', deleted: true, updatedAt: '2026-11-26T10:00:00.000Z', data: null }],
      cursor: '17', hasMore: false, lastAckedMutationSeq: 4, retentionDays: 14, serverTime: '2026-11-26T10:00:00.000Z',
      spaces: [{ id: uuid, name: 'Sumy', retentionDays: 14 }], reset: false,
    };
    expect(pullResponseSchema.parse(page).changes[0]?.seq).toBe('17');
  });

  it('types sessions and errors', () => {
    expect(sessionResponseSchema.safeParse({ deviceId: uuid, refreshSecret: 's', accessToken: 't', expiresIn: 900, user: { id: uuid, name: 'O', role: 'volunteer' }, spaces: [] }).success).toBe(true);
    expect(errorResponseSchema.parse({ error: { code: 'device_revoked', message: 'x' }, wipe: true }).wipe).toBe(true);
  });
});

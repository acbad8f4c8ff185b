// Cutting the outbox into pushes by bytes as sent: full batches under the body limit, never empty, and an
// entry too large for any push sent by its size only.
import { describe, expect, it } from 'vitest';
import type { Mutation } from '@schema/mutations.ts';
import { MAX_MUTATION_BYTES, jsonBytes, pushBodyBytes } from '@schema/protocol.ts';
import { takePushBatch } from './push-batch.ts';

function entry(mutationSeq: number, notesBytes: number): Mutation {
  const id = crypto.randomUUID();
  return { mutationSeq, mutationId: crypto.randomUUID(), name: 'patchRecord', args: { type: 'inquiry', id, baseVersion: 1, patch: { notes: 'x'.repeat(notesBytes) } } };
}

describe('takePushBatch', () => {
  it('takes the longest run whose body fits the limit', () => {
    const entries = Array.from({ length: 10 }, (_, i) => entry(i + 1, 900));
    const size = jsonBytes(entries[0]);
    const limit = pushBodyBytes([size, size, size, size]);
    const batch = takePushBatch(entries, 500, limit);
    expect(batch.map((m) => m.mutationSeq)).toEqual([1, 2, 3, 4]);
    expect(takePushBatch(entries, 500, limit - 1)).toHaveLength(3);
    expect(takePushBatch(entries, 2, limit)).toHaveLength(2);
  });

  it('always takes the first entry, and sends one over the mutation limit by size only', () => {
    const huge = entry(1, MAX_MUTATION_BYTES);
    const batch = takePushBatch([huge, entry(2, 200)], 500, 300);
    expect(batch).toEqual([{ mutationSeq: 1, mutationId: huge.mutationId, name: 'patchRecord', args: null, tooLarge: jsonBytes(huge) }]);
    expect(takePushBatch([entry(1, 5_000)], 500, 1_000)).toHaveLength(1);
  });
});

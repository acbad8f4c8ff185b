// The id of a candidate comes from its pair alone, so every device writes the same record for the same pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateMatchSchema, pairId } from './candidate.ts';

describe('pairId', () => {
  it('is a valid UUID, the same for the same pair in any case, and differs between pairs and orders', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const id = pairId(a, b);
        expect(candidateMatchSchema.shape.id.safeParse(id).success).toBe(true);
        expect(pairId(a.toUpperCase(), b.toUpperCase())).toBe(id);
        if (a !== b) expect(pairId(b, a)).not.toBe(id);
      }),
    );
    const ids = new Set(Array.from({ length: 5000 }, (_, i) => pairId(`entry-${i}`, 'person')));
    expect(ids.size).toBe(5000);
  });
});

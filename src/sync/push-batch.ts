// How the outbox is cut into pushes: consecutive entries whose JSON, measured as it will be sent, fits the
// server's body limit. An entry too large for any push goes as its size alone, so the server answers it
// `rejected too_large` and the outbox moves on instead of retrying it for ever.
import type { Mutation } from '@schema/mutations.ts';
import { MAX_MUTATION_BYTES, MAX_PUSH_BATCH, MAX_PUSH_BODY_BYTES, jsonBytes, pushBodyBytes } from '@schema/protocol.ts';

/** What a push carries for an entry: the mutation itself, or only its size when it can never be sent. */
export type PushEntry = Mutation | { mutationSeq: number; mutationId: string; name: Mutation['name']; args: null; tooLarge: number };

/** The entry with its arguments left out and its size given: the server rejects it as too large, and acknowledges it. */
export function sizeOnly(m: Mutation, bytes = jsonBytes(m)): PushEntry {
  return { mutationSeq: m.mutationSeq, mutationId: m.mutationId, name: m.name, args: null, tooLarge: bytes };
}

/**
 * The longest run from the start of `entries` (oldest first) whose push body stays within `maxBodyBytes` and
 * `maxCount` mutations; always at least one. An entry over MAX_MUTATION_BYTES is sent by size only.
 */
export function takePushBatch(entries: readonly Mutation[], maxCount = MAX_PUSH_BATCH, maxBodyBytes = MAX_PUSH_BODY_BYTES): PushEntry[] {
  const batch: PushEntry[] = [];
  const sizes: number[] = [];
  for (const m of entries) {
    if (batch.length >= maxCount) break;
    const bytes = jsonBytes(m);
    const entry = bytes > MAX_MUTATION_BYTES ? sizeOnly(m, bytes) : m;
    const size = entry === m ? bytes : jsonBytes(entry);
    sizes.push(size);
    if (batch.length > 0 && pushBodyBytes(sizes) > maxBodyBytes) break;
    batch.push(entry);
  }
  return batch;
}

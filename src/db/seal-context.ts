// What each sealed value is bound to (AES-GCM additional data), in one place: the write gate, the pull, the
// record cache and the tests all seal and open with these.
import type { HistoryEntry, OutboxEntry, StoredPack, StoredRecord } from './db.ts';

/**
 * What each sealed value is bound to (AES-GCM additional data). Version 2 binds the plaintext metadata that
 * gives the value its meaning, so a ciphertext put back under an older version, moved to another record, or
 * an outbox entry renamed, renumbered or pointed at other records fails to open. Rows written before carry no
 * `aad` and open with the identity-only context; each is rebound when next written.
 */
export const SEAL_FORMAT = 2;

type RecordMeta = Pick<StoredRecord, 'type' | 'id' | 'version' | 'spaceId' | 'aad'>;
type OutboxMeta = Pick<OutboxEntry, 'mutationSeq' | 'mutationId' | 'name' | 'recordIds' | 'aad'>;
type HistoryMeta = Pick<HistoryEntry, 'id' | 'recordId' | 'aad'>;

export function recordContext(r: RecordMeta): string {
  return r.aad === SEAL_FORMAT ? `record:${r.type}:${r.id}:v${r.version}:${r.spaceId ?? ''}` : `record:${r.type}:${r.id}`;
}

export function outboxContext(e: OutboxMeta): string {
  return e.aad === SEAL_FORMAT ? `outbox:${e.mutationSeq}:${e.mutationId}:${e.name}:${e.recordIds.join(',')}` : `outbox:${e.mutationId}`;
}

export function historyContext(h: HistoryMeta): string {
  return h.aad === SEAL_FORMAT ? `history:${h.id}:${h.recordId}` : `history:${h.id}`;
}

/** A pack is bound to its number and size: packs cannot be reordered, renumbered or cut short unnoticed. */
export function packContext(p: Pick<StoredPack, 'id' | 'count'>): string {
  return `pack:${p.id}:${p.count}`;
}

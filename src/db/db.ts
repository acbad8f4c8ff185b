// The only place that opens Dexie. Rows hold plaintext sync metadata and sealed data; no personal value is
// ever an index key. Versioned so later issues add tables without losing data.
import Dexie, { type EntityTable } from 'dexie';
import type { RecordType } from '@schema/records.ts';
import type { MutationName } from '@schema/mutations.ts';
import type { Sealed } from '@/crypto/seal.ts';
import { DB_NAME } from './db-name.ts';

/**
 * A record held as its own row: one with local changes waiting to sync (or, from before version 3, any
 * record). Records as the server last sent them live in packs. `version` is the server's, 0 until synced.
 */
export interface StoredRecord {
  id: string;
  type: RecordType;
  spaceId: string | null;
  version: number;
  /** Server commit sequence of the version held, as a decimal string; null until synced. */
  seq: string | null;
  /** 1 while local changes wait in the outbox (a number, because IndexedDB cannot index booleans). */
  pending: 0 | 1;
  deleted: 0 | 1;
  /** Local insertion order, for "newest first" without a personal or clock-based index. */
  order: number;
  /** 2: the seal binds version and space too (db/write.ts SEAL_FORMAT); absent on rows of older versions. */
  aad?: 2;
  sealed: Sealed;
}

/**
 * One pulled page, or a compaction of many, sealed as a whole: reading 300 packs at unlock costs a fraction
 * of reading 150,000 rows, and a pulled page is one write, not 500. A later pack's entry for an id supersedes
 * an earlier one's; a row supersedes every pack.
 */
export interface StoredPack {
  /** Increasing: the order packs are read in. Bound into the seal with `count`. */
  id: number;
  count: number;
  aad: 2;
  sealed: Sealed;
}

/** A record inside a pack, as the server sent it; `deleted` entries remove the id from what earlier packs held. */
export type PackedRecord =
  | { id: string; type: RecordType; spaceId: string | null; version: number; seq: string; order: number; data: unknown; deleted?: undefined }
  | { id: string; deleted: true };

export interface OutboxEntry {
  mutationSeq: number;
  mutationId: string;
  name: MutationName;
  /** Record ids the mutation touches, so a record stays `pending` until all its mutations are acknowledged. */
  recordIds: string[];
  /** 2: the seal binds seq, name and record ids too; absent on entries of older versions. */
  aad?: 2;
  sealed: Sealed;
}

/** Timeline of a record: what happened, by whom and when (device time, display only). */
export interface HistoryEntry {
  id: string;
  recordId: string;
  order: number;
  /** 2: the seal binds the record too; absent on entries of older versions. */
  aad?: 2;
  sealed: Sealed;
}

export interface DraftRow {
  id: string;
  /** Save order ("newest first"), a counter rather than a time. */
  order: number;
  sealed: Sealed;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class RodynaDb extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  records!: EntityTable<StoredRecord, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'mutationSeq'>;
  history!: EntityTable<HistoryEntry, 'id'>;
  drafts!: EntityTable<DraftRow, 'id'>;
  packs!: EntityTable<StoredPack, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      records: 'id, type, [type+order], pending, seq',
      outbox: 'mutationSeq, &mutationId',
      history: 'id, [recordId+order]',
      drafts: 'id, updatedAt',
    });
    // Version 2 keeps no device-clock time in plain sight, since it would tell when families were registered:
    // drafts are ordered by a counter and outbox entries carry no creation time. Records pulled or written
    // from now on carry no server time either (the retention purge uses sealed sync checkpoints).
    this.version(2)
      .stores({ drafts: 'id, order' })
      .upgrade(async (tx) => {
        const drafts = (await tx.table('drafts').toArray()) as (DraftRow & { updatedAt?: number })[];
        drafts.sort((a, b) => (a.updatedAt ?? 0) - (b.updatedAt ?? 0));
        await tx.table('drafts').bulkPut(drafts.map((d, i) => ({ id: d.id, order: i + 1, sealed: d.sealed }) satisfies DraftRow));
        await tx.table('meta').put({ key: 'draftOrder', value: drafts.length });
        await tx.table('outbox').toCollection().modify((entry: Partial<OutboxEntry> & { createdAt?: number }) => {
          delete entry.createdAt;
        });
      });
    // Version 3 keeps pulled records in sealed packs (StoredPack) and drops the record indexes nothing queries:
    // each secondary index costs on every write. Older rows stay as rows and move into packs at the next
    // compaction (db/record-cache.ts), after an unlock.
    this.version(3).stores({ records: 'id, pending', packs: 'id' });
  }
}

export const db = new RodynaDb();

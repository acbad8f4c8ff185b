// The only place that opens Dexie. Rows hold plaintext sync metadata and sealed data; no personal value is
// ever an index key. Versioned so later issues add tables without losing data.
import Dexie, { type EntityTable } from 'dexie';
import type { RecordType } from '@schema/inquiry.ts';
import type { MutationName } from '@schema/mutations.ts';
import type { Sealed } from '@/crypto/seal.ts';
import { DB_NAME } from './db-name.ts';

/** A synced record (inquiry, family contact, sought person). `version` is the server's, 0 until synced. */
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
  /** Server time (ISO 8601) of the version held, for the retention purge; null if never synced. */
  updatedAt: string | null;
  sealed: Sealed;
}

export interface OutboxEntry {
  mutationSeq: number;
  mutationId: string;
  name: MutationName;
  /** Record ids the mutation touches, so a record stays `pending` until all its mutations are acknowledged. */
  recordIds: string[];
  createdAt: number;
  sealed: Sealed;
}

/** Timeline of a record: what happened, by whom and when (device time, display only). */
export interface HistoryEntry {
  id: string;
  recordId: string;
  order: number;
  sealed: Sealed;
}

export interface DraftRow {
  id: string;
  updatedAt: number;
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

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      records: 'id, type, [type+order], pending, seq',
      outbox: 'mutationSeq, &mutationId',
      history: 'id, [recordId+order]',
      drafts: 'id, updatedAt',
    });
  }
}

export const db = new RodynaDb();

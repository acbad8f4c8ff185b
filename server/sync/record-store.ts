// Where the appliers read and write records: straight to the database (one statement per read or write, as
// the acceptance of held changes does), or staged for a whole push — read in one query for the batch, every
// change kept in memory in order so a later mutation sees an earlier one's effects, then written in a few
// multi-row statements (`writePush`). Both give the appliers the same answers, so a mutation's result does not depend on
// which one ran it.
import type { Transaction } from 'kysely';
import { nextVersion } from '../../schema/merge.ts';
import { RECORDS, type RecordType } from '../../schema/records.ts';
import {
  changedByOthersSince,
  existingRecords,
  findRecord,
  findRecords,
  insertConflict,
  insertRecords,
  updateRecord,
  type Author,
  type HistoryEntry,
  type NewConflict,
  type NewRecord,
  type RecordChanges,
  type RecordRow,
} from '../db/records.ts';
import type { Database, FieldVersions } from '../db/types.ts';

type Trx = Transaction<Database>;

export interface RecordUpdate {
  record: RecordRow; seq: string; data: Record<string, unknown>; deleted: boolean; fieldVersions: FieldVersions;
  author: Author; mutationId: string | null; reason: string | null; now: Date;
}

export interface Editor { deviceId: string; userId: string; at: Date; version: number }

export interface RecordStore {
  readonly isRecordStore: true;
  existing(keys: { type: string; id: string }[]): Promise<Map<string, { spaceId: string | null; deleted: boolean }>>;
  /** The record as this push left it so far (the clock row lock keeps anyone else from writing it). */
  find(type: string, id: string): Promise<RecordRow | undefined>;
  /** The newest version of the record another device wrote after `baseVersion`, if any. */
  changedByOthersSince(type: string, id: string, baseVersion: number, deviceId: string): Promise<Editor | undefined>;
  insert(records: NewRecord[], author: Author, mutationId: string | null, now: Date): Promise<void>;
  /** Writes the record's next version; returns it. */
  update(input: RecordUpdate): Promise<number>;
  insertConflict(input: NewConflict): Promise<void>;
}

export function isRecordStore(target: Trx | RecordStore): target is RecordStore {
  return 'isRecordStore' in target;
}

/** Each read and write is its own statement, at once. */
export function directStore(trx: Trx): RecordStore {
  return {
    isRecordStore: true,
    existing: (keys) => existingRecords(trx, keys),
    find: (type, id) => findRecord(trx, type, id, true),
    changedByOthersSince: (type, id, baseVersion, deviceId) => changedByOthersSince(trx, type, id, baseVersion, deviceId),
    insert: (records, author, mutationId, now) => insertRecords(trx, records, author, mutationId, now),
    update: (input) => updateRecord(trx, input),
    insertConflict: (input) => insertConflict(trx, input),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keyOf = (type: string, id: string): string => `${type}:${id}`;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The records a mutation may read, guessed from its raw arguments (before they are validated, so anything
 * odd is left out): what a push reads for its whole batch in one query. A record missed here is read when
 * asked for, so a guess that is wrong costs a query, never a different answer.
 */
export function recordKeysOf(name: string, args: unknown): { type: RecordType; id: string }[] {
  if (!isObject(args)) return [];
  const keys: { type: string; id: unknown }[] = [];
  if (name === 'createInquiry') {
    if (isObject(args['inquiry'])) keys.push({ type: 'inquiry', id: args['inquiry']['id'] });
    if (isObject(args['familyContact'])) keys.push({ type: 'familyContact', id: args['familyContact']['id'] });
    const people = args['soughtPersons'];
    if (Array.isArray(people)) for (const p of people) if (isObject(p)) keys.push({ type: 'soughtPerson', id: p['id'] });
  } else if (name === 'createRecord') {
    const type = args['type'];
    const record = args['record'];
    if (typeof type === 'string' && Object.hasOwn(RECORDS, type) && isObject(record)) {
      keys.push({ type, id: record['id'] });
      for (const link of RECORDS[type as RecordType].links) {
        const value = record[link.field];
        for (const id of Array.isArray(value) ? value : [value]) keys.push({ type: link.type, id });
      }
    }
  } else if (name === 'patchRecord' || name === 'deleteRecord') {
    keys.push({ type: String(args['type']), id: args['id'] });
  }
  return keys.flatMap(({ type, id }) => {
    if (!Object.hasOwn(RECORDS, type) || typeof id !== 'string') return [];
    const lower = id.toLowerCase();
    return UUID.test(lower) ? [{ type: type as RecordType, id: lower }] : [];
  });
}

/**
 * A push's records, read once and changed in memory; `flush` writes everything in a few statements. Reads of
 * records it did not read yet go to the database. Records are never changed in place: each change replaces
 * the row, so an applier's copy stays as it read it.
 */
export class StagedRecords implements RecordStore {
  readonly isRecordStore = true;
  /** Known rows; null: known not to exist. */
  #rows = new Map<string, RecordRow | null>();
  #createdAt = new Map<string, Date>();
  /** Rows that existed before this push and were changed by it. */
  #changed = new Set<string>();
  #history: HistoryEntry[] = [];
  #conflicts: NewConflict[] = [];

  constructor(private readonly trx: Trx) {}

  /** Reads the rows not known yet, in one query per 29,900. */
  async read(keys: { type: string; id: string }[]): Promise<void> {
    const missing = new Map<string, { type: string; id: string }>();
    for (const k of keys) {
      const key = keyOf(k.type, k.id);
      if (!this.#rows.has(key)) missing.set(key, k);
    }
    if (missing.size === 0) return;
    const found = await findRecords(this.trx, [...missing.values()]);
    for (const key of missing.keys()) this.#rows.set(key, found.get(key) ?? null);
  }

  async existing(keys: { type: string; id: string }[]): Promise<Map<string, { spaceId: string | null; deleted: boolean }>> {
    await this.read(keys);
    const answer = new Map<string, { spaceId: string | null; deleted: boolean }>();
    for (const k of keys) {
      const row = this.#rows.get(keyOf(k.type, k.id));
      if (row) answer.set(keyOf(k.type, k.id), { spaceId: row.spaceId, deleted: row.deleted });
    }
    return answer;
  }

  async find(type: string, id: string): Promise<RecordRow | undefined> {
    await this.read([{ type, id }]);
    return this.#rows.get(keyOf(type, id)) ?? undefined;
  }

  async changedByOthersSince(type: string, id: string, baseVersion: number, deviceId: string): Promise<Editor | undefined> {
    // Versions written in this push are newer than any in the database, so the newest one that counts wins.
    for (let i = this.#history.length - 1; i >= 0; i--) {
      const h = this.#history[i];
      if (h && h.type === type && h.id === id && h.version > baseVersion && h.author.deviceId !== deviceId) {
        return { deviceId: h.author.deviceId, userId: h.author.userId, at: h.at, version: h.version };
      }
    }
    return changedByOthersSince(this.trx, type, id, baseVersion, deviceId);
  }

  async insert(records: NewRecord[], author: Author, mutationId: string | null, now: Date): Promise<void> {
    await this.read(records);
    for (const r of records) {
      const key = keyOf(r.type, r.id);
      // The appliers look before they insert; an id taken anyway is left to the database to refuse, mutation by mutation.
      if (this.#rows.get(key) || this.#createdAt.has(key)) throw new Error('record exists');
    }
    const at = now.toISOString();
    for (const r of records) {
      const fieldVersions: FieldVersions = {};
      for (const field of Object.keys(r.data)) fieldVersions[field] = { version: 1, deviceId: author.deviceId, userId: author.userId, at };
      const key = keyOf(r.type, r.id);
      this.#rows.set(key, {
        type: r.type, id: r.id, spaceId: r.spaceId, version: 1, seq: r.seq, data: r.data, deleted: false, fieldVersions,
        createdByDevice: author.deviceId, updatedByDevice: author.deviceId, updatedAt: now,
      });
      this.#createdAt.set(key, now);
      this.#history.push({ type: r.type, id: r.id, version: 1, seq: r.seq, spaceId: r.spaceId, data: r.data, deleted: false, reason: null, author, mutationId, at: now });
    }
  }

  async update(input: RecordUpdate): Promise<number> {
    const { record } = input;
    const key = keyOf(record.type, record.id);
    const version = nextVersion(record.version);
    this.#rows.set(key, {
      ...record, version, seq: input.seq, data: input.data, deleted: input.deleted, fieldVersions: input.fieldVersions,
      updatedByDevice: input.author.deviceId, updatedAt: input.now,
    });
    if (!this.#createdAt.has(key)) this.#changed.add(key);
    this.#history.push({
      type: record.type, id: record.id, version, seq: input.seq, spaceId: record.spaceId, data: input.data, deleted: input.deleted,
      reason: input.reason, author: input.author, mutationId: input.mutationId, at: input.now,
    });
    return version;
  }

  async insertConflict(input: NewConflict): Promise<void> {
    this.#conflicts.push(input);
  }

  /** What the push changed, for `writePush`. */
  changes(): RecordChanges {
    const final = (key: string): RecordRow => {
      const row = this.#rows.get(key);
      if (!row) throw new Error('staged record lost');
      return row;
    };
    return {
      created: [...this.#createdAt].map(([key, createdAt]) => ({ ...final(key), createdAt })),
      updated: [...this.#changed].map(final),
      history: this.#history,
      conflicts: this.#conflicts,
    };
  }
}

// The records this device holds, unsealed into memory after unlock: every type the device receives, with
// per-type indexes by the registry's links ("sought persons of this inquiry", "entries of this batch").
// Read from the sealed packs and rows once at unlock and dropped on lock. Only the write gate (db/write.ts)
// and the pull (db/sync-store.ts) change it, by reporting what they stored; screens and the search index
// subscribe to it, and never update it themselves.
import { RECORDS, RECORD_TYPES, type RecordOf, type RecordRules, type RecordType } from '@schema/records.ts';
import { upgradeRecord } from '@schema/upgrade.ts';
import { getDataKey, onLock } from '@/crypto/key-holder.ts';
import { unseal } from '@/crypto/seal.ts';
import { db, type PackedRecord, type StoredRecord } from './db.ts';
import { DB_NAME } from './db-name.ts';
import { packContext, recordContext } from './seal-context.ts';

export interface CachedRecord<T extends RecordType = RecordType> {
  id: string;
  type: T;
  spaceId: string | null;
  /** The server's version the data is based on; 0 until synced. */
  version: number;
  /** Server commit sequence of that version, as a decimal string; null until synced. */
  seq: string | null;
  /** Local insertion order, for "newest first". */
  order: number;
  /** Local changes wait in the outbox. */
  pending: boolean;
  data: RecordOf<T>;
  /**
   * The row it is held in: one with local changes (or stored before packs existed). Null when it lives in a
   * pack only. The write gate compares it with what is stored to detect an edit made meanwhile elsewhere.
   */
  row: StoredRecord | null;
}

/** A record stored (its new state) or gone from the device (null). */
export interface CacheChange {
  id: string;
  record: CachedRecord | null;
}

type LinkKey = `${RecordType}.${string}`;

/** The ids `record` links to through one of its registry links. */
function targets(many: boolean, value: unknown): string[] {
  if (many) return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return typeof value === 'string' ? [value] : [];
}

class RecordCache {
  private byId = new Map<string, CachedRecord>();
  private byType = new Map<RecordType, Map<string, CachedRecord>>(RECORD_TYPES.map((t) => [t, new Map()]));
  /** Per type, its records sorted by order, for the version they were sorted at. */
  private sorted = new Map<RecordType, { version: number; list: CachedRecord[] }>();
  private typeVersions = new Map<RecordType, number>();
  /** `${type}.${field}` → linked id → ids of the records of `type` whose `field` holds it. */
  private reverse = new Map<LinkKey, Map<string, Set<string>>>();
  private listeners = new Set<() => void>();
  private changeListeners = new Set<(changes: readonly CacheChange[], full: boolean) => void>();
  private building: Promise<void> | null = null;
  /** Bumped by clear(): a read or a compaction begun before it (a locked session's data) is dropped. */
  generation = 0;
  /** Changes stored while the cache was being read: applied once it is (harmless if the read saw them). */
  private queued: CacheChange[] = [];
  /** Reads in flight (a count: one begun before a lock may still be finishing when the next begins). */
  private loading = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped on every change, so React can subscribe with useSyncExternalStore. */
  version = 0;
  isReady = false;
  /** The newest pack read or written: the next pulled page is stored as the pack after it. */
  packMark = 0;
  /** Where the last read of the stored form spent its time, in ms (the benchmark prints it). */
  lastRead = { storage: 0, unseal: 0, hold: 0, listeners: 0, packs: 0, rows: 0 };

  constructor() {
    onLock(() => this.clear());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** For indexes built on top (the inquiry search): told exactly what changed, after the cache holds it. */
  onChange(listener: (changes: readonly CacheChange[], full: boolean) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  clear(): void {
    this.generation += 1;
    this.byId.clear();
    for (const map of this.byType.values()) map.clear();
    this.sorted.clear();
    this.reverse.clear();
    this.building = null;
    this.queued = [];
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.isReady = false;
    this.packMark = 0;
    this.notify([], true);
  }

  /** Unseals every pack and row once (WebCrypto runs them in parallel); later packs and rows win. */
  build(): Promise<void> {
    if (!this.building) {
      const building = this.load().catch((error: unknown) => {
        if (this.building === building) this.building = null;
        throw error;
      });
      this.building = building;
    }
    return this.building;
  }

  /** Builds the cache if it is not yet: every read through a repository waits for this. */
  async ready(): Promise<void> {
    if (!this.isReady) await this.build();
  }

  /** Throws away what is in memory and reads the stored form again (after a reset or a purge). */
  async rebuild(): Promise<void> {
    if (!this.isReady && !this.building) return;
    this.clear();
    await this.build();
  }

  /**
   * Another tab of this app stored something (its write gate or its pull): read the stored form again in the
   * background, at most every half second, while screens keep showing what is held.
   */
  scheduleRefresh(): void {
    if (!this.isReady || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (this.loading > 0) return this.scheduleRefresh();
      this.load().catch((error: unknown) => console.warn('record cache not refreshed', error));
    }, 500);
  }

  private async load(): Promise<void> {
    this.loading += 1;
    try {
      await this.read();
    } finally {
      this.loading -= 1;
    }
  }

  private async read(): Promise<void> {
    const generation = this.generation;
    const key = getDataKey();
    const t0 = performance.now();
    // toArray() returns packs by primary key, oldest first.
    const [packs, rows] = await Promise.all([db.packs.toArray(), db.records.toArray()]);
    const t1 = performance.now();
    const [opened, rowData] = await Promise.all([
      Promise.all(packs.map((p) => unseal<PackedRecord[]>(key, p.sealed, packContext(p)))),
      Promise.all(rows.filter((r) => !r.deleted).map(async (row) => ({ row, data: await unseal<unknown>(key, row.sealed, recordContext(row)) }))),
    ]);
    if (generation !== this.generation) throw new Error('the record cache was cleared while it was read');
    const t2 = performance.now();
    const held = new Map<string, CachedRecord>();
    for (const list of opened) {
      for (const r of list) {
        if (r.deleted) held.delete(r.id);
        else held.set(r.id, { id: r.id, type: r.type, spaceId: r.spaceId, version: r.version, seq: r.seq, order: r.order, pending: false, data: upgradeRecord(r.type, r.data, r.spaceId) as RecordOf<RecordType>, row: null });
      }
    }
    // A row supersedes every pack: it holds local changes on top of the newest version pulled.
    for (const row of rows) if (row.deleted) held.delete(row.id);
    for (const { row, data } of rowData) held.set(row.id, fromRow(row, data));
    // `held` becomes the map by id as it is; the per-type maps and link indexes are built in one pass.
    this.byId = held;
    for (const map of this.byType.values()) map.clear();
    for (const t of RECORD_TYPES) this.typeVersions.set(t, (this.typeVersions.get(t) ?? 0) + 1);
    this.reverse.clear();
    for (const record of held.values()) this.index(record);
    for (const { id, record } of this.queued.splice(0)) {
      this.remove(id);
      if (record) this.put(record);
    }
    this.packMark = Math.max(this.packMark, packs.at(-1)?.id ?? 0);
    this.isReady = true;
    const t3 = performance.now();
    this.notify([...this.byId.values()].map((record) => ({ id: record.id, record })), true);
    this.lastRead = { storage: t1 - t0, unseal: t2 - t1, hold: t3 - t2, listeners: performance.now() - t3, packs: packs.length, rows: rows.length };
  }

  /** Called by the write gate and the pull with what they stored; nothing else changes the cache. */
  apply(changes: readonly CacheChange[]): void {
    if (changes.length === 0) return;
    if (this.loading > 0) this.queued.push(...changes);
    if (!this.isReady) return;
    channel?.postMessage('changed');
    for (const { id, record } of changes) {
      this.remove(id);
      if (record) this.put(record);
    }
    this.notify(changes);
  }

  private put(record: CachedRecord): void {
    this.byId.set(record.id, record);
    this.typeVersions.set(record.type, (this.typeVersions.get(record.type) ?? 0) + 1);
    this.index(record);
  }

  /** Files a record held in byId under its type and its links. */
  private index(record: CachedRecord): void {
    this.byType.get(record.type)?.set(record.id, record);
    for (const link of (RECORDS[record.type] as RecordRules).links) {
      const key: LinkKey = `${record.type}.${link.field}`;
      let index = this.reverse.get(key);
      if (!index) this.reverse.set(key, (index = new Map()));
      for (const target of targets(link.many, (record.data as Record<string, unknown>)[link.field])) {
        let set = index.get(target);
        if (!set) index.set(target, (set = new Set()));
        set.add(record.id);
      }
    }
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    this.byType.get(old.type)?.delete(id);
    this.typeVersions.set(old.type, (this.typeVersions.get(old.type) ?? 0) + 1);
    for (const link of (RECORDS[old.type] as RecordRules).links) {
      const index = this.reverse.get(`${old.type}.${link.field}`);
      for (const target of targets(link.many, (old.data as Record<string, unknown>)[link.field])) index?.get(target)?.delete(id);
    }
  }

  /** `full`: the changes are everything held (after a read of the stored form); listeners start over. */
  private notify(changes: readonly CacheChange[] | null, full = false): void {
    this.version += 1;
    if (changes) for (const l of this.changeListeners) l(changes, full);
    for (const l of this.listeners) l();
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Any record by id, whatever its type. */
  find(id: string): CachedRecord | undefined {
    return this.byId.get(id);
  }

  get<T extends RecordType>(type: T, id: string): CachedRecord<T> | undefined {
    const record = this.byId.get(id);
    return record?.type === type ? (record as CachedRecord<T>) : undefined;
  }

  /** Every record of a type, in local insertion order. The array is shared: do not change it. */
  list<T extends RecordType>(type: T): readonly CachedRecord<T>[] {
    const version = this.typeVersions.get(type) ?? 0;
    const cached = this.sorted.get(type);
    if (cached?.version === version) return cached.list as CachedRecord<T>[];
    const list = [...(this.byType.get(type)?.values() ?? [])].sort((a, b) => a.order - b.order);
    this.sorted.set(type, { version, list });
    return list as CachedRecord<T>[];
  }

  /** The records of `type` whose link `field` points at `target` ("entries of this batch"). */
  linked<T extends RecordType>(type: T, field: string, target: string): CachedRecord<T>[] {
    const ids = this.reverse.get(`${type}.${field}`)?.get(target);
    if (!ids) return [];
    return [...ids].flatMap((id) => {
      const record = this.byId.get(id);
      return record ? [record as CachedRecord<T>] : [];
    });
  }

  /** Every record held, for the compaction of the stored form. */
  all(): IterableIterator<CachedRecord> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }
}

export function fromRow(row: StoredRecord, data: unknown): CachedRecord {
  // Stored in an older shape (an inquiry naming its point, not its id): today's shape where it is read.
  return { id: row.id, type: row.type, spaceId: row.spaceId, version: row.version, seq: row.seq, order: row.order, pending: row.pending === 1, data: upgradeRecord(row.type, data, row.spaceId) as RecordOf<RecordType>, row };
}

export const recordCache = new RecordCache();

// Tabs of the app share the database but not their memory: each tells the others it stored something.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`${DB_NAME}:records`);
if (channel) {
  channel.onmessage = () => recordCache.scheduleRefresh();
  // In Node (tests, tools) an open channel would keep the process alive.
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
}

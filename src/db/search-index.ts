// The inquiry search, one index on top of the record cache (db/record-cache.ts): a summary per inquiry with
// the name keys of its family contact and sought persons, kept current from the cache's change events and
// dropped on lock. Names are never index keys in IndexedDB; they live here, in memory only. A keystroke
// costs a binary search in one sorted key array plus a scan of the few entries changed since it was sorted.
import type { FamilyContact, Inquiry, SoughtPerson } from '@schema/inquiry.ts';
import { normalizePhone } from '@schema/inquiry.ts';
import { indexTokens, queryTokens } from '@schema/names.ts';
import { onLock } from '@/crypto/key-holder.ts';
import { recordCache, type CacheChange, type CachedRecord } from './record-cache.ts';

/** A sought person as the batch review shows a candidate: names and dates, and the inquiry that seeks them. */
export interface MatchablePerson {
  id: string;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  unit: string;
  otherSpellings: string;
  inquiryId: string;
  reference: string;
  contactName: string;
}

export interface InquirySummary {
  id: string;
  reference: string;
  order: number;
  registeredOn: string;
  handlingStatus: Inquiry['handlingStatus'];
  contactName: string;
  soughtNames: string[];
  pending: boolean;
}

interface Entry extends InquirySummary {
  soughtPersonIds: string[];
  /** The family agreed to compare the sought persons with lists and other inquiries, and has not withdrawn. */
  consentsToMatching: boolean;
  /** The names the keys come from; the keys are computed when first needed (see keysOf). */
  names: string[];
  keys: string[] | null;
  phones: string[];
}

/** An entry's name keys, computed once: at unlock in idle slices after the first paint, or by a search first. */
function keysOf(e: Entry): string[] {
  e.keys ??= [...new Set(e.names.flatMap((n) => indexTokens(n)))];
  return e.keys;
}

/** References share the sorted key array with name keys, behind a character no name key starts with. */
const REFERENCE = '\u0001';

const fullName = (p: { surname: string; givenName: string; patronymic: string }) =>
  [p.surname, p.givenName, p.patronymic].filter(Boolean).join(' ');

/** First position in `sorted` whose value is not below `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class InquiryIndex {
  private entries = new Map<string, Entry>();
  /** Entries newest first, for the version it was sorted at. */
  private newest: { version: number; list: Entry[] } | null = null;
  /** Every name key and reference with its entry, sorted; entries changed since are in `unsorted`. */
  private sorted: { keys: string[]; ids: string[] } = { keys: [], ids: [] };
  private unsorted = new Set<string>();
  /** Bumped by each full rebuild, so a background preparation of an older one stops. */
  private preparing = 0;
  private isPreparing = false;
  private listeners = new Set<() => void>();
  /** Bumped on every change so React can subscribe with useSyncExternalStore. */
  version = 0;
  isReady = false;

  constructor() {
    onLock(() => this.clear());
    recordCache.onChange((changes, full) => this.update(changes, full));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }

  clear(): void {
    this.entries.clear();
    this.newest = null;
    this.sorted = { keys: [], ids: [] };
    this.unsorted.clear();
    this.isReady = false;
    this.isPreparing = false;
    this.changed();
  }

  /** The index follows the record cache: building one builds the other. */
  async build(): Promise<void> {
    await recordCache.ready();
  }

  private update(changes: readonly CacheChange[], full: boolean): void {
    if (full) {
      this.entries.clear();
      this.unsorted.clear();
      this.sorted = { keys: [], ids: [] };
      for (const record of recordCache.list('inquiry')) {
        this.put(record);
        this.unsorted.add(record.id);
      }
      this.isReady = recordCache.isReady;
      this.prepareInBackground();
      this.changed();
      return;
    }
    if (!this.isReady) return;
    const touched = new Set<string>();
    for (const { id } of changes) {
      if (this.entries.has(id) || recordCache.get('inquiry', id)) touched.add(id);
      for (const r of recordCache.linked('inquiry', 'familyContactId', id)) touched.add(r.id);
      for (const r of recordCache.linked('inquiry', 'soughtPersonIds', id)) touched.add(r.id);
    }
    if (touched.size === 0) return;
    for (const id of touched) {
      const record = recordCache.get('inquiry', id);
      if (record) this.put(record);
      else this.entries.delete(id);
      this.unsorted.add(id);
    }
    this.changed();
  }

  private put(record: CachedRecord<'inquiry'>): void {
    const inquiry = record.data;
    const contact = recordCache.get('familyContact', inquiry.familyContactId)?.data as FamilyContact | undefined;
    const persons = inquiry.soughtPersonIds.flatMap((id) => {
      const p = recordCache.get('soughtPerson', id)?.data as SoughtPerson | undefined;
      return p ? [p] : [];
    });
    const names = [...(contact ? [fullName(contact)] : []), ...persons.flatMap((p) => [fullName(p), p.otherSpellings])].filter(Boolean);
    this.entries.set(inquiry.id, {
      id: inquiry.id,
      reference: inquiry.reference,
      order: record.order,
      registeredOn: inquiry.registeredOn,
      handlingStatus: inquiry.handlingStatus,
      contactName: contact ? fullName(contact) : '',
      soughtNames: persons.map(fullName),
      pending: record.pending,
      soughtPersonIds: inquiry.soughtPersonIds,
      consentsToMatching: inquiry.consent.toBeMatched && !inquiry.consent.withdrawnOn,
      names,
      keys: null,
      phones: (contact?.phones ?? []).map((p) => normalizePhone(p).replace(/\D/g, '')),
    });
  }

  /**
   * After an unlock, the name keys of every entry are computed in slices between frames and then sorted, so
   * the unlock does not wait for them (about a second at 50,000). A search before that computes what it needs.
   */
  private prepareInBackground(): void {
    const run = ++this.preparing;
    const pending = [...this.entries.values()];
    let at = 0;
    this.isPreparing = true;
    const slice = () => {
      if (run !== this.preparing || !this.isReady) return;
      const end = Math.min(pending.length, at + 2000);
      for (; at < end; at++) keysOf(pending[at]!);
      if (at < pending.length) return void setTimeout(slice, 0);
      this.isPreparing = false;
      if (this.unsorted.size > 0) this.sortKeys();
    };
    setTimeout(slice, 0);
  }

  private sortKeys(): void {
    const pairs: [string, string][] = [];
    for (const e of this.entries.values()) {
      pairs.push([REFERENCE + e.reference, e.id]);
      for (const k of keysOf(e)) pairs.push([k, e.id]);
    }
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.sorted = { keys: pairs.map((p) => p[0]), ids: pairs.map((p) => p[1]) };
    this.unsorted.clear();
  }

  /** Each entry with a sorted key starting with `prefix` (as of the last sort), once per key. */
  private withPrefix(prefix: string, found: (id: string) => unknown): void {
    const { keys, ids } = this.sorted;
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) found(ids[i]!);
  }

  /**
   * Search as you type: every word typed must start some name word, in any script or spelling; or the
   * text starts a reference; or its digits are part of a phone number. Newest first.
   */
  search(query: string): InquirySummary[] {
    const all = this.newestFirst();
    const trimmed = query.trim();
    if (!trimmed) return all;
    // Re-sort once the entries changed since are a quarter of all: each keystroke scans those linearly.
    // (Not while the keys are being prepared after an unlock: that sorts them in a moment anyway.)
    if (!this.isPreparing && this.unsorted.size > Math.max(2000, this.entries.size / 4)) this.sortKeys();
    const tokens = queryTokens(trimmed);
    const digits = trimmed.replace(/[\s()-]/g, '');
    const reference = trimmed.toUpperCase().replace(/[\s-]/g, '');
    const isPhone = /^\+?\d{4,}$/.test(digits);
    const phoneDigits = digits.replace('+', '');
    const matches = (e: Entry) =>
      (tokens.length > 0 && tokens.every((t) => keysOf(e).some((k) => k.startsWith(t)))) ||
      (reference.length >= 3 && e.reference.startsWith(reference)) ||
      (isPhone && e.phones.some((p) => p.includes(phoneDigits)));
    // A phone number can be anywhere in the digits, so no sorted key finds it: that test scans every entry.
    if (isPhone) return all.filter(matches);
    // Found through a sorted key that is still theirs, entries match without a check when one word is typed
    // (and for a reference); the others found, and every entry changed since the sort, are checked.
    const sure = new Set<string>();
    const toCheck = new Set<string>(this.unsorted);
    const longest = tokens.reduce((a, b) => (b.length > a.length ? b : a), '');
    const single = tokens.length === 1;
    if (longest) this.withPrefix(longest, (id) => (this.unsorted.has(id) ? undefined : (single ? sure : toCheck).add(id)));
    if (reference.length >= 3) this.withPrefix(REFERENCE + reference, (id) => (this.unsorted.has(id) ? undefined : sure.add(id)));
    for (const id of toCheck) {
      const e = this.entries.get(id);
      if (e && matches(e)) sure.add(id);
    }
    // Many hits (one or two letters typed): keeping the newest-first list's order is cheaper than sorting.
    if (sure.size > all.length / 8) return all.filter((e) => sure.has(e.id));
    const hits: Entry[] = [];
    for (const id of sure) {
      const e = this.entries.get(id);
      if (e) hits.push(e);
    }
    return hits.sort((a, b) => b.order - a.order);
  }

  /** Every change goes through changed(), which bumps the version, so a list for this version is current. */
  private newestFirst(): Entry[] {
    if (this.newest?.version !== this.version) {
      this.newest = { version: this.version, list: [...this.entries.values()].sort((a, b) => b.order - a.order) };
    }
    return this.newest.list;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Every sought person the device holds, once, with the (newest) inquiry that seeks them; from memory.
   * Matching against lists and other inquiries takes only those whose family consented to it, as the server
   * does; `consentedOnly: false` is for this phone's own look-ups (a duplicate warning, a linked inquiry).
   */
  matchablePersons({ consentedOnly = true }: { consentedOnly?: boolean } = {}): MatchablePerson[] {
    const out = new Map<string, MatchablePerson>();
    for (const entry of this.newestFirst()) {
      if (consentedOnly && !entry.consentsToMatching) continue;
      for (const id of entry.soughtPersonIds) {
        const p = recordCache.get('soughtPerson', id)?.data as SoughtPerson | undefined;
        if (!p || out.has(id)) continue;
        out.set(id, {
          id, surname: p.surname, givenName: p.givenName, patronymic: p.patronymic, birthDate: p.dateOfBirth, unit: p.unit,
          otherSpellings: p.otherSpellings, inquiryId: entry.id, reference: entry.reference, contactName: entry.contactName,
        });
      }
    }
    return [...out.values()];
  }
}

export const inquiryIndex = new InquiryIndex();

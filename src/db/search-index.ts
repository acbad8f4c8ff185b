// The in-memory search index over inquiries: built after unlock from the sealed rows, kept current by the
// repositories, dropped on lock. Names are never index keys in IndexedDB; they live here, in memory only.
import type { FamilyContact, Inquiry, SoughtPerson } from '@schema/inquiry.ts';
import type { RecordType } from '@schema/records.ts';
import { normalizePhone } from '@schema/inquiry.ts';
import { indexTokens, queryTokens } from '@schema/names.ts';
import { getDataKey, onLock } from '@/crypto/key-holder.ts';
import { unseal } from '@/crypto/seal.ts';
import { db, type StoredRecord } from './db.ts';
import { recordContext } from './write.ts';

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
  familyContactId: string;
  soughtPersonIds: string[];
  keys: string[];
  phones: string[];
}

/** What the index needs of an inquiry; an Entry has it too, so a summary can be recomputed from itself. */
type IndexedInquiry = Pick<Inquiry, 'id' | 'reference' | 'registeredOn' | 'handlingStatus' | 'familyContactId' | 'soughtPersonIds'>;

const fullName = (p: { surname: string; givenName: string; patronymic: string }) =>
  [p.surname, p.givenName, p.patronymic].filter(Boolean).join(' ');

class InquiryIndex {
  private entries = new Map<string, Entry>();
  /** Entries newest first, for the version it was sorted at: the list asks for it on every pulled page. */
  private newest: { version: number; list: Entry[] } | null = null;
  private contacts = new Map<string, FamilyContact>();
  private persons = new Map<string, SoughtPerson>();
  /** Contact or person id → the inquiries that show it, so an edit recomputes only those. */
  private links = new Map<string, Set<string>>();
  private listeners = new Set<() => void>();
  private building: Promise<void> | null = null;
  /** Bumped on every change so React can subscribe with useSyncExternalStore. */
  version = 0;
  isReady = false;

  constructor() {
    onLock(() => this.clear());
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
    this.contacts.clear();
    this.persons.clear();
    this.links.clear();
    this.building = null;
    this.isReady = false;
    this.changed();
  }

  /** Unseals every record once (WebCrypto runs these in parallel) and builds the index. */
  build(): Promise<void> {
    this.building ??= (async () => {
      const key = getDataKey();
      const live = (await db.records.toArray()).filter((r) => !r.deleted);
      const decoded = await Promise.all(live.map(async (r) => ({ row: r, data: await unseal<unknown>(key, r.sealed, recordContext(r)) })));
      const inquiries: { row: StoredRecord; data: Inquiry }[] = [];
      for (const { row, data } of decoded) {
        if (row.type === 'familyContact') this.contacts.set(row.id, data as FamilyContact);
        else if (row.type === 'soughtPerson') this.persons.set(row.id, data as SoughtPerson);
        else if (row.type === 'inquiry') inquiries.push({ row, data: data as Inquiry });
        // Other kinds (exchange batches on a coordinator's device) are not part of the inquiry search.
      }
      for (const { row, data } of inquiries) this.put(data, row.order, row.pending === 1);
      this.isReady = true;
      this.changed();
    })();
    return this.building;
  }

  private put(inquiry: IndexedInquiry, order: number, pending: boolean): void {
    for (const linked of [inquiry.familyContactId, ...inquiry.soughtPersonIds]) {
      const set = this.links.get(linked) ?? new Set<string>();
      set.add(inquiry.id);
      this.links.set(linked, set);
    }
    const contact = this.contacts.get(inquiry.familyContactId);
    const persons = inquiry.soughtPersonIds.map((id) => this.persons.get(id)).filter((p): p is SoughtPerson => !!p);
    const names = [
      ...(contact ? [fullName(contact)] : []),
      ...persons.flatMap((p) => [fullName(p), p.otherSpellings]),
    ].filter(Boolean);
    this.entries.set(inquiry.id, {
      id: inquiry.id,
      reference: inquiry.reference,
      order,
      registeredOn: inquiry.registeredOn,
      handlingStatus: inquiry.handlingStatus,
      contactName: contact ? fullName(contact) : '',
      soughtNames: persons.map(fullName),
      pending,
      familyContactId: inquiry.familyContactId,
      soughtPersonIds: inquiry.soughtPersonIds,
      keys: [...new Set(names.flatMap((n) => indexTokens(n)))],
      phones: (contact?.phones ?? []).map((p) => normalizePhone(p).replace(/\D/g, '')),
    });
  }

  /**
   * Brings the index up to date after writes or a pulled page: stores the records given (null data means
   * the record left the device) and recomputes only the summaries that show them.
   */
  async applyChanges(items: { type: RecordType; id: string; data: unknown }[]): Promise<void> {
    if (!this.isReady) return;
    const touched = new Set<string>();
    const inquiries = new Map<string, IndexedInquiry>();
    for (const { type, id, data } of items) {
      if (data === null) {
        this.entries.delete(id);
        this.contacts.delete(id);
        this.persons.delete(id);
        continue;
      }
      if (type === 'inquiry') {
        inquiries.set(id, data as Inquiry);
        touched.add(id);
        continue;
      }
      if (type === 'familyContact') this.contacts.set(id, data as FamilyContact);
      else if (type === 'soughtPerson') this.persons.set(id, data as SoughtPerson);
      else continue;
      for (const inquiryId of this.links.get(id) ?? []) touched.add(inquiryId);
    }
    const ids = [...touched];
    const rows = await db.records.bulkGet(ids);
    ids.forEach((id, i) => {
      const row = rows[i];
      const inquiry = inquiries.get(id) ?? this.entries.get(id);
      if (!row || row.deleted || !inquiry) return;
      this.put(inquiry, row.order, row.pending === 1);
    });
    this.changed();
  }

  /** Search as you type: every word typed must start some name word, in any script or spelling. */
  search(query: string): InquirySummary[] {
    const all = this.newestFirst();
    const trimmed = query.trim();
    const tokens = trimmed ? queryTokens(trimmed) : [];
    const digits = trimmed.replace(/[\s()-]/g, '');
    const reference = trimmed.toUpperCase().replace(/[\s-]/g, '');
    const hits = trimmed
      ? all.filter(
          (e) =>
            (tokens.length > 0 && tokens.every((t) => e.keys.some((k) => k.startsWith(t)))) ||
            (reference.length >= 3 && e.reference.startsWith(reference)) ||
            (/^\+?\d{4,}$/.test(digits) && e.phones.some((p) => p.includes(digits.replace('+', '')))),
        )
      : all;
    return hits.map(toSummary);
  }

  /** Every change goes through changed(), which bumps the version, so a cache for this version is current. */
  private newestFirst(): Entry[] {
    if (this.newest?.version !== this.version) {
      this.newest = { version: this.version, list: [...this.entries.values()].sort((a, b) => b.order - a.order) };
    }
    return this.newest.list;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every sought person the device holds, once, with the (first) inquiry that seeks them; from memory. */
  matchablePersons(): MatchablePerson[] {
    const out = new Map<string, MatchablePerson>();
    for (const entry of this.newestFirst()) {
      for (const id of entry.soughtPersonIds) {
        const p = this.persons.get(id);
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

function toSummary(e: Entry): InquirySummary {
  return {
    id: e.id, reference: e.reference, order: e.order, registeredOn: e.registeredOn, handlingStatus: e.handlingStatus,
    contactName: e.contactName, soughtNames: e.soughtNames, pending: e.pending,
  };
}

export const inquiryIndex = new InquiryIndex();

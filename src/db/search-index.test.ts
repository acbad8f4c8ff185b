// The inquiry search's sorted keys give exactly what a scan of every entry gives: right after unlock (nothing
// sorted yet), once sorted, and with entries changed since the sort; whatever the query.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizePhone } from '@schema/inquiry.ts';
import { indexTokens, queryTokens } from '@schema/names.ts';
import { createInquiries, getInquiryDetail, patchRecord } from './inquiries.ts';
import { recordCache } from './record-cache.ts';
import { inquiryIndex, type InquirySummary } from './search-index.ts';
import { freshUnlockedDb, makeIntake } from './test-support.ts';

const SURNAMES = ['Олійник', 'Олейник', 'Шевчук', 'Коваленко', 'Kovalenko', 'Бондар', 'Ткаченко', 'Кравчук', 'Мельник', "Гур'єв"];
const QUERIES = ['О', 'Ол', 'олій', 'Oliin', 'Шев', 'kov', 'Ков', 'Бон', 'Гурє', 'Ткач', 'Мельн', 'Галина', 'Гал Олі', 'zzz', '+380 67', '6712'];

interface Facts {
  id: string;
  keys: string[];
  reference: string;
  phones: string[];
}

const facts = new Map<string, Facts>();

async function remember(ids: string[]): Promise<void> {
  for (const id of ids) {
    const d = await getInquiryDetail(id);
    const names = [d.familyContact, ...d.soughtPersons].flatMap((p) => [[p.surname, p.givenName, p.patronymic].filter(Boolean).join(' ')]);
    facts.set(id, {
      id,
      keys: names.flatMap((n) => indexTokens(n)),
      reference: d.inquiry.reference,
      phones: d.familyContact.phones.map((p) => normalizePhone(p).replace(/\D/g, '')),
    });
  }
}

/** The rule itself, over every inquiry: what the index must find. */
function scan(query: string): string[] {
  const trimmed = query.trim();
  if (!trimmed) return [...facts.keys()].sort();
  const tokens = queryTokens(trimmed);
  const reference = trimmed.toUpperCase().replace(/[\s-]/g, '');
  const digits = trimmed.replace(/[\s()-]/g, '');
  return [...facts.values()]
    .filter(
      (f) =>
        (tokens.length > 0 && tokens.every((t) => f.keys.some((k) => k.startsWith(t)))) ||
        (reference.length >= 3 && f.reference.startsWith(reference)) ||
        (/^\+?\d{4,}$/.test(digits) && f.phones.some((p) => p.includes(digits.replace('+', '')))),
    )
    .map((f) => f.id)
    .sort();
}

const ids = (hits: InquirySummary[]) => hits.map((h) => h.id).sort();

beforeAll(async () => {
  await freshUnlockedDb();
  const created = await createInquiries(
    Array.from({ length: 300 }, (_, i) => makeIntake({ surname: SURNAMES[i % SURNAMES.length], contactSurname: SURNAMES[(i * 7) % SURNAMES.length], phone: `+380 67 ${String(1000000 + i * 37).slice(0, 7)}` })),
  );
  await remember(created.map((c) => c.id));
  recordCache.clear();
  await inquiryIndex.build();
});

describe('inquiry search on sorted keys', () => {
  it('finds what a scan finds, before the keys are sorted, after, and with entries changed since', async () => {
    const check = () => {
      for (const q of [...QUERIES, ...[...facts.values()].slice(0, 5).map((f) => f.reference.slice(0, 5))]) expect(ids(inquiryIndex.search(q)), q).toEqual(scan(q));
    };
    check();
    await new Promise((resolve) => setTimeout(resolve, 10)); // the deferred sort after unlock
    check();
    const changed = [...facts.keys()].slice(0, 20);
    for (const id of changed) {
      const d = await getInquiryDetail(id);
      await patchRecord('soughtPerson', d.soughtPersons[0]!.id, { surname: 'Зінченко' });
    }
    await remember(changed);
    check();
    // Control: the new name finds exactly the changed ones, so the index did see the changes.
    expect(ids(inquiryIndex.search('Зінч'))).toEqual([...changed].sort());
  });

  it('agrees with the scan on any typed text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...QUERIES), fc.string({ maxLength: 6 }), fc.stringMatching(/^[А-ЯҐЄІЇа-яґєії' ]{1,6}$/)), (q) => {
        expect(ids(inquiryIndex.search(q))).toEqual(scan(q));
      }),
      { numRuns: 300 },
    );
  });

  it('lists every inquiry, newest first, when nothing is typed', () => {
    const all = inquiryIndex.search('');
    expect(all).toHaveLength(facts.size);
    expect(all.every((s, i) => i === 0 || all[i - 1]!.order > s.order)).toBe(true);
  });

  it('offers for matching only the sought persons whose family consented and did not withdraw', async () => {
    const [consented, refused, withdrawn] = [makeIntake({ surname: 'Згоденко' }), makeIntake({ surname: 'Відмовенко' }), makeIntake({ surname: 'Відкликаненко' })];
    refused.inquiry.consent = { ...refused.inquiry.consent, toBeMatched: false };
    withdrawn.inquiry.consent = { ...withdrawn.inquiry.consent, withdrawnOn: '2026-11-25' };
    await createInquiries([consented, refused, withdrawn]);
    const surnames = (people: { surname: string }[]) => people.map((p) => p.surname).filter((s) => s.endsWith('енко') && /^(Згод|Відмов|Відклик)/.test(s)).sort();
    expect(surnames(inquiryIndex.matchablePersons())).toEqual(['Згоденко']);
    // Control: this phone's own look-ups see all three.
    expect(surnames(inquiryIndex.matchablePersons({ consentedOnly: false }))).toEqual(['Відкликаненко', 'Відмовенко', 'Згоденко']);
  });
});

// The list renders a page of rows at a time, so 50,000 inquiries never become 50,000 DOM rows at once.
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import type { InquirySummary } from '@/db/search-index.ts';
import enInquiries from '@/locales/en/inquiries.json';
import ukInquiries from '@/locales/uk/inquiries.json';
import { InquiryRows, PAGE_SIZE } from './inquiry-rows.tsx';

function summaries(n: number): InquirySummary[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `id-${i}`, reference: 'ABCD2345', order: n - i, registeredOn: '2026-11-20', handlingStatus: 'submitted',
    contactName: `Заявник ${i}`, soughtNames: [`Особа ${i}`], pending: false,
  }));
}

// Rendered as the server would (no browser location), which is all a first render needs.
const render = (n: number) =>
  renderToStaticMarkup(
    <Router ssrPath="/">
      <InquiryRows results={summaries(n)} />
    </Router>,
  );
const rowCount = (html: string) => html.split('<li>').length - 1;

describe('InquiryRows', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({
      lng: 'uk', fallbackLng: 'uk', defaultNS: 'inquiries', showSupportNotice: false,
      resources: { uk: { inquiries: ukInquiries }, en: { inquiries: enInquiries } },
      interpolation: { escapeValue: false },
    });
  });

  it('renders every row, with no "show more", when they fit one page', () => {
    const html = render(PAGE_SIZE);
    expect(rowCount(html)).toBe(PAGE_SIZE);
    expect(html).toContain('Особа 99');
    expect(html).not.toContain('Показати ще');
  });

  it('renders the first page of a long list and says how many more there are', () => {
    const html = render(50_000);
    expect(rowCount(html)).toBe(PAGE_SIZE);
    expect(html).toContain('Особа 0<');
    expect(html).not.toContain('Особа 100<');
    expect(html).toContain('Показано перші 100 з 50000. Уточніть пошук або покажіть більше.');
    expect(html).toContain('Показати ще 100');
  });

  it('offers only what is left on the last page, in English too', async () => {
    await i18next.changeLanguage('en');
    try {
      const html = render(PAGE_SIZE + 7);
      expect(rowCount(html)).toBe(PAGE_SIZE);
      expect(html).toContain('Showing the first 100 of 107. Narrow the search or show more.');
      expect(html).toContain('Show 7 more');
    } finally {
      await i18next.changeLanguage('uk');
    }
  });
});

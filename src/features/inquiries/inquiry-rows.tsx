// The list's rows, newest first, a page at a time.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatReference } from '@schema/reference.ts';
import type { InquirySummary } from '@/db/search-index.ts';
import { formatPartialDate } from '@/lib/i18n.ts';

/**
 * Rows are rendered a page at a time: a coordinator's laptop may hold 50,000 inquiries, and rendering them
 * all would freeze the page for half a minute. Search narrows the list; "Show more" extends it.
 */
export const PAGE_SIZE = 100;

export function InquiryRows({ results }: { results: InquirySummary[] }) {
  const { t, i18n } = useTranslation('inquiries');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const shown = results.slice(0, limit);
  const rest = results.length - shown.length;
  return (
    <>
      <ul className="plain-list inquiry-rows" aria-label={t('list.results')}>
        {shown.map((r) => (
          <li key={r.id}>
            <Link href={`/inquiries/${r.id}`} className="inquiry-row">
              <span className="inquiry-row__top">
                <span className="inquiry-row__ref">{formatReference(r.reference)}</span>
                <span className="inquiry-row__date">{formatPartialDate(r.registeredOn, i18n.language)}</span>
              </span>
              <span className="inquiry-row__names">{r.soughtNames.join(', ') || t('list.noName')}</span>
              <span className="inquiry-row__contact">{t('list.contact', { name: r.contactName })}</span>
              {r.pending && <span className="badge">{t('pending')}</span>}
            </Link>
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <div className="inquiry-list__more">
          <p>{t('list.shown', { shown: shown.length, count: results.length })}</p>
          <button type="button" className="form-button" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
            {t('list.showMore', { count: Math.min(PAGE_SIZE, rest) })}
          </button>
        </div>
      )}
    </>
  );
}

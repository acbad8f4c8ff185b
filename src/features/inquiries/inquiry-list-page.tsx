// Route /: the inquiries on this device, newest first, with search as you type in any script or spelling,
// and the unfinished registrations (drafts) to continue or discard.
import { useDeferredValue, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { loadFormNamespaces } from '@/components/form/namespaces.ts';
import { discardDraft, type DraftSummary } from '@/db/drafts.ts';
import { InquiryRows } from './inquiry-rows.tsx';
import { useDrafts } from './use-drafts.ts';
import { useInquirySearch } from './use-inquiry-search.ts';
import '@/components/form/form.css';
import './inquiries.css';

await loadFormNamespaces(['inquiries']);

function DraftRow({ draft }: { draft: DraftSummary }) {
  const { t, i18n } = useTranslation('inquiries');
  const dialog = useRef<HTMLDialogElement>(null);
  const label =
    draft.savedAt === null
      ? t('drafts.itemUndated')
      : t('drafts.item', { time: new Intl.DateTimeFormat(i18n.language === 'uk' ? 'uk-UA' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(draft.savedAt) });
  const titleId = `draft-${draft.id}-title`;
  return (
    <li className="draft-row">
      <p className="draft-row__text">{label}</p>
      <div className="draft-row__actions">
        <Link href={`/new/${draft.id}`} className="form-button form-button--primary" aria-label={`${t('drafts.continue')}: ${label}`}>
          {t('drafts.continue')}
        </Link>
        <button type="button" className="form-button form-button--danger" onClick={() => dialog.current?.showModal()} aria-label={`${t('drafts.discard')}: ${label}`}>
          {t('drafts.discard')}
        </button>
      </div>
      <dialog ref={dialog} className="form-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('drafts.discardTitle')}</h2>
        <p>{t('drafts.discardText')}</p>
        <div className="form-actions">
          <button type="button" className="form-button form-button--danger" onClick={() => void discardDraft(draft.id).then(() => dialog.current?.close())}>
            {t('drafts.discardConfirm')}
          </button>
          <button type="button" className="form-button" onClick={() => dialog.current?.close()}>{t('drafts.keep')}</button>
        </div>
      </dialog>
    </li>
  );
}

export default function InquiryListPage() {
  const { t } = useTranslation('inquiries');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const { results, isReady, total } = useInquirySearch(deferredQuery);
  const drafts = useDrafts();
  const isSearching = deferredQuery.trim() !== '';

  return (
    <div className="inquiry-list">
      <div className="inquiry-list__head">
        <h1>{t('list.title')}</h1>
      </div>

      {drafts.length > 0 && (
        <section aria-labelledby="drafts-title" className="drafts">
          <h2 id="drafts-title">{t('drafts.title')}</h2>
          <ul className="plain-list">
            {drafts.map((d) => <DraftRow key={d.id} draft={d} />)}
          </ul>
        </section>
      )}

      {/* Nothing to search yet: the empty state below says what to do instead. */}
      {!(isReady && total === 0 && !isSearching) && (
        <div className="field" role="search">
          <label className="field__label" htmlFor="inquiry-search">{t('list.searchLabel')}</label>
          <input
            id="inquiry-search"
            className="field__input"
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      )}

      <p role="status" className="inquiry-list__count">
        {!isReady ? t('list.loading') : isSearching ? t('list.found', { count: results.length }) : total > 0 ? t('list.total', { count: total }) : ''}
      </p>

      {isReady && total === 0 && !isSearching ? (
        <div className="empty-state">
          <p>{t('list.empty')}</p>
          <Link href="/new" className="form-button form-button--primary">{t('list.registerFirst')}</Link>
        </div>
      ) : (
        // Keyed by the query: a new search starts again from the first page of rows.
        <InquiryRows key={deferredQuery} results={results} />
      )}
    </div>
  );
}

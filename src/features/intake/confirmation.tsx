// After registering: the reference, big and formatted, to write on the family's paper slip.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatReference } from '@schema/reference.ts';
import { StatusMessage } from '@/components/status-message.tsx';
import { useSyncStatus } from '@/sync/use-sync-status.ts';

export function Confirmation({ id, reference }: { id: string; reference: string }) {
  const { t } = useTranslation('intake');
  const { summary, isLoaded } = useSyncStatus();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Tell screen-reader users at once that it worked; the form they were in is gone.
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, []);
  return (
    <section className="confirmation" aria-labelledby="confirmation-title">
      <h1 id="confirmation-title" ref={heading} tabIndex={-1}>{t('done.title')}</h1>
      <p>{t('done.referenceLabel')}</p>
      <p className="confirmation__reference">{formatReference(reference)}</p>
      <p className="form-note">{t('done.slip')}</p>
      {!isLoaded ? null : summary === 'not_enrolled' ? (
        // Nothing reaches the coordinators from a phone with no server link: say so, and where to fix it.
        <StatusMessage tone="info">
          <p>{t('done.savedLocalOnly')}</p>
          <p><Link href="/enrol">{t('done.connect')}</Link></p>
        </StatusMessage>
      ) : (
        <p>{summary === 'working' || summary === 'syncing' ? t('done.savedSending') : t('done.savedOffline')}</p>
      )}
      <div className="form-actions">
        <Link href={`/inquiries/${id}`} className="form-button form-button--primary">{t('done.open')}</Link>
        <Link href="/new" className="form-button">{t('done.another')}</Link>
      </div>
    </section>
  );
}

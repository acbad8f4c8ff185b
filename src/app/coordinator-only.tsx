// A route only coordinators' devices open (exchange batches): anyone else is told why and where to sign in.
// A volunteer's phone never holds batches anyway (the registry's audience); this only spares a blank page.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '@/components/page.tsx';
import { useSyncStatus } from '@/sync/use-sync-status.ts';

export function CoordinatorOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const { enrolment, isLoaded } = useSyncStatus();
  if (!isLoaded) return <p className="loading">{t('loading')}</p>;
  if (enrolment?.user.role !== 'coordinator') {
    return (
      <Page title={t('coordinatorOnly.title')}>
        <p>{t('coordinatorOnly.text')}</p>
        <p><Link href="/sign-in">{t('coordinatorOnly.signIn')}</Link></p>
      </Page>
    );
  }
  return <>{children}</>;
}

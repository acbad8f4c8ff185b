// Shown instead of a coordinator screen on a device that is not signed in as a coordinator.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '@/components/page.tsx';
import { useCoordinator } from './use-coordinator.ts';

export function CoordinatorGate({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('coordinator');
  const coordinator = useCoordinator();
  if (coordinator === undefined) return <p className="loading">{t('loading')}</p>;
  if (coordinator === null) {
    return (
      <Page title={title}>
        <p>{t('gate.text')}</p>
        <p>
          <Link href="/sign-in">{t('gate.signIn')}</Link>
        </p>
      </Page>
    );
  }
  return <>{children}</>;
}

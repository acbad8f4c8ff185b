// The coordinator's overview: gathering points with their volunteers and phone enrolment, the devices
// with revocation, quarantined changes, and the way to conflicts. Everything here is read from the server.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { useApiData } from '@/api/use-api-data.ts';
import { Page } from '@/components/page.tsx';
import { getEnrolment, updateEnrolmentDetails } from '@/db/device.ts';
import { CoordinatorGate } from './coordinator-gate.tsx';
import { DevicesSection } from './devices-section.tsx';
import { QuarantineSection } from './quarantine-section.tsx';
import { SpacesSection } from './spaces-section.tsx';
import './coordinator.css';

const loadSpaces = async () => (await call(API.listSpaces)).spaces;

export default function CoordinatorPage() {
  const { t } = useTranslation('coordinator');
  return (
    <CoordinatorGate title={t('overview.title')}>
      <Overview />
    </CoordinatorGate>
  );
}

function Overview() {
  const { t } = useTranslation('coordinator');
  const spaces = useApiData(loadSpaces);

  useEffect(() => {
    // Keep the device's copy of "my gathering points" (shown on the sync page) in step with the server.
    if (!spaces.data) return;
    const next = spaces.data;
    void getEnrolment().then((enrolment) => (enrolment ? updateEnrolmentDetails(enrolment.user, next) : undefined));
  }, [spaces.data]);

  return (
    <Page title={t('overview.title')} intro={t('overview.intro')}>
      <nav className="coordinator-links" aria-label={t('overview.linksLabel')}>
        <Link href="/conflicts">{t('overview.toConflicts')}</Link>
        <Link href="/sync">{t('overview.toSync')}</Link>
      </nav>
      <SpacesSection spaces={spaces} />
      <DevicesSection spaces={spaces.data ?? []} />
      <QuarantineSection />
    </Page>
  );
}

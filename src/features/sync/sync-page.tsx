// The sync page: the status panel and this device's link to the server (who, which gathering points),
// or, when the phone is not linked, the two ways to link it.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '@/components/page.tsx';
import { formatDateTime } from '@/lib/i18n.ts';
import { useSyncStatus } from '@/sync/use-sync-status.ts';
import { SyncStatusPanel } from './sync-status-panel.tsx';
import './sync.css';

export default function SyncPage() {
  const { t, i18n } = useTranslation('sync');
  const { enrolment } = useSyncStatus();

  return (
    <Page title={t('page.title')}>
      <SyncStatusPanel />
      {enrolment ? (
        <section className="card stack" aria-labelledby="sync-enrolment-heading">
          <h2 id="sync-enrolment-heading">{t('page.enrolment')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('page.user')}</dt>
              <dd>{enrolment.user.name}</dd>
            </div>
            <div>
              <dt>{t('page.role')}</dt>
              <dd>{t(`page.roles.${enrolment.user.role}`)}</dd>
            </div>
            <div>
              <dt>{t('page.enrolledAt')}</dt>
              <dd>{formatDateTime(enrolment.enrolledAt, i18n.language)}</dd>
            </div>
          </dl>
          <h3 className="sync-subtitle">{t('page.spaces', { count: enrolment.spaces.length })}</h3>
          {enrolment.spaces.length === 0 ? (
            <p className="muted">{t('page.noSpaces')}</p>
          ) : (
            <ul className="sync-spaces">
              {enrolment.spaces.map((space) => (
                <li key={space.id}>{space.name}</li>
              ))}
            </ul>
          )}
          {enrolment.user.role === 'coordinator' ? (
            <nav className="sync-links" aria-label={t('page.coordinatorLinks')}>
              <Link href="/coordinator">{t('page.toCoordinator')}</Link>
              <Link href="/conflicts">{t('page.toConflicts')}</Link>
            </nav>
          ) : null}
        </section>
      ) : (
        <section className="card stack" aria-labelledby="sync-link-heading">
          <h2 id="sync-link-heading">{t('page.notEnrolledTitle')}</h2>
          <p>{t('page.notEnrolledText')}</p>
          <div className="sync-links">
            <Link href="/enrol">{t('page.enrol')}</Link>
            <Link href="/sign-in">{t('page.signIn')}</Link>
          </div>
        </section>
      )}
    </Page>
  );
}

// The unlocked app: header (name, connectivity, changes waiting to sync, "Lock now"), navigation, and the
// routes of the pages. Mounted only while unlocked; unmounting it on lock drops every page's state.
import { Suspense, useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { Button } from '@/components/button.tsx';
import { ScreenErrorBoundary } from '@/components/screen-error-boundary.tsx';
import { useSyncStatus } from '@/sync/use-sync-status.ts';
import { lazyPage } from './lazy-page.ts';
import { lockNow } from './lock-now.ts';
import { CoordinatorOnly } from './coordinator-only.tsx';
import { PendingCount } from './pending-count.tsx';
import { useAutoLock } from './use-auto-lock.ts';
import { APP_VERSION } from './version.ts';

const InquiryListPage = lazyPage(() => import('@/features/inquiries/inquiry-list-page.tsx'), 'inquiries');
const InquiryDetailPage = lazyPage(() => import('@/features/inquiries/inquiry-detail-page.tsx'), 'inquiries');
const IntakePage = lazyPage(() => import('@/features/intake/intake-page.tsx'), 'intake');
const SettingsPage = lazyPage(() => import('@/features/settings/settings-page.tsx'), 'settings');
const SyncPage = lazyPage(() => import('@/features/sync/sync-page.tsx'), 'sync');
const EnrolPage = lazyPage(() => import('@/features/enrol/enrol-page.tsx'), 'enrol');
const SignInPage = lazyPage(() => import('@/features/enrol/sign-in-page.tsx'), 'enrol');
const CoordinatorPage = lazyPage(() => import('@/features/coordinator/coordinator-page.tsx'), 'coordinator', 'intake');
const ConflictsPage = lazyPage(() => import('@/features/coordinator/conflicts-page.tsx'), 'coordinator', 'intake');
const BatchesPage = lazyPage(() => import('@/features/batches/batches-page.tsx'), 'batches');
const BatchPage = lazyPage(() => import('@/features/batches/batch-page.tsx'), 'batches');
const DuplicatesPage = lazyPage(() => import('@/features/duplicates/duplicates-page.tsx'), 'duplicates');
const BatchReviewPage = lazyPage(() => import('@/features/batches/batch-review-page.tsx'), 'batches');
const BatchImportPage = lazyPage(() => import('@/features/batches/batch-import-page.tsx'), 'batches');
const RecordHistoryPage = lazyPage(() => import('@/features/coordinator/record-history-page.tsx'), 'coordinator', 'intake');

/** Pages reached from the Sync section: enrolment, sign-in and the coordinator's pages. */
const SYNC_PATHS = ['/sync', '/enrol', '/sign-in', '/coordinator', '/conflicts', '/records/'];

export default function Layout() {
  const { t } = useTranslation('common');
  const lock = useCallback(() => lockNow(), []);
  const [location] = useLocation();
  const isCoordinator = useSyncStatus().enrolment?.user.role === 'coordinator';
  useAutoLock(lock);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <header className="header">
        <div className="header__row">
          <Link href="/" className="brand">
            <img className="brand__logo" src="/favicon.svg" alt="" width="28" height="28" />
            {t('appName')}
          </Link>
          <Button className="header__lock" onClick={lock}>{t('lockNow')}</Button>
        </div>
        <div className="header__meta">
          <Connectivity />
          <PendingCount />
        </div>
        <nav className="nav" aria-label={t('nav.label')}>
          <NavLink href="/" isActive={(path) => path === '/' || path.startsWith('/inquiries/')}>{t('nav.inquiries')}</NavLink>
          <NavLink href="/new" isActive={(path) => path === '/new' || path.startsWith('/new/')}>{t('nav.newInquiry')}</NavLink>
          {isCoordinator ? (
            <>
              <NavLink href="/batches" isActive={(path) => path.startsWith('/batches')}>{t('nav.batches')}</NavLink>
              <NavLink href="/duplicates" isActive={(path) => path === '/duplicates'}>{t('nav.duplicates')}</NavLink>
            </>
          ) : null}
          <NavLink href="/sync" isActive={(path) => SYNC_PATHS.some((p) => path.startsWith(p))}>{t('nav.sync')}</NavLink>
          <NavLink href="/settings" isActive={(path) => path === '/settings'}>{t('nav.settings')}</NavLink>
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <ScreenErrorBoundary resetKeys={[location]}>
          <Suspense fallback={<p className="loading">{t('loading')}</p>}>
            <Switch>
              <Route path="/" component={InquiryListPage} />
              <Route path="/new" component={IntakePage} />
              <Route path="/new/:draftId" component={IntakePage} />
              <Route path="/inquiries/:id" component={InquiryDetailPage} />
              <Route path="/sync" component={SyncPage} />
              <Route path="/enrol" component={EnrolPage} />
              <Route path="/sign-in" component={SignInPage} />
              <Route path="/coordinator" component={CoordinatorPage} />
              <Route path="/conflicts" component={ConflictsPage} />
              <Route path="/records/:type/:id/history" component={RecordHistoryPage} />
              <Route path="/batches">
                <CoordinatorOnly>
                  <BatchesPage />
                </CoordinatorOnly>
              </Route>
              <Route path="/batches/:id">
                <CoordinatorOnly>
                  <BatchPage />
                </CoordinatorOnly>
              </Route>
              <Route path="/duplicates">
                <CoordinatorOnly>
                  <DuplicatesPage />
                </CoordinatorOnly>
              </Route>
              <Route path="/batches/:id/review">
                <CoordinatorOnly>
                  <BatchReviewPage />
                </CoordinatorOnly>
              </Route>
              <Route path="/batches/:id/import">
                <CoordinatorOnly>
                  <BatchImportPage />
                </CoordinatorOnly>
              </Route>
              <Route path="/settings">
                <SettingsPage version={APP_VERSION} onLockNow={lock} />
              </Route>
              <Route>
                <Redirect to="/" replace />
              </Route>
            </Switch>
          </Suspense>
        </ScreenErrorBoundary>
      </main>
    </div>
  );
}

function NavLink({ href, isActive, children }: { href: string; isActive: (path: string) => boolean; children: ReactNode }) {
  const [location] = useLocation();
  const isCurrent = isActive(location);
  return (
    <Link href={href} className={isCurrent ? 'nav__link nav__link--current' : 'nav__link'} aria-current={isCurrent ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/**
 * Online or offline in words and a shape, not colour alone; from the same sync summary as the sync panel, so
 * a server out of reach is not called "online" here while the panel says it cannot be reached.
 */
function Connectivity() {
  const { t } = useTranslation('common');
  const { isOnline, isConnected } = useSyncStatus();
  return (
    <p className={isConnected ? 'connectivity connectivity--online' : 'connectivity connectivity--offline'} aria-live="polite">
      <span className="connectivity__icon" aria-hidden="true">{isConnected ? '●' : '○'}</span>
      {!isOnline ? t('offline') : isConnected ? t('online') : t('serverUnreachable')}
    </p>
  );
}

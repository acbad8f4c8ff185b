// The app: the update prompt and the route guard. Before unlock only the set-up or lock screen can render.
// Every start shows one of them, so they load with the app; every other page is lazy-loaded, so the first
// load stays small and carries no form code.
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { ScreenErrorBoundary } from '@/components/screen-error-boundary.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import SetupPage from '@/features/unlock/setup-page.tsx';
import UnlockPage from '@/features/unlock/unlock-page.tsx';
import { afterUnlock } from './after-unlock.ts';
import { nextFromSearch, setupPath, unlockPath } from './next-location.ts';
import { useVaultStatus } from './use-vault-status.ts';
import type { VaultStatus } from './vault-store.ts';

const Layout = lazy(() => import('./layout.tsx'));
const UpdatePrompt = lazy(() => import('./update-prompt.tsx'));

export function App() {
  const status = useVaultStatus();
  return (
    <>
      <Suspense fallback={null}>
        <UpdatePrompt />
      </Suspense>
      <Suspense fallback={<Loading />}>
        {status === 'checking' ? (
          <LockFrame>
            <Loading />
          </LockFrame>
        ) : status === 'unavailable' ? (
          <Unavailable />
        ) : (
          <Routes status={status} />
        )}
      </Suspense>
    </>
  );
}

function Routes({ status }: { status: Exclude<VaultStatus, 'checking' | 'unavailable'> }) {
  const [location] = useLocation();
  const search = useSearch();
  return (
    <Switch>
      <Route path="/setup">
        {status === 'new' ? (
          <LockFrame>
            <SetupPage onUnlocked={afterUnlock} />
          </LockFrame>
        ) : (
          // Once set up, go where the volunteer was headed (an enrolment QR's `/enrol?code=…`), not to the list.
          <Redirect key="setup" to={status === 'locked' ? withSearch('/unlock', search) : nextFromSearch(search)} replace />
        )}
      </Route>
      <Route path="/unlock">
        {status === 'new' ? (
          <Redirect key="to-setup" to={withSearch('/setup', search)} replace />
        ) : status === 'locked' ? (
          <LockFrame>
            <UnlockPage onUnlocked={afterUnlock} />
          </LockFrame>
        ) : (
          <Redirect key="to-next" to={nextFromSearch(search)} replace />
        )}
      </Route>
      <Route>
        {status === 'new' ? (
          <Redirect key="to-setup" to={setupPath(location, search)} replace />
        ) : status === 'locked' ? (
          <Redirect key="to-unlock" to={unlockPath(location, search)} replace />
        ) : (
          <ScreenErrorBoundary>
            <Layout />
          </ScreenErrorBoundary>
        )}
      </Route>
    </Switch>
  );
}

/** Moving between the two lock screens keeps `?next=…`. */
function withSearch(path: string, search: string): string {
  return search ? `${path}?${search}` : path;
}

/**
 * The frame of the screens shown before unlock: the app's name and nothing that needs the data key. index.html
 * paints the same markup before any script runs, and the frame stays while a lock screen's code loads.
 */
function LockFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <div className="shell">
      <header className="header header--plain">
        <span className="brand">
          <img className="brand__logo" src="/favicon.svg" alt="" width="28" height="28" />
          {t('appName')}
        </span>
      </header>
      <main className="main">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </div>
  );
}

function Unavailable() {
  const { t } = useTranslation('common');
  return (
    <LockFrame>
      <StatusMessage tone="error">{t('storageUnavailable')}</StatusMessage>
    </LockFrame>
  );
}

function Loading() {
  const { t } = useTranslation('common');
  return <p className="loading">{t('loading')}</p>;
}

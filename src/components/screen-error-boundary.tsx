// Keeps one screen's failure from blanking the app: a screen whose code cannot load (offline before the app
// was stored on the phone) or that throws shows a plain message and a way out, and the header stays usable.
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';
import { StatusMessage } from './status-message.tsx';

export interface ScreenErrorBoundaryProps {
  /** Changing any of these (the location, say) clears the error, so navigating away recovers. */
  resetKeys?: unknown[];
  children: ReactNode;
}

export function ScreenErrorBoundary({ resetKeys, children }: ScreenErrorBoundaryProps) {
  return (
    <ErrorBoundary FallbackComponent={ScreenError} resetKeys={resetKeys}>
      {children}
    </ErrorBoundary>
  );
}

function ScreenError(_props: FallbackProps) {
  const { t } = useTranslation('common');
  // A failed screen is most often a chunk that could not be fetched offline; say so in those words.
  const isOffline = typeof navigator !== 'undefined' && !navigator.onLine;
  return (
    <section className="stack" aria-labelledby="screen-error-title">
      <h1 id="screen-error-title">{t('screenError.title')}</h1>
      <StatusMessage tone="error">
        <p>{isOffline ? t('screenError.offline') : t('screenError.other')}</p>
        <p>{t('screenError.safe')}</p>
      </StatusMessage>
      {/* React caches a lazy screen that failed to load, so only a reload fetches it again. */}
      <Button variant="primary" onClick={() => window.location.reload()}>
        {t('screenError.retry')}
      </Button>
    </section>
  );
}

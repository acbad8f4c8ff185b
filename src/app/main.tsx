// Entry point: translations (the bundled strings, no network) and the vault's status first, together, so
// the first render is already the right screen; then the app.
import './styles.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '@/lib/i18n.ts';
import { isErasePending } from '@/lib/erase-pending.ts';
import { App } from './app.tsx';
import { vaultStore } from './vault-store.ts';

// A wipe made offline asks the server to clear the storage files once it can (never over a new database).
// Loaded only then: the database code stays out of the first load.
const retryClear = () => {
  if (isErasePending()) void import('@/sync/site-storage.ts').then((m) => m.retryPendingClear());
};
retryClear();
window.addEventListener('online', retryClear);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

void Promise.all([initI18n(), vaultStore.check()]).then(() => {
  // A transition lets React yield while it renders the first screen, so a slow phone's main thread is
  // never blocked for long; index.html already shows the frame meanwhile.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});

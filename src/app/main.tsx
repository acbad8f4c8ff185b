// Entry point: translations first (the bundled common strings, no network), then the app.
import './styles.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '@/lib/i18n.ts';
import { App } from './app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

void initI18n().then(() => {
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

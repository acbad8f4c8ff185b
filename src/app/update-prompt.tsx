// Registers the service worker and offers a new version when one is waiting. registerType is 'prompt': the
// app never reloads by itself, and while any form holds unsaved input it does not offer to reload at all.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { Button } from '@/components/button.tsx';
import { hasUnsavedInput, subscribeUnsavedInput } from '@/lib/unsaved.ts';

const HOUR = 60 * 60_000;

export default function UpdatePrompt() {
  const { t } = useTranslation('common');
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Long-lived tabs at a border point may stay open for days; look for a new version when there is a network.
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => navigator.onLine && void registration.update().catch(() => undefined), HOUR);
    },
  });
  const isHeld = useSyncExternalStore(subscribeUnsavedInput, hasUnsavedInput);
  if (!needRefresh) return null;
  return (
    <section className="update-prompt" aria-labelledby="update-prompt-text">
      <p id="update-prompt-text" role="status">{isHeld ? t('update.waiting') : t('update.available')}</p>
      <div className="update-prompt__actions">
        {isHeld ? null : (
          <Button variant="primary" onClick={() => void updateServiceWorker(true)}>{t('update.update')}</Button>
        )}
        <Button onClick={() => setNeedRefresh(false)}>{t('update.later')}</Button>
      </div>
    </section>
  );
}

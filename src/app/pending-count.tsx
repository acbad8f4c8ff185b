// The header's sync line, live, in the language's own plural forms. It reads the same summary as the sync
// panel (sync/sync-summary.ts), so the two never disagree: a phone with no server link never says "synced".
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '@/sync/use-sync-status.ts';

export function PendingCount() {
  const { t } = useTranslation('common');
  const { summary, pending, isLoaded } = useSyncStatus();
  const text = !isLoaded
    ? ''
    : summary === 'not_enrolled'
      ? pending === 0 ? t('notEnrolled') : t('localOnly', { count: pending })
      : pending === 0 ? t('pending_zero') : t('pending', { count: pending });
  return (
    <p role="status" className="header__pending">
      {text}
    </p>
  );
}

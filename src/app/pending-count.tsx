// How many changes wait in the outbox, live, in the language's own plural forms.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { countPending } from '@/db/outbox.ts';

export function PendingCount() {
  const { t } = useTranslation('common');
  const count = useLiveQuery(() => countPending(), []);
  return (
    <p role="status" className="header__pending">
      {count === undefined ? '' : count === 0 ? t('pending_zero') : t('pending', { count })}
    </p>
  );
}

// A failed server call, said in words, with a way to try again.
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';

export function ApiProblem({ code, onRetry }: { code: string; onRetry?: () => void }) {
  const { t } = useTranslation('coordinator');
  return (
    <StatusMessage tone="error">
      <p>{t([`errors.${code}`, 'errors.unexpected'])}</p>
      {onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : null}
    </StatusMessage>
  );
}

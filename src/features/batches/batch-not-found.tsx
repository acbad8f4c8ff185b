// What the batch screens show for a batch this device does not hold (a wrong link, or not synced yet).
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '@/components/page.tsx';

export function BatchNotFound() {
  const { t } = useTranslation('batches');
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p><Link href="/batches">{t('back')}</Link></p>
    </Page>
  );
}

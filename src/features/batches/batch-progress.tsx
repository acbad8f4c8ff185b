// How far the review of a batch has come: "412 of 1,212 reviewed", a progress bar, matched and still open.
import { useTranslation } from 'react-i18next';
import type { BatchCounts } from '@schema/batch.ts';

export function BatchProgress({ counts }: { counts: BatchCounts }) {
  const { t, i18n } = useTranslation('batches');
  const n = (value: number) => value.toLocaleString(i18n.language === 'uk' ? 'uk-UA' : 'en-GB');
  const label = t('progress.reviewed', { reviewed: n(counts.reviewed), count: counts.entries, total: n(counts.entries) });
  return (
    <div className="batch-progress">
      <p className="batch-progress__label">{counts.entries === 0 ? t('progress.noEntries') : label}</p>
      {counts.entries > 0 ? <progress className="batch-progress__bar" max={counts.entries} value={counts.reviewed} aria-label={label} /> : null}
      <dl className="batch-progress__counts">
        <div><dt>{t('progress.entries')}</dt><dd>{n(counts.entries)}</dd></div>
        <div><dt>{t('progress.matched')}</dt><dd>{n(counts.matched)}</dd></div>
        <div><dt>{t('progress.open')}</dt><dd>{n(counts.open)}</dd></div>
      </dl>
    </div>
  );
}

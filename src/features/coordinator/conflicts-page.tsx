// Conflicting changes for review: the record and field, both values with their authors and times, and
// the coordinator's decision (keep one, or type a new value) — sent as an ordinary change to the server.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { usePagedData } from '@/api/use-paged-data.ts';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { syncNow } from '@/sync/engine.ts';
import { ApiProblem } from './api-problem.tsx';
import { ConflictCard } from './conflict-card.tsx';
import { CoordinatorGate } from './coordinator-gate.tsx';
import './coordinator.css';

type Filter = 'open' | 'resolved' | 'all';

export default function ConflictsPage() {
  const { t } = useTranslation('coordinator');
  return (
    <CoordinatorGate title={t('conflicts.title')}>
      <Conflicts />
    </CoordinatorGate>
  );
}

function Conflicts() {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  const [filter, setFilter] = useState<Filter>('open');
  const [resolvedCount, setResolvedCount] = useState(0);
  const load = useCallback(
    async (cursor?: string) => {
      const answer = await call(API.listConflicts, { query: { status: filter, cursor } });
      return { items: answer.conflicts, nextCursor: answer.nextCursor };
    },
    [filter],
  );
  const conflicts = usePagedData(load);

  const onResolved = useCallback(() => {
    setResolvedCount((n) => n + 1);
    conflicts.reload();
    // The decision is a new version on the server: bring it to this device's copy too.
    void syncNow();
  }, [conflicts]);

  return (
    <Page title={t('conflicts.title')} intro={t('conflicts.intro')}>
      <nav className="coordinator-links" aria-label={t('overview.linksLabel')}>
        <Link href="/coordinator">{t('conflicts.toOverview')}</Link>
      </nav>
      <SelectField
        label={t('conflicts.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value as Filter)}
        options={(['open', 'resolved', 'all'] as const).map((value) => ({ value, label: t(`conflicts.filters.${value}`) }))}
      />
      {resolvedCount > 0 ? <StatusMessage tone="ok">{t('conflicts.resolvedDone', { count: resolvedCount })}</StatusMessage> : null}
      {conflicts.error ? <ApiProblem code={conflicts.error} onRetry={conflicts.reload} /> : null}
      <section className="stack" aria-labelledby={headingId}>
        <h2 id={headingId}>
          {conflicts.items
            ? conflicts.hasMore
              ? t('conflicts.shown', { count: conflicts.items.length })
              : t(`conflicts.count.${filter}`, { count: conflicts.items.length })
            : t('conflicts.title')}
        </h2>
        {conflicts.items === undefined ? (
          conflicts.isLoading ? <p className="muted">{t('loading')}</p> : null
        ) : conflicts.items.length === 0 ? (
          <p className="muted">{t(`conflicts.empty.${filter}`)}</p>
        ) : (
          <ul className="plain-list stack">
            {conflicts.items.map((conflict) => (
              <li key={conflict.id}>
                <ConflictCard conflict={conflict} onResolved={onResolved} onStale={conflicts.reload} />
              </li>
            ))}
          </ul>
        )}
        {conflicts.hasMore ? <Button onClick={conflicts.loadMore} disabled={conflicts.isLoading}>{t('showMore')}</Button> : null}
      </section>
    </Page>
  );
}

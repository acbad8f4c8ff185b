// Changes that revoked devices handed over after revocation: stored for review, never applied until a
// coordinator accepts one (or discards it with a reason). Paged, oldest first; decided ones under a filter.
import { formatReference } from '@schema/reference.ts';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionAnswer, HeldStatus, Quarantined } from '@schema/admin.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { usePagedData } from '@/api/use-paged-data.ts';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { syncNow } from '@/sync/engine.ts';
import { ApiProblem } from './api-problem.tsx';
import { HeldChangeCard } from './held-change-card.tsx';

export function QuarantineSection() {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  const [status, setStatus] = useState<HeldStatus>('pending');
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(
    async (cursor?: string) => {
      const answer = await call(API.listQuarantined, { query: { status, cursor } });
      return { items: answer.mutations, nextCursor: answer.nextCursor };
    },
    [status],
  );
  const quarantined = usePagedData(load);
  const { remove } = quarantined;

  const onDecided = useCallback(
    (change: Quarantined, answer: DecisionAnswer) => {
      // Decided: it leaves the pending list and shows under "decided".
      remove((m) => m.mutationId === change.mutationId);
      const reference = change.content?.kind === 'createInquiry' ? formatReference(change.content.inquiry.reference) : null;
      setDone(
        answer.decision === 'accepted'
          ? t(reference ? 'quarantine.acceptedInquiry' : 'quarantine.acceptedDone', { reference })
          : t('quarantine.discardedDone'),
      );
      // An accepted change is a new version on the server: bring it to this device's copy too.
      if (answer.decision === 'accepted') void syncNow();
    },
    [remove, t],
  );

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('quarantine.title')}</h2>
      <p className="muted">{t('quarantine.intro')}</p>
      <SelectField
        label={t('quarantine.filter')}
        value={status}
        onChange={(e) => {
          setDone(null);
          setStatus(e.target.value as HeldStatus);
        }}
        options={(['pending', 'decided'] as const).map((value) => ({ value, label: t(`quarantine.filters.${value}`) }))}
      />
      {done ? <StatusMessage tone="ok">{done}</StatusMessage> : null}
      {quarantined.error ? <ApiProblem code={quarantined.error} onRetry={quarantined.reload} /> : null}
      {quarantined.items === undefined ? (
        quarantined.isLoading ? <p className="muted">{t('loading')}</p> : null
      ) : quarantined.items.length === 0 && !quarantined.hasMore ? (
        <p className="muted">{t(`quarantine.empty.${status}`)}</p>
      ) : (
        <ul className="plain-list stack">
          {quarantined.items.map((m) => (
            <li key={m.mutationId}>
              <HeldChangeCard change={m} onDecided={onDecided} />
            </li>
          ))}
        </ul>
      )}
      {quarantined.hasMore ? (
        <Button onClick={quarantined.loadMore} disabled={quarantined.isLoading}>{t('showMore')}</Button>
      ) : null}
    </section>
  );
}

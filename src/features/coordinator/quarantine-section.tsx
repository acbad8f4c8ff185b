// Changes that revoked devices pushed after revocation: stored for review, never applied. Read-only.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from './api-problem.tsx';
import { listQuarantined } from './coordinator-api.ts';
import { formatServerTime } from './format-value.ts';
import { useApiData } from './use-api-data.ts';

export function QuarantineSection() {
  const { t, i18n } = useTranslation('coordinator');
  const headingId = useId();
  const quarantined = useApiData(listQuarantined);

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('quarantine.title')}</h2>
      <p className="muted">{t('quarantine.intro')}</p>
      {quarantined.error ? <ApiProblem code={quarantined.error} onRetry={quarantined.reload} /> : null}
      {quarantined.data === undefined ? (
        quarantined.isLoading ? <p className="muted">{t('loading')}</p> : null
      ) : quarantined.data.length === 0 ? (
        <p className="muted">{t('quarantine.empty')}</p>
      ) : (
        <ul className="plain-list stack">
          {quarantined.data.map((m) => (
            <li key={`${m.deviceId}-${m.mutationSeq}`} className="card">
              <dl className="facts">
                <div>
                  <dt>{t('quarantine.change')}</dt>
                  <dd>{t([`mutations.${m.name}`, 'mutations.other'], { name: m.name })}</dd>
                </div>
                <div>
                  <dt>{t('quarantine.device')}</dt>
                  <dd>{t('quarantine.deviceValue', { label: m.deviceLabel, name: m.userName })}</dd>
                </div>
                <div>
                  <dt>{t('quarantine.received')}</dt>
                  <dd>{formatServerTime(m.receivedAt, i18n.language)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

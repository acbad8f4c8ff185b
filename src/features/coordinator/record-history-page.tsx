// The server's history of one record: every version, who made it on which device, when (server time),
// and what changed from the version before. Nothing is ever overwritten without a trace; this shows it.
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { sameValue } from '@schema/merge.ts';
import { RECORD_TYPES, type RecordType } from '@schema/records.ts';
import type { RecordHistory } from '@schema/admin.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { useApiData } from '@/api/use-api-data.ts';
import { Page } from '@/components/page.tsx';
import { ApiProblem } from './api-problem.tsx';
import { CoordinatorGate } from './coordinator-gate.tsx';
import { FieldValue, isTechnicalField, useFieldLabel } from './field-value.tsx';
import { formatServerTime } from './format-value.ts';
import { RecordNames } from './record-names.tsx';
import './coordinator.css';

type Version = RecordHistory['versions'][number];

function isRecordType(value: string | undefined): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value ?? '');
}

export default function RecordHistoryPage() {
  const { t } = useTranslation('coordinator');
  const params = useParams<{ type: string; id: string }>();
  const type = params.type;
  return (
    <CoordinatorGate title={t('history.title')}>
      {isRecordType(type) && params.id ? <History type={type} id={params.id} /> : <Page title={t('history.title')}><ApiProblem code="not_found" /></Page>}
    </CoordinatorGate>
  );
}

/** The fields whose value differs between two versions (all fields of the first version). */
function changedFields(before: Version['data'] | undefined, after: Version['data']): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => !isTechnicalField(k) && !sameValue(before?.[k], after?.[k]));
}

function History({ type, id }: { type: RecordType; id: string }) {
  const { t, i18n } = useTranslation('coordinator');
  const headingId = useId();
  const load = useCallback(() => call(API.recordHistory, { params: { type, id } }), [type, id]);
  const history = useApiData(load);
  const lang = i18n.language;
  const label = useFieldLabel(type);

  return (
    <Page title={t('history.title')} intro={t('history.intro', { record: t(`recordTypes.${type}`) })}>
      <nav className="coordinator-links" aria-label={t('overview.linksLabel')}>
        <Link href="/conflicts">{t('history.toConflicts')}</Link>
        {type === 'inquiry' ? <Link href={`/inquiries/${id}`}>{t('history.toInquiry')}</Link> : null}
      </nav>
      {history.error ? <ApiProblem code={history.error} onRetry={history.reload} /> : null}
      {history.data ? (
        <section className="card stack" aria-labelledby={`${headingId}-record`}>
          <h2 id={`${headingId}-record`}>{t('history.whichRecord', { record: t(`recordTypes.${type}`) })}</h2>
          <RecordNames record={history.data.record} />
        </section>
      ) : null}
      {history.data === undefined ? (
        history.isLoading ? <p className="muted">{t('loading')}</p> : null
      ) : (
        <section className="stack" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('history.versions', { count: history.data.versions.length })}</h2>
          {history.data.deleted ? <p>{t('history.isDeleted')}</p> : null}
          <ol className="plain-list stack" reversed>
            {[...history.data.versions].reverse().map((version) => {
              const index = history.data?.versions.indexOf(version) ?? 0;
              const before = index > 0 ? history.data?.versions[index - 1]?.data : undefined;
              const fields = changedFields(before ?? undefined, version.data);
              return (
                <li key={version.version} className="card stack">
                  <h3>{t('history.version', { n: version.version })}</h3>
                  <p>
                    {version.user && version.device
                      ? t('history.by', {
                          name: version.user.name ?? t('conflicts.unknown'),
                          device: version.device.label ?? t('conflicts.unknown'),
                          time: formatServerTime(version.changedAt, lang),
                        })
                      : t('history.byServer', { time: formatServerTime(version.changedAt, lang) })}
                  </p>
                  {version.heldFrom ? (
                    <p className="muted">
                      {t('history.heldFrom', {
                        device: version.heldFrom.deviceLabel,
                        name: version.heldFrom.userName,
                        time: formatServerTime(version.heldFrom.receivedAt, lang),
                      })}
                    </p>
                  ) : null}
                  {version.reason ? (
                    <p className="muted">
                      {version.reason.startsWith('resolves conflict') ? t('history.resolvesConflict') : t('history.reason', { reason: version.reason })}
                    </p>
                  ) : null}
                  {version.deleted ? (
                    <p>{t('history.deleted')}</p>
                  ) : fields.length === 0 ? (
                    <p className="muted">{t('history.noChange')}</p>
                  ) : (
                    <dl className="history-changes">
                      {fields.map((field) => (
                        <div key={field}>
                          <dt>{label(field)}</dt>
                          <dd>
                            {index > 0 ? (
                              <>
                                <span className="visually-hidden">{t('history.before')} </span>
                                <FieldValue type={type} field={field} value={before?.[field]} />
                                <span aria-hidden="true"> → </span>
                                <span className="visually-hidden"> {t('history.after')} </span>
                                <FieldValue type={type} field={field} value={version.data?.[field]} />
                              </>
                            ) : (
                              <FieldValue type={type} field={field} value={version.data?.[field]} />
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </Page>
  );
}

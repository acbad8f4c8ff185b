// Reviewing a batch's list in one sitting: one entry at a time beside its candidates (differing letters
// highlighted, the reason per field), confirm or rule out each with the evidence and a note, "none of these",
// filters, the batch's progress, and keys for a laptop (n / p: next / previous entry, 1–5: a candidate).
// Nothing is ever linked by the app: every link is a coordinator's decision.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import type { BatchEntry } from '@schema/batch.ts';
import { EVIDENCE_TYPES, pairId, type CandidateMatch } from '@schema/candidate.ts';
import { diffLetters, MATCH_FIELDS, type Candidate } from '@schema/matching.ts';
import { formatReference } from '@schema/reference.ts';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { decideCandidate, setEntryReview } from '@/db/records.ts';
import type { MatchablePerson } from '@/db/search-index.ts';
import { formatPartialDate } from '@/lib/i18n.ts';
import { BatchNotFound } from './batch-not-found.tsx';
import { BatchProgress } from './batch-progress.tsx';
import { entryKey, useCandidates } from './use-candidates.ts';
import { useBatch } from './use-batches.ts';
import { useDecisions } from './use-decisions.ts';
import '@/components/form/form.css';
import './batches.css';

const FILTERS = ['unreviewed', 'strong', 'none', 'confirmed', 'all'] as const;
type Filter = (typeof FILTERS)[number];

export default function BatchReviewPage() {
  const { t, i18n } = useTranslation('batches');
  const { id = '' } = useParams<{ id: string }>();
  const detail = useBatch(id);
  const entries = useMemo(() => detail?.entries.map((e) => e.entry), [detail]);
  const entryIds = useMemo(() => entries?.map((e) => e.id), [entries]);
  const { byEntry, persons } = useCandidates(entries);
  const decisions = useDecisions(entryIds);
  const [filter, setFilter] = useState<Filter>('unreviewed');
  const [currentId, setCurrentId] = useState<string | null>(null);

  const shown = useMemo(() => {
    if (!entries) return [];
    return entries.filter((e) => {
      const candidates = byEntry?.get(e.id) ?? [];
      if (filter === 'unreviewed') return e.reviewStatus === 'unreviewed';
      if (filter === 'strong') return candidates.some((c) => c.band === 'strong' && decisions?.get(pairId(e.id, c.caseId))?.status !== 'ruled_out');
      if (filter === 'none') return byEntry !== undefined && candidates.length === 0;
      if (filter === 'confirmed') return e.reviewStatus === 'matched';
      return true;
    });
  }, [entries, byEntry, decisions, filter]);

  // The entry under review stays put when it leaves the filter (just decided); the next one is a key away.
  const current = entries?.find((e) => e.id === currentId) ?? shown[0];
  const position = current ? shown.findIndex((e) => e.id === current.id) : -1;
  const canMove = shown.length > 1 || (shown.length === 1 && position === -1);
  const number = current && entries ? entries.findIndex((e) => e.id === current.id) + 1 : 0;
  useEffect(() => {
    if (current && currentId === null) setCurrentId(current.id);
  }, [current, currentId]);
  const go = (step: 1 | -1) => {
    if (shown.length === 0) return;
    const next = position === -1 ? (step === 1 ? shown[0] : shown.at(-1)) : shown[(position + step + shown.length) % shown.length];
    if (next) setCurrentId(next.id);
  };
  const nextUnreviewed = () => {
    const after = entries?.filter((e) => e.reviewStatus === 'unreviewed' && e.id !== current?.id) ?? [];
    const next = after[0];
    if (next) setCurrentId(next.id);
  };

  const candidateList = useRef<HTMLOListElement>(null);
  // Keys anywhere on the page (not while typing in a field): the latest handler, read through a ref.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.key === 'n') go(1);
    else if (event.key === 'p') go(-1);
    else if (/^[1-5]$/.test(event.key)) {
      candidateList.current?.querySelectorAll<HTMLElement>('.candidate')[Number(event.key) - 1]?.focus();
    } else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  if (detail === undefined) return <p className="loading">{t('loading')}</p>;
  if (detail === null) return <BatchNotFound />;
  const title = t('reviewPage.title', { batch: t('batchTitle', { kind: t(`kind.${detail.batch.kind}`), date: formatPartialDate(detail.batch.date, i18n.language) }) });
  const candidates = current ? byEntry?.get(current.id) : undefined;
  return (
    <Page title={title}>
      <div className="review page--wide">
        <p><Link href={`/batches/${detail.batch.id}`}>{t('reviewPage.backToBatch')}</Link></p>
        <BatchProgress counts={detail.counts} />
        <fieldset className="review__filters">
          <legend>{t('reviewPage.filter')}</legend>
          {FILTERS.map((f) => (
            <label key={f} className="choice review__filter">
              <input type="radio" name="review-filter" value={f} checked={filter === f} onChange={() => { setFilter(f); setCurrentId(null); }} />
              {t(`reviewPage.filters.${f}`)}
            </label>
          ))}
        </fieldset>
        {!current ? (
          <p className="muted" role="status">{t('reviewPage.nothing')}</p>
        ) : (
          <div className="review__columns">
            <section className="card stack review__entry" aria-labelledby="review-entry-title">
              <h2 id="review-entry-title">{t('reviewPage.entryTitle', { n: number, count: entries?.length ?? 0 })}</h2>
              <EntryDetails entry={current} />
              <p className="review__state">{t(`review.${current.reviewStatus}`)}</p>
              <div className="form-actions">
                <Button onClick={() => go(-1)} disabled={!canMove}>{t('reviewPage.previous')}</Button>
                <Button onClick={() => go(1)} disabled={!canMove}>{t('reviewPage.next')}</Button>
                <Button variant="primary" onClick={nextUnreviewed}>{t('reviewPage.nextUnreviewed')}</Button>
              </div>
              {current.reviewStatus === 'unreviewed' ? (
                <Button onClick={() => void setEntryReview(current.id, 'no_match')}>{t('reviewPage.noneMatch')}</Button>
              ) : (
                <Button onClick={() => void setEntryReview(current.id, 'unreviewed')}>{t('reviewPage.reopen')}</Button>
              )}
              <details className="review__keys">
                <summary>{t('reviewPage.keys')}</summary>
                <p>{t('reviewPage.keysText')}</p>
              </details>
            </section>
            <section className="review__candidates" aria-labelledby="review-candidates-title">
              <h2 id="review-candidates-title">{t('reviewPage.candidates')}</h2>
              {candidates === undefined ? (
                <p className="loading" role="status">{t('reviewPage.computing')}</p>
              ) : candidates.length === 0 ? (
                <p className="muted">{t('reviewPage.noCandidates')}</p>
              ) : (
                <ol className="plain-list stack" ref={candidateList}>
                  {candidates.map((c, i) => {
                    const person = persons.get(c.caseId);
                    return person ? (
                      <CandidateCard key={c.caseId} n={i + 1} entry={current} candidate={c} person={person} decision={decisions?.get(pairId(current.id, c.caseId))} />
                    ) : null;
                  })}
                </ol>
              )}
            </section>
          </div>
        )}
      </div>
    </Page>
  );
}

function EntryDetails({ entry }: { entry: BatchEntry }) {
  const { t, i18n } = useTranslation('batches');
  const key = entryKey(entry);
  const rows: [string, string][] = [
    [t('entries.label'), entry.label],
    [t('entries.name'), [key.surname, key.givenName, key.patronymic].filter(Boolean).join(' ') || entry.fullName],
    [t('entries.birthDate'), formatPartialDate(entry.birthDate, i18n.language)],
    [t('entries.unit'), entry.unit],
    [t('entryForm.documents'), entry.documents],
  ];
  return (
    <dl className="review__facts">
      {rows.filter(([, value]) => value).map(([label, value]) => (
        <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
      ))}
    </dl>
  );
}

/** The candidate's name, its letters absent from the entry's spelling marked; nothing marked where the list has no value. */
function Highlighted({ value, against }: { value: string; against: string }) {
  if (!value) return null;
  if (!against.trim()) return <span>{value}</span>;
  return (
    <>
      {diffLetters(value, against).map((segment, i) => (segment.differs ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </>
  );
}

interface CandidateCardProps {
  n: number;
  entry: BatchEntry;
  candidate: Candidate;
  person: MatchablePerson;
  decision: CandidateMatch | undefined;
}

function CandidateCard({ n, entry, candidate, person, decision }: CandidateCardProps) {
  const { t, i18n } = useTranslation('batches');
  const headingId = useId();
  const [step, setStep] = useState<'idle' | 'confirm' | 'rule_out'>('idle');
  const [evidence, setEvidence] = useState<CandidateMatch['evidence']>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const key = entryKey(entry);
  useEffect(() => setStep('idle'), [entry.id]);

  async function save(status: 'confirmed' | 'ruled_out') {
    if (status === 'confirmed' && !evidence) {
      setProblem(t('reviewPage.evidenceRequired'));
      return;
    }
    setProblem(null);
    try {
      await decideCandidate({ entryId: entry.id, personId: person.id, score: candidate.score, band: candidate.band, fields: candidate.fields, status, evidence, note });
      setStep('idle');
    } catch {
      setProblem(t('form.failed'));
    }
  }

  return (
    <li className={`card stack candidate candidate--${candidate.band}`} tabIndex={-1} aria-labelledby={headingId}>
      <h3 id={headingId} className="candidate__name">
        <span className="candidate__n" aria-hidden="true">{n}</span>
        <Highlighted value={person.surname} against={key.surname} /> <Highlighted value={person.givenName} against={key.givenName} />{' '}
        <Highlighted value={person.patronymic} against={key.patronymic} />
      </h3>
      <p className="candidate__meta">
        <span className="badge">{t(`reviewPage.band.${candidate.band}`)}</span>
        <span>{t('reviewPage.score', { score: Math.round(candidate.score * 100) })}</span>
        {person.birthDate ? <span>{formatPartialDate(person.birthDate, i18n.language)}</span> : null}
        {person.unit ? <span>{person.unit}</span> : null}
      </p>
      <p className="candidate__inquiry">
        <Link href={`/inquiries/${person.inquiryId}`}>{t('reviewPage.inquiry', { reference: formatReference(person.reference) })}</Link>
        {person.contactName ? ` · ${t('reviewPage.family', { name: person.contactName })}` : ''}
      </p>
      <ul className="candidate__fields" aria-label={t('reviewPage.why')}>
        {MATCH_FIELDS.map((field) => (
          <li key={field} className={`agreement agreement--${candidate.fields[field]}`}>
            {t(`reviewPage.field.${field}`)}: {t(`reviewPage.agreement.${candidate.fields[field]}`)}
          </li>
        ))}
      </ul>
      {decision && decision.status !== 'suggested' && decision.status !== 'under_review' ? (
        <p className="candidate__decision" role="status">
          {t(`reviewPage.decided.${decision.status}`)}
          {decision.evidence ? ` — ${t(`reviewPage.evidence.${decision.evidence}`)}` : ''}
          {decision.note ? ` — ${decision.note}` : ''}
        </p>
      ) : null}
      {step === 'idle' ? (
        <div className="form-actions">
          <Button variant="primary" onClick={() => setStep('confirm')} aria-label={`${t('reviewPage.confirm')}: ${person.surname} ${person.givenName}`}>{t('reviewPage.confirm')}</Button>
          <Button onClick={() => setStep('rule_out')} aria-label={`${t('reviewPage.ruleOut')}: ${person.surname} ${person.givenName}`}>{t('reviewPage.ruleOut')}</Button>
        </div>
      ) : (
        <div className="stack candidate__form">
          {step === 'confirm' ? (
            <SelectField
              label={t('reviewPage.evidenceLabel')}
              value={evidence}
              onChange={(e) => setEvidence(e.target.value as CandidateMatch['evidence'])}
              options={[{ value: '', label: t('reviewPage.evidenceChoose') }, ...EVIDENCE_TYPES.map((v) => ({ value: v, label: t(`reviewPage.evidence.${v}`) }))]}
            />
          ) : null}
          <TextField label={t('reviewPage.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          {problem ? <StatusMessage tone="error">{problem}</StatusMessage> : null}
          <div className="form-actions">
            <Button variant={step === 'confirm' ? 'primary' : 'danger'} onClick={() => void save(step === 'confirm' ? 'confirmed' : 'ruled_out')}>
              {step === 'confirm' ? t('reviewPage.saveConfirm') : t('reviewPage.saveRuleOut')}
            </Button>
            <Button onClick={() => setStep('idle')}>{t('form.cancel')}</Button>
          </div>
        </div>
      )}
    </li>
  );
}

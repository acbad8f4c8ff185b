// Probable duplicates: two relatives, maybe at two gathering points, asking about the same soldier. Each pair
// is shown side by side with the reason per field; a coordinator says "the same person" (the two inquiries
// are linked and shown together; nothing is merged or deleted) or "not the same". The app decides nothing.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isDecided, type CandidateMatch, type OtherPersonSummary } from '@schema/candidate.ts';
import { formatReference } from '@schema/reference.ts';
import { diffLetters, MATCH_FIELDS } from '@schema/matching.ts';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { patchRecord } from '@/db/inquiries.ts';
import { decideDuplicate } from '@/db/records.ts';
import type { MatchablePerson } from '@/db/search-index.ts';
import { formatPartialDate } from '@/lib/i18n.ts';
import { useDuplicateDecisions, useDuplicatePairs, useOtherPointPairs, type DuplicatePair, type OtherPointPair } from './use-duplicates.ts';
import '@/components/form/form.css';
import './duplicates.css';

export default function DuplicatesPage() {
  const { t } = useTranslation('duplicates');
  const pairs = useDuplicatePairs();
  const decisions = useDuplicateDecisions();
  const [isShowingDecided, setShowingDecided] = useState(false);
  // A pair decided on this page stays in view (with its decision) until the page is left.
  const [decidedHere, setDecidedHere] = useState<ReadonlySet<string>>(new Set());
  const undecided = pairs?.filter((p) => !decisions?.has(p.id)) ?? [];
  const shown = (pairs ?? []).filter((p) => isShowingDecided || decidedHere.has(p.id) || !decisions?.has(p.id));
  return (
    <Page title={t('title')} intro={t('intro')}>
      <div className="duplicates page--wide">
        {pairs === undefined ? (
          <p className="loading" role="status">{t('computing')}</p>
        ) : (
          <>
            <p role="status">{t('count', { count: undecided.length })}</p>
            <label className="choice duplicates__toggle">
              <input type="checkbox" checked={isShowingDecided} onChange={(e) => setShowingDecided(e.target.checked)} />
              {t('showDecided')}
            </label>
            {shown.length === 0 ? <p className="muted">{t('none')}</p> : null}
            <ul className="plain-list duplicates__list">
              {shown.map((pair) => (
                <PairCard key={pair.id} pair={pair} decision={decisions?.get(pair.id)} onDecided={() => setDecidedHere((ids) => new Set([...ids, pair.id]))} />
              ))}
            </ul>
          </>
        )}
        <OtherPoints isShowingDecided={isShowingDecided} />
      </div>
    </Page>
  );
}

function Person({ person, other }: { person: MatchablePerson; other: MatchablePerson }) {
  const { t, i18n } = useTranslation('duplicates');
  const marked = (value: string, against: string) =>
    !against.trim() ? value : diffLetters(value, against).map((s, i) => (s.differs ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>));
  return (
    <div className="duplicate__person">
      <p className="duplicate__name">
        {marked(person.surname, other.surname)} {marked(person.givenName, other.givenName)} {marked(person.patronymic, other.patronymic)}
      </p>
      <p className="muted">{[formatPartialDate(person.birthDate, i18n.language), person.unit].filter(Boolean).join(' · ')}</p>
      <p>
        <Link href={`/inquiries/${person.inquiryId}`}>{t('inquiry', { reference: formatReference(person.reference) })}</Link>
        {person.contactName ? ` · ${t('family', { name: person.contactName })}` : ''}
      </p>
    </div>
  );
}

function PairCard({ pair, decision, onDecided }: { pair: DuplicatePair; decision: CandidateMatch | undefined; onDecided: () => void }) {
  const { t } = useTranslation('duplicates');
  const headingId = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState(false);
  const [a, b] = pair.persons;
  const name = (p: MatchablePerson) => `${p.surname} ${p.givenName}`;
  async function decide(status: 'confirmed' | 'ruled_out') {
    setProblem(false);
    onDecided();
    try {
      await decideDuplicate({ personIds: [a.id, b.id], score: pair.candidate.score, band: pair.candidate.band, fields: pair.candidate.fields, status, note });
    } catch {
      setProblem(true);
    }
  }
  return (
    <li className="card stack duplicate" aria-labelledby={headingId}>
      <h2 id={headingId} className="duplicate__title">{t('pairTitle', { a: name(a), b: name(b) })}</h2>
      <p className="duplicate__meta">
        <span className="badge">{t(`band.${pair.candidate.band}`)}</span>
        <span>{t('score', { score: Math.round(pair.candidate.score * 100) })}</span>
      </p>
      <div className="duplicate__people">
        <Person person={a} other={b} />
        <Person person={b} other={a} />
      </div>
      <ul className="duplicate__fields" aria-label={t('why')}>
        {MATCH_FIELDS.map((field) => (
          <li key={field} className={`agreement agreement--${pair.candidate.fields[field]}`}>
            {t(`field.${field}`)}: {t(`agreement.${pair.candidate.fields[field]}`)}
          </li>
        ))}
      </ul>
      {decision ? (
        <p className="duplicate__decision" role="status">
          {t(`decided.${decision.status === 'confirmed' ? 'same' : 'different'}`)}
          {decision.note ? ` — ${decision.note}` : ''}
        </p>
      ) : (
        <>
          <TextField label={t('note')} value={note} onChange={(e) => setNote(e.target.value)} />
          {problem ? <StatusMessage tone="error">{t('failed')}</StatusMessage> : null}
          <div className="form-actions">
            <Button variant="primary" onClick={() => void decide('confirmed')} aria-label={`${t('same')}: ${t('pairTitle', { a: name(a), b: name(b) })}`}>{t('same')}</Button>
            <Button onClick={() => void decide('ruled_out')} aria-label={`${t('different')}: ${t('pairTitle', { a: name(a), b: name(b) })}`}>{t('different')}</Button>
          </div>
        </>
      )}
    </li>
  );
}

/** The server's pairs whose other person is sought at a point this device does not see (its summary only). */
function OtherPoints({ isShowingDecided }: { isShowingDecided: boolean }) {
  const { t } = useTranslation('duplicates');
  const headingId = useId();
  const pairs = useOtherPointPairs();
  const [decidedHere, setDecidedHere] = useState<ReadonlySet<string>>(new Set());
  if (pairs === undefined) return null;
  const shown = pairs.filter((p) => isShowingDecided || decidedHere.has(p.id) || !isDecided(p.match));
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('otherPoints')}</h2>
      <p className="muted">{t('otherPointsIntro')}</p>
      {shown.length === 0 ? <p className="muted">{t('otherPointsNone')}</p> : null}
      <ul className="plain-list duplicates__list">
        {shown.map((pair) => (
          <OtherPointCard key={pair.id} pair={pair} onDecided={() => setDecidedHere((ids) => new Set([...ids, pair.id]))} />
        ))}
      </ul>
    </section>
  );
}

function OtherPerson({ other, against }: { other: OtherPersonSummary; against: MatchablePerson }) {
  const { t, i18n } = useTranslation('duplicates');
  const marked = (value: string, to: string) =>
    !to.trim() ? value : diffLetters(value, to).map((s, i) => (s.differs ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>));
  return (
    <div className="duplicate__person">
      <p className="duplicate__name">
        {marked(other.surname, against.surname)} {marked(other.givenName, against.givenName)} {marked(other.patronymic, against.patronymic)}
      </p>
      {other.birthDate ? <p className="muted">{formatPartialDate(other.birthDate, i18n.language)}</p> : null}
      <p>{t('otherPoint', { point: other.gatheringPoint })}</p>
      <p>{t('otherInquiry', { reference: formatReference(other.reference) })}</p>
    </div>
  );
}

function OtherPointCard({ pair, onDecided }: { pair: OtherPointPair; onDecided: () => void }) {
  const { t } = useTranslation('duplicates');
  const headingId = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState(false);
  const { person, other, match } = pair;
  const title = t('pairTitle', { a: `${person.surname} ${person.givenName}`, b: `${other.surname} ${other.givenName}` });
  // The other person as the Person card reads it, so the letters that differ are marked on this side too.
  const asPerson: MatchablePerson = { ...person, surname: other.surname, givenName: other.givenName, patronymic: other.patronymic };
  async function decide(status: 'confirmed' | 'ruled_out') {
    setProblem(false);
    onDecided();
    try {
      // This point's own record of the pair (the server wrote one per point): only this side is decided.
      await patchRecord('candidateMatch', pair.id, { status, evidence: '', note });
    } catch {
      setProblem(true);
    }
  }
  return (
    <li className="card stack duplicate" aria-labelledby={headingId}>
      <h3 id={headingId} className="duplicate__title">{title}</h3>
      <p className="duplicate__meta">
        <span className="badge">{t(`band.${match.band}`)}</span>
        <span>{t('score', { score: Math.round(match.score * 100) })}</span>
      </p>
      <div className="duplicate__people">
        <Person person={person} other={asPerson} />
        <OtherPerson other={other} against={person} />
      </div>
      <ul className="duplicate__fields" aria-label={t('why')}>
        {MATCH_FIELDS.map((field) => (
          <li key={field} className={`agreement agreement--${match.fields[field]}`}>
            {t(`field.${field}`)}: {t(`agreement.${match.fields[field]}`)}
          </li>
        ))}
      </ul>
      {isDecided(match) ? (
        <p className="duplicate__decision" role="status">
          {t(`decided.${match.status === 'confirmed' ? 'same' : 'different'}`)}
          {match.note ? ` — ${match.note}` : ''}
        </p>
      ) : (
        <>
          <TextField label={t('note')} value={note} onChange={(e) => setNote(e.target.value)} />
          {problem ? <StatusMessage tone="error">{t('failed')}</StatusMessage> : null}
          <div className="form-actions">
            <Button variant="primary" onClick={() => void decide('confirmed')} aria-label={`${t('same')}: ${title}`}>{t('same')}</Button>
            <Button onClick={() => void decide('ruled_out')} aria-label={`${t('different')}: ${title}`}>{t('different')}</Button>
          </div>
        </>
      )}
    </li>
  );
}

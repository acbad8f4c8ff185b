// One change a revoked phone handed over: who sent it from which device and when, what it says (a new
// inquiry's reference and people, a patch's record and values), and, while pending, Accept or Discard with
// a reason. Accepting applies it on the server as this coordinator's own change.
import { formatReference } from '@schema/reference.ts';
import type { TFunction } from 'i18next';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionAnswer, HeldContent, Quarantined } from '@schema/admin.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { apiErrorCode } from '@/api/errors.ts';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { ApiProblem } from './api-problem.tsx';
import { FieldList, FieldValue } from './field-value.tsx';
import { formatServerTime, formatValue } from './format-value.ts';
import { RecordNames } from './record-names.tsx';

function headingOf(t: TFunction<'coordinator'>, m: Quarantined): string {
  const content = m.content;
  if (!content) return t('quarantine.headings.unreadable', { what: t([`mutations.${m.name}`, 'mutations.other'], { name: m.name }) });
  if (content.kind === 'createInquiry') return t('quarantine.headings.createInquiry', { reference: formatReference(content.inquiry.reference) });
  const reference = content.record?.reference ? formatReference(content.record.reference) : t('record.none');
  return t(`quarantine.headings.${content.kind}`, { record: t(`recordTypes.${content.recordType}`), reference });
}

/** `spaceId`: the sending device's point, where an inquiry naming none is filed. */
function Content({ content, spaceId }: { content: HeldContent; spaceId: string | null }) {
  const { t } = useTranslation('coordinator');
  if (content.kind === 'createInquiry') {
    return (
      <dl className="facts">
        <div>
          <dt>{t('quarantine.familyContact')}</dt>
          <dd>
            {content.familyContact.name} (<FieldValue type="familyContact" field="relationship" value={content.familyContact.relationship} />)
          </dd>
        </div>
        <div>
          <dt>{t('quarantine.phones')}</dt>
          <dd>{content.familyContact.phones.join(', ')}</dd>
        </div>
        <div>
          <dt>{t('quarantine.region')}</dt>
          <dd><FieldValue type="familyContact" field="region" value={content.familyContact.region} /></dd>
        </div>
        {content.soughtPersons.map((person, index) => (
          <div key={index}>
            <dt>{t('quarantine.soughtPerson')}</dt>
            <dd>
              {person.name}
              {person.dateOfBirth ? <>, <FieldValue type="soughtPerson" field="dateOfBirth" value={person.dateOfBirth} /></> : null}
              {typeof person.unit === 'string' && person.unit ? `, ${person.unit}` : null}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('quarantine.registeredOn')}</dt>
          <dd><FieldValue type="inquiry" field="registeredOn" value={content.inquiry.registeredOn} /></dd>
        </div>
        <div>
          <dt>{t('quarantine.gatheringPoint')}</dt>
          <dd><FieldValue type="inquiry" field="gatheringPointId" value={content.inquiry.gatheringPointId ?? spaceId} /></dd>
        </div>
        {typeof content.inquiry.notes === 'string' && content.inquiry.notes ? (
          <div>
            <dt>{t('quarantine.notes')}</dt>
            <dd className="held__text">{content.inquiry.notes}</dd>
          </div>
        ) : null}
      </dl>
    );
  }
  return (
    <div className="stack">
      <RecordNames record={content.record} />
      {content.kind === 'patchRecord' ? (
        <>
          <h4>{t('quarantine.newValues')}</h4>
          <FieldList type={content.recordType} data={content.fields} />
        </>
      ) : (
        <p>{t('quarantine.deleteReason', { reason: formatValue(t, content.reason) })}</p>
      )}
    </div>
  );
}

export function HeldChangeCard({ change, onDecided }: { change: Quarantined; onDecided: (change: Quarantined, answer: DecisionAnswer) => void }) {
  const { t, i18n } = useTranslation('coordinator');
  const headingId = useId();
  const [isDiscarding, setIsDiscarding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const lang = i18n.language;
  const heading = headingOf(t, change);

  async function decide(action: () => Promise<DecisionAnswer>) {
    setFailure(null);
    setIsBusy(true);
    try {
      onDecided(change, await action());
    } catch (error) {
      setFailure(apiErrorCode(error));
      setIsBusy(false);
    }
  }

  function submitDiscard(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('form.required'));
      return;
    }
    setReasonError(undefined);
    void decide(() => call(API.discardHeld, { params: { mutationId: change.mutationId }, body: { reason: reason.trim() } }));
  }

  const decision = change.decision;
  // Too large to show is not invalid: the server checks the whole stored change when it is accepted.
  const canAccept = change.valid || change.problem === 'too_large';
  return (
    <article className="card stack held" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <dl className="facts">
        <div>
          <dt>{t('quarantine.device')}</dt>
          <dd>{t('quarantine.deviceValue', { label: change.deviceLabel, name: change.userName })}</dd>
        </div>
        <div>
          <dt>{t('quarantine.received')}</dt>
          <dd>{formatServerTime(change.receivedAt, lang)}</dd>
        </div>
      </dl>
      {change.content ? (
        <Content content={change.content} spaceId={change.spaceId} />
      ) : (
        <p>{change.problem === 'too_large' ? t('quarantine.tooLarge', { kb: Math.ceil(change.bytes / 1024) }) : t('quarantine.unreadable', { problem: change.problem ?? '' })}</p>
      )}
      {decision ? (
        <p>
          {decision.decision === 'accepted'
            ? t('quarantine.acceptedBy', { name: decision.by ?? t('conflicts.unknown'), time: formatServerTime(decision.at, lang) })
            : t('quarantine.discardedBy', { name: decision.by ?? t('conflicts.unknown'), time: formatServerTime(decision.at, lang), reason: decision.reason ?? '' })}
        </p>
      ) : (
        <div className="stack">
          {failure ? <ApiProblem code={failure} /> : null}
          {!isDiscarding ? (
            <div className="coordinator-actions">
              {canAccept ? (
                <Button variant="primary" disabled={isBusy} onClick={() => void decide(() => call(API.acceptHeld, { params: { mutationId: change.mutationId } }))} aria-label={t('quarantine.acceptNamed', { what: heading })}>
                  {t('quarantine.accept')}
                </Button>
              ) : null}
              <Button disabled={isBusy} onClick={() => setIsDiscarding(true)} aria-label={t('quarantine.discardNamed', { what: heading })}>
                {t('quarantine.discard')}
              </Button>
            </div>
          ) : (
            <form className="stack" noValidate onSubmit={submitDiscard} aria-label={t('quarantine.discardNamed', { what: heading })}>
              <TextField
                label={t('quarantine.reason')}
                hint={t('quarantine.reasonHint')}
                autoComplete="off"
                autoFocus
                required
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={reasonError}
              />
              <div className="coordinator-actions">
                <Button type="submit" variant="danger" disabled={isBusy}>{t('quarantine.confirmDiscard')}</Button>
                <Button onClick={() => setIsDiscarding(false)} disabled={isBusy}>{t('cancel')}</Button>
              </div>
            </form>
          )}
          {!canAccept ? <p className="muted">{t('quarantine.onlyDiscard')}</p> : null}
        </div>
      )}
    </article>
  );
}

// Route /inquiries/:id: everything recorded about one inquiry, grouped and editable field by field, with the
// timeline of what happened to it (device time, display only).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import type { RecordType } from '@schema/records.ts';
import { formatReference } from '@schema/reference.ts';
import { loadFormNamespaces } from '@/components/form/namespaces.ts';
import {
  CONSENT_FIELDS, FAMILY_CONTACT_FIELDS, IDENTIFYING_FIELDS, INQUIRY_FIELDS, SOUGHT_PERSON_FIELDS,
  fieldLabelKey, type FieldSpec,
} from '@/components/form/record-fields.ts';
import type { InquiryDetail } from '@/db/inquiries.ts';
import { useRecordQuery } from '@/components/use-record-query.ts';
import { listLinkedInquiries } from '@/db/records.ts';
import { formatDateTime } from '@/lib/i18n.ts';
import { EditableField } from './editable-field.tsx';
import { useInquiryDetail, type TimelineItem } from './use-inquiry-detail.ts';
import '@/components/form/form.css';
import './inquiries.css';

await loadFormNamespaces(['inquiries', 'intake']);

function Fields({ type, record, specs, onSaved }: { type: RecordType; record: { id: string }; specs: readonly FieldSpec[]; onSaved: (fields: string[]) => void }) {
  return (
    <dl className="values">
      {specs.map((spec) => <EditableField key={spec.path} type={type} record={record} spec={spec} onSaved={onSaved} />)}
    </dl>
  );
}

function Timeline({ detail, items }: { detail: InquiryDetail; items: TimelineItem[] }) {
  const { t, i18n } = useTranslation('inquiries');
  const typeOf = new Map<string, RecordType>([
    [detail.inquiry.id, 'inquiry'],
    [detail.familyContact.id, 'familyContact'],
    ...detail.soughtPersons.map((p): [string, RecordType] => [p.id, 'soughtPerson']),
  ]);
  const whose = (recordId: string): string => {
    const type = typeOf.get(recordId);
    if (type === 'familyContact') return t('timeline.ofContact');
    const person = detail.soughtPersons.find((p) => p.id === recordId);
    return person ? t('timeline.ofPerson', { name: `${person.surname} ${person.givenName}` }) : '';
  };
  return (
    <ol className="timeline">
      {items.map((item, i) => {
        const type = typeOf.get(item.recordId) ?? 'inquiry';
        const fields = (item.fields ?? []).map((f) => t(fieldLabelKey(type, f), { ns: 'intake' })).join(', ');
        return (
          <li key={i}>
            <span>
              {t(`timeline.${item.action}`)}
              {fields && `: ${fields}`}
              {whose(item.recordId) && ` (${whose(item.recordId)})`}
            </span>
            <span className="timeline__meta">
              {t('timeline.by', { name: item.by ?? t('timeline.unknown') })} · {formatDateTime(item.at, i18n.language)} ({t('timeline.deviceTime')})
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export default function InquiryDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation('inquiries');
  const { state, reload } = useInquiryDetail(id);
  const [announcement, setAnnouncement] = useState('');

  if (state.status === 'loading') return <p role="status">{t('detail.loading')}</p>;
  if (state.status !== 'ready') {
    return (
      <div>
        <h1>{t(state.status === 'missing' ? 'detail.missing' : 'detail.failed')}</h1>
        <Link href="/" className="form-button">{t('detail.backToList')}</Link>
      </div>
    );
  }

  const { detail, timeline } = state;
  const { inquiry, familyContact, soughtPersons } = detail;
  const isPending = Object.values(detail.state).some((s) => s.pending);
  const onSaved = (fields: string[]) => {
    setAnnouncement(fields.length ? t('detail.saved') : t('detail.unchanged'));
    reload();
  };

  return (
    <article className="inquiry-detail">
      <Link href="/" className="form-button form-button--link">{t('detail.backToList')}</Link>
      <div className="detail-head">
        <h1>{t('detail.title', { reference: formatReference(inquiry.reference) })}</h1>
        {isPending && <span className="badge">{t('pending')}</span>}
      </div>
      <p role="status" className="visually-hidden">{announcement}</p>

      <section className="detail-section" aria-labelledby="sec-inquiry">
        <h2 id="sec-inquiry">{t('steps.inquiry', { ns: 'intake' })}</h2>
        <Fields type="inquiry" record={inquiry} specs={INQUIRY_FIELDS} onSaved={onSaved} />
      </section>
      <section className="detail-section" aria-labelledby="sec-consent">
        <h2 id="sec-consent">{t('steps.consent', { ns: 'intake' })}</h2>
        <Fields type="inquiry" record={inquiry} specs={CONSENT_FIELDS} onSaved={onSaved} />
      </section>
      <section className="detail-section" aria-labelledby="sec-contact">
        <h2 id="sec-contact">{t('steps.family', { ns: 'intake' })}</h2>
        <Fields type="familyContact" record={familyContact} specs={FAMILY_CONTACT_FIELDS} onSaved={onSaved} />
      </section>
      {soughtPersons.map((person, i) => (
        <section key={person.id} className="detail-section" aria-labelledby={`sec-person-${i}`}>
          <h2 id={`sec-person-${i}`}>{t('detail.person', { name: `${person.surname} ${person.givenName}` })}</h2>
          <Fields type="soughtPerson" record={person} specs={SOUGHT_PERSON_FIELDS} onSaved={onSaved} />
          <h3>{t('steps.identifying', { ns: 'intake' })}</h3>
          <Fields type="soughtPerson" record={person} specs={IDENTIFYING_FIELDS} onSaved={onSaved} />
        </section>
      ))}
      <LinkedInquiries personIds={soughtPersons.map((p) => p.id)} />
      <section className="detail-section" aria-labelledby="sec-timeline">
        <h2 id="sec-timeline">{t('timeline.title')}</h2>
        <Timeline detail={detail} items={timeline} />
      </section>
    </article>
  );
}

/** Other inquiries seeking the same person, as a coordinator linked them: shown together, nothing merged. */
function LinkedInquiries({ personIds }: { personIds: string[] }) {
  const { t } = useTranslation('inquiries');
  const key = personIds.join(',');
  const linked = useRecordQuery(() => listLinkedInquiries(key.split(',')), [key]);
  if (!linked || linked.length === 0) return null;
  return (
    <section className="detail-section" aria-labelledby="sec-linked">
      <h2 id="sec-linked">{t('linked.title')}</h2>
      <ul>
        {linked.map((l) => (
          <li key={l.personId}>
            <Link href={`/inquiries/${l.inquiryId}`}>{t('linked.item', { reference: formatReference(l.reference), name: l.contactName })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

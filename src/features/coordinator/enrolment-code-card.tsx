// A single-use enrolment code on the coordinator's screen: the server's QR code (an SVG made by the
// server, shown as an <img> so none of its markup enters the page), the code as large text, and how long
// it stays valid.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import type { EnrolmentCode } from '@schema/admin.ts';

export function EnrolmentCodeCard({ code, onNewCode, onClose }: { code: EnrolmentCode; onNewCode: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation('coordinator');
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const expiresAt = Date.parse(code.expiresAt);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    // The new code appears below the button: take screen-reader and keyboard focus there.
    headingRef.current?.focus();
  }, [code.code]);

  const minutesLeft = Math.max(0, Math.ceil((expiresAt - now) / 60_000));
  const isExpired = expiresAt <= now;
  const until = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'uk-UA', { timeStyle: 'short' }).format(expiresAt);

  return (
    <section className="enrolment-code stack" aria-labelledby={headingId}>
      <h5 id={headingId} ref={headingRef} tabIndex={-1} className="enrolment-code__title">
        {t('enrolment.title', { name: code.volunteer.name })}
      </h5>
      <p>{t('enrolment.howTo')}</p>
      {isExpired ? (
        <StatusMessage tone="error">{t('enrolment.expired')}</StatusMessage>
      ) : (
        <>
          <img
            className="enrolment-code__qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`}
            alt={t('enrolment.qrAlt', { code: code.code })}
            width={240}
            height={240}
          />
          <p className="enrolment-code__text">{code.code}</p>
          <p>{t('enrolment.validUntil', { time: until, count: minutesLeft })}</p>
        </>
      )}
      <div className="coordinator-actions">
        {isExpired ? <Button variant="primary" onClick={onNewCode}>{t('enrolment.again')}</Button> : null}
        <Button onClick={onClose}>{t('enrolment.close')}</Button>
      </div>
    </section>
  );
}

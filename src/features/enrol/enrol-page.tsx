// Enrols this phone as a volunteer's device with the single-use code a coordinator shows (typed, or
// scanned: the QR opens /enrol?code=…). The app is unlocked first, so the refresh secret can be sealed.
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { getEnrolment } from '@/db/device.ts';
import { enrolFormSchema, type EnrolForm } from './session-form.ts';
import { sessionErrorCode, startSession } from './start-session.ts';
import './enrol.css';

export default function EnrolPage() {
  const { t } = useTranslation('enrol');
  const search = useSearch();
  const [, navigate] = useLocation();
  const enrolment = useLiveQuery(() => getEnrolment(), []);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<EnrolForm>({
    resolver: zodResolver(enrolFormSchema),
    defaultValues: { code: new URLSearchParams(search).get('code') ?? '', deviceLabel: t('enrol.defaultLabel') },
  });
  const fieldError = (message: string | undefined) => (message ? t(`errors.${message}`) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await startSession(() => call(API.enrolDevice, { body: values }));
      navigate('/', { replace: true });
    } catch (error) {
      setFailure(sessionErrorCode(error));
    }
  });

  return (
    <Page title={t('enrol.title')} intro={t('enrol.intro')}>
      {enrolment ? (
        <StatusMessage tone="info">
          <p>{t('alreadyEnrolled', { name: enrolment.user.name })}</p>
          <Link href="/sync">{t('toSync')}</Link>
        </StatusMessage>
      ) : null}
      {failure ? (
        <StatusMessage tone="error">{t([`errors.${failure}`, 'errors.unexpected'])}</StatusMessage>
      ) : null}
      <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('enrol.code')}
          hint={t('enrol.codeHint')}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          className="enrol__code"
          error={fieldError(formState.errors.code?.message)}
          {...register('code')}
        />
        <TextField
          label={t('deviceLabel')}
          hint={t('deviceLabelHint')}
          autoComplete="off"
          error={fieldError(formState.errors.deviceLabel?.message)}
          {...register('deviceLabel')}
        />
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('enrol.busy') : t('enrol.submit')}
        </Button>
      </form>
      <p>
        <Link href="/sign-in">{t('enrol.coordinatorLink')}</Link>
      </p>
    </Page>
  );
}

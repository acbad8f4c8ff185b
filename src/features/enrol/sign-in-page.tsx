// A coordinator signs this device in with login and password; the session's refresh secret is sealed
// under the data key like a volunteer's, and the coordinator lands on the overview.
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { getEnrolment } from '@/db/device.ts';
import { signInFormSchema, type SignInForm } from './session-form.ts';
import { sessionErrorCode, startSession } from './start-session.ts';

export default function SignInPage() {
  const { t } = useTranslation('enrol');
  const [, navigate] = useLocation();
  const enrolment = useLiveQuery(() => getEnrolment(), []);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, resetField } = useForm<SignInForm>({
    resolver: zodResolver(signInFormSchema),
    defaultValues: { login: '', password: '', deviceLabel: t('signIn.defaultLabel') },
  });
  const fieldError = (message: string | undefined) => (message ? t(`errors.${message}`) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await startSession(() => call(API.signIn, { body: values }));
      navigate('/coordinator', { replace: true });
    } catch (error) {
      resetField('password');
      setFailure(sessionErrorCode(error));
    }
  });

  return (
    <Page title={t('signIn.title')} intro={t('signIn.intro')}>
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
          label={t('signIn.login')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={fieldError(formState.errors.login?.message)}
          {...register('login')}
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          error={fieldError(formState.errors.password?.message)}
          {...register('password')}
        />
        <TextField
          label={t('deviceLabel')}
          hint={t('deviceLabelHint')}
          autoComplete="off"
          error={fieldError(formState.errors.deviceLabel?.message)}
          {...register('deviceLabel')}
        />
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('signIn.busy') : t('signIn.submit')}
        </Button>
      </form>
      <p>
        <Link href="/enrol">{t('signIn.volunteerLink')}</Link>
      </p>
    </Page>
  );
}

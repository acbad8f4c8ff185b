// The volunteer's own name and usual gathering point, sealed like every personal value; they prefill the
// intake form. A coordinator of several points chooses the usual one from their list, as in the form.
// Unsaved typing here also holds back an app update.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { SpaceSummary } from '@schema/protocol.ts';
import { CONTROL_CHARS_ERROR, hasNoControlChars } from '@schema/text.ts';
import { Button } from '@/components/button.tsx';
import { useErrorText } from '@/components/form/field.tsx';
import { GatheringPointPicker } from '@/components/form/gathering-point-picker.tsx';
import { useGatheringPoints } from '@/components/form/use-gathering-points.ts';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { findGatheringPoint } from '@/db/device.ts';
import { isQuotaError } from '@/db/errors.ts';
import { getProfile, saveProfile, type Profile } from '@/db/profile.ts';
import { setUnsavedInput } from '@/lib/unsaved.ts';

const FORM_KEY = 'settings-profile';

const profileFormSchema = z.object({
  // The same rule as the inquiry's (schema/inquiry.ts): names hold no invisible characters.
  volunteerName: z.string().trim().max(200, 'errors.tooLong').refine((v) => v === '' || hasNoControlChars(v), { error: CONTROL_CHARS_ERROR }),
  gatheringPoint: z.string().trim().max(200, 'errors.tooLong').refine((v) => v === '' || hasNoControlChars(v), { error: CONTROL_CHARS_ERROR }),
});

export function ProfileSection() {
  const { t } = useTranslation('settings');
  const [profile, setProfile] = useState<Profile | null>(null);
  const points = useGatheringPoints();

  useEffect(() => {
    let isCurrent = true;
    void getProfile().then((loaded) => {
      if (isCurrent) setProfile(loaded);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  return (
    <section className="card stack" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile.title')}</h2>
      <p className="muted">{t('profile.intro')}</p>
      {profile && points ? <ProfileForm saved={profile} points={points} /> : null}
    </section>
  );
}

function ProfileForm({ saved, points }: { saved: Profile; points: readonly SpaceSummary[] }) {
  const { t } = useTranslation(['settings', 'errors']);
  const errorText = useErrorText();
  const [result, setResult] = useState<'saved' | 'full' | 'failed' | null>(null);
  const { register, handleSubmit, reset, formState: { errors, isDirty, isSubmitting } } = useForm<Profile>({
    resolver: zodResolver(profileFormSchema),
    // With a list, a usual point typed before it (or no longer one of the coordinator's) shows as none chosen.
    defaultValues: points.length > 0 ? { ...saved, gatheringPoint: findGatheringPoint(points, saved.gatheringPoint)?.name ?? '' } : saved,
  });

  useEffect(() => {
    setUnsavedInput(FORM_KEY, isDirty);
  }, [isDirty]);
  useEffect(() => () => setUnsavedInput(FORM_KEY, false), []);

  const submit = handleSubmit(async (profile) => {
    try {
      await saveProfile(profile);
      reset(profile);
      setResult('saved');
    } catch (error) {
      setResult(isQuotaError(error) ? 'full' : 'failed');
    }
  });
  // A result shown stays true only until the next change.
  const clearResult = () => setResult(null);
  const gatheringPoint = register('gatheringPoint', { onChange: clearResult });

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={t('profile.volunteerName')}
        autoComplete="off"
        maxLength={200}
        error={errorText(errors.volunteerName?.message)}
        {...register('volunteerName', { onChange: clearResult })}
      />
      {points.length > 0 ? (
        <GatheringPointPicker
          id="profile-gathering-point"
          registration={gatheringPoint}
          points={points}
          label={t('profile.gatheringPoint')}
          hint={t('profile.gatheringPointChoiceHint')}
          placeholder={t('profile.noGatheringPoint')}
          error={errors.gatheringPoint?.message}
        />
      ) : (
        <TextField
          label={t('profile.gatheringPoint')}
          hint={t('profile.gatheringPointHint')}
          autoComplete="off"
          maxLength={200}
          error={errorText(errors.gatheringPoint?.message)}
          {...gatheringPoint}
        />
      )}
      {result === 'saved' ? <StatusMessage tone="ok">{t('profile.saved')}</StatusMessage> : null}
      {result === 'full' ? <StatusMessage tone="error">{t('errors:storageFull')}</StatusMessage> : null}
      {result === 'failed' ? <StatusMessage tone="error">{t('errors:unexpected')}</StatusMessage> : null}
      <Button type="submit" variant="primary" disabled={isSubmitting || !isDirty}>{t('profile.save')}</Button>
    </form>
  );
}

// The volunteer's own name, sealed like every personal value; it prefills the intake form. The gathering
// point comes from the enrolment: a volunteer's phone shows its one point, a coordinator of several
// chooses the usual one from their list, as in the form. Unsaved typing here also holds back an app update.
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
import { findGatheringPoint, isGatheringPointChosen } from '@/db/device.ts';
import { isQuotaError } from '@/db/errors.ts';
import { getProfile, saveProfile, type Profile } from '@/db/profile.ts';
import { setUnsavedInput } from '@/lib/unsaved.ts';

const FORM_KEY = 'settings-profile';

const profileFormSchema = z.object({
  // The same rule as the inquiry's (schema/inquiry.ts): names hold no invisible characters.
  volunteerName: z.string().trim().max(200, 'errors.tooLong').refine((v) => v === '' || hasNoControlChars(v), { error: CONTROL_CHARS_ERROR }),
  // '' is "none": each new inquiry then starts with no point chosen.
  gatheringPointId: z.string(),
});
type ProfileValues = z.infer<typeof profileFormSchema>;

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

/** The usual point among `points`: the one saved by id, or by name before points were ids; else none. */
function usualPoint(saved: Profile, points: readonly SpaceSummary[]): string {
  const byId = points.find((p) => p.id === saved.gatheringPointId);
  return (byId ?? findGatheringPoint(points, saved.gatheringPoint ?? ''))?.id ?? '';
}

function ProfileForm({ saved, points }: { saved: Profile; points: readonly SpaceSummary[] }) {
  const { t } = useTranslation(['settings', 'errors']);
  const errorText = useErrorText();
  const [result, setResult] = useState<'saved' | 'full' | 'failed' | null>(null);
  const isChosen = isGatheringPointChosen(points);
  const { register, handleSubmit, reset, formState: { errors, isDirty, isSubmitting } } = useForm<ProfileValues>({
    resolver: zodResolver(profileFormSchema),
    // A usual point no longer one of the coordinator's shows as none chosen.
    defaultValues: { volunteerName: saved.volunteerName, gatheringPointId: isChosen ? usualPoint(saved, points) : '' },
  });

  useEffect(() => {
    setUnsavedInput(FORM_KEY, isDirty);
  }, [isDirty]);
  useEffect(() => () => setUnsavedInput(FORM_KEY, false), []);

  const submit = handleSubmit(async (values) => {
    try {
      // The name typed before points were ids goes with the first save: the id replaces it.
      await saveProfile({ volunteerName: values.volunteerName, ...(values.gatheringPointId ? { gatheringPointId: values.gatheringPointId } : {}) });
      reset(values);
      setResult('saved');
    } catch (error) {
      setResult(isQuotaError(error) ? 'full' : 'failed');
    }
  });
  // A result shown stays true only until the next change.
  const clearResult = () => setResult(null);
  const [only] = points;

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={t('profile.volunteerName')}
        autoComplete="off"
        maxLength={200}
        error={errorText(errors.volunteerName?.message)}
        {...register('volunteerName', { onChange: clearResult })}
      />
      {isChosen ? (
        <GatheringPointPicker
          id="profile-gathering-point"
          registration={register('gatheringPointId', { onChange: clearResult })}
          points={points}
          label={t('profile.gatheringPoint')}
          hint={t('profile.gatheringPointChoiceHint')}
          placeholder={t('profile.noGatheringPoint')}
        />
      ) : (
        <p className="muted">{only ? t('profile.gatheringPointOfPhone', { name: only.name }) : t('profile.gatheringPointNotEnrolled')}</p>
      )}
      {result === 'saved' ? <StatusMessage tone="ok">{t('profile.saved')}</StatusMessage> : null}
      {result === 'full' ? <StatusMessage tone="error">{t('errors:storageFull')}</StatusMessage> : null}
      {result === 'failed' ? <StatusMessage tone="error">{t('errors:unexpected')}</StatusMessage> : null}
      <Button type="submit" variant="primary" disabled={isSubmitting || !isDirty}>{t('profile.save')}</Button>
    </form>
  );
}

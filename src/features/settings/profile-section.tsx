// The volunteer's own name and usual gathering point, sealed like every personal value; they prefill the
// intake form. Unsaved typing here also holds back an app update.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { getProfile, saveProfile, type Profile } from '@/db/profile.ts';
import { isQuotaError } from '@/db/errors.ts';
import { setUnsavedInput } from '@/lib/unsaved.ts';

const FORM_KEY = 'settings-profile';

export function ProfileSection() {
  const { t } = useTranslation(['settings', 'errors']);
  const [saved, setSaved] = useState<Profile | null>(null);
  const [draft, setDraft] = useState<Profile>({ volunteerName: '', gatheringPoint: '' });
  const [result, setResult] = useState<'saved' | 'full' | 'failed' | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    void getProfile().then((profile) => {
      if (!isCurrent) return;
      setSaved(profile);
      setDraft(profile);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  const isDirty = saved !== null && (draft.volunteerName !== saved.volunteerName || draft.gatheringPoint !== saved.gatheringPoint);
  useEffect(() => {
    setUnsavedInput(FORM_KEY, isDirty);
  }, [isDirty]);
  useEffect(() => () => setUnsavedInput(FORM_KEY, false), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const profile = { volunteerName: draft.volunteerName.trim(), gatheringPoint: draft.gatheringPoint.trim() };
    setIsBusy(true);
    try {
      await saveProfile(profile);
      setSaved(profile);
      setDraft(profile);
      setResult('saved');
    } catch (error) {
      setResult(isQuotaError(error) ? 'full' : 'failed');
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile.title')}</h2>
      <p className="muted">{t('profile.intro')}</p>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          label={t('profile.volunteerName')}
          autoComplete="name"
          maxLength={200}
          value={draft.volunteerName}
          disabled={saved === null}
          onChange={(e) => {
            setResult(null);
            setDraft({ ...draft, volunteerName: e.target.value });
          }}
        />
        <TextField
          label={t('profile.gatheringPoint')}
          hint={t('profile.gatheringPointHint')}
          autoComplete="off"
          maxLength={200}
          value={draft.gatheringPoint}
          disabled={saved === null}
          onChange={(e) => {
            setResult(null);
            setDraft({ ...draft, gatheringPoint: e.target.value });
          }}
        />
        {result === 'saved' ? <StatusMessage tone="ok">{t('profile.saved')}</StatusMessage> : null}
        {result === 'full' ? <StatusMessage tone="error">{t('errors:storageFull')}</StatusMessage> : null}
        {result === 'failed' ? <StatusMessage tone="error">{t('errors:unexpected')}</StatusMessage> : null}
        <Button type="submit" variant="primary" disabled={isBusy || !isDirty}>{t('profile.save')}</Button>
      </form>
    </section>
  );
}

// Gathering points ("spaces"): the list with each one's volunteers, and a form to add a new one with
// how long volunteers' phones keep synced records (retention, in days). Each card can change both later.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { RETENTION_DAYS, type SpaceSummary } from '@schema/protocol.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { apiErrorCode } from '@/api/errors.ts';
import type { ApiData } from '@/api/use-api-data.ts';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { ApiProblem } from './api-problem.tsx';
import { SpaceCard } from './space-card.tsx';
import { SpaceFields, spaceFormSchema, type SpaceFormInput, type SpaceFormValues } from './space-fields.tsx';

export function SpacesSection({ spaces }: { spaces: ApiData<SpaceSummary[]> }) {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('spaces.title')}</h2>
      {spaces.error ? <ApiProblem code={spaces.error} onRetry={spaces.reload} /> : null}
      {spaces.data === undefined ? (
        spaces.isLoading ? <p className="muted">{t('loading')}</p> : null
      ) : spaces.data.length === 0 ? (
        <p className="muted">{t('spaces.empty')}</p>
      ) : (
        <ul className="plain-list stack">
          {spaces.data.map((space) => (
            <li key={space.id}>
              <SpaceCard space={space} onUpdated={(updated) => spaces.update((list) => list.map((s) => (s.id === updated.id ? updated : s)))} />
            </li>
          ))}
        </ul>
      )}
      <NewSpaceForm onCreated={spaces.reload} />
    </section>
  );
}

function NewSpaceForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<SpaceFormInput, unknown, SpaceFormValues>({
    resolver: zodResolver(spaceFormSchema),
    defaultValues: { name: '', retentionDays: String(RETENTION_DAYS.default) },
  });

  const submit = handleSubmit(async ({ name, retentionDays }) => {
    setFailure(null);
    setCreated(null);
    try {
      const { space } = await call(API.createSpace, { body: { name, retentionDays } });
      reset();
      setCreated(space.name);
      onCreated();
    } catch (error) {
      setFailure(apiErrorCode(error));
    }
  });

  return (
    <form className="card stack" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={headingId}>
      <h3 id={headingId}>{t('spaces.new')}</h3>
      <SpaceFields register={register} errors={formState.errors} />
      {failure ? <ApiProblem code={failure} /> : null}
      {created ? <StatusMessage tone="ok">{t('spaces.created', { name: created })}</StatusMessage> : null}
      <Button type="submit" variant="primary" disabled={formState.isSubmitting}>{t('spaces.create')}</Button>
    </form>
  );
}

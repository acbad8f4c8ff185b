// A gathering point's name and retention changed in place on its card. Nothing is sent until both fields
// pass the same checks as the server's; a refused change leaves the gathering point as it was.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SpaceSummary, UpdateSpaceRequest } from '@schema/protocol.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { apiErrorCode } from '@/api/errors.ts';
import { Button } from '@/components/button.tsx';
import { ApiProblem } from './api-problem.tsx';
import { SpaceFields, spaceFormSchema, type SpaceFormInput, type SpaceFormValues } from './space-fields.tsx';

export interface EditSpaceFormProps {
  space: SpaceSummary;
  /** The space as the server now holds it; null when nothing was changed. */
  onDone: (updated: SpaceSummary | null) => void;
}

export function EditSpaceForm({ space, onDone }: EditSpaceFormProps) {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setFocus } = useForm<SpaceFormInput, unknown, SpaceFormValues>({
    resolver: zodResolver(spaceFormSchema),
    defaultValues: { name: space.name, retentionDays: String(space.retentionDays) },
  });

  // The form replaces the button that opened it: take the focus along, or keyboard users lose their place.
  useEffect(() => setFocus('name'), [setFocus]);

  const submit = handleSubmit(async ({ name, retentionDays }) => {
    setFailure(null);
    const change: UpdateSpaceRequest = {
      ...(name === space.name ? {} : { name }),
      ...(retentionDays === space.retentionDays ? {} : { retentionDays }),
    };
    if (change.name === undefined && change.retentionDays === undefined) {
      onDone(null);
      return;
    }
    try {
      onDone((await call(API.updateSpace, { params: { spaceId: space.id }, body: change })).space);
    } catch (error) {
      setFailure(apiErrorCode(error));
    }
  });

  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape' && !formState.isSubmitting) onDone(null);
  }

  return (
    <form className="space-edit stack" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)} onKeyDown={cancelOnEscape}>
      <h4 id={headingId} className="coordinator-subtitle">{t('spaces.editTitle')}</h4>
      <SpaceFields register={register} errors={formState.errors} />
      {failure ? <ApiProblem code={failure} /> : null}
      <div className="coordinator-actions">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>{t('spaces.save')}</Button>
        <Button onClick={() => onDone(null)} disabled={formState.isSubmitting}>{t('cancel')}</Button>
      </div>
    </form>
  );
}

// One gathering point: its name and retention (changed in place with "Edit"), its volunteers, adding a
// volunteer, and "Enrol a phone" for each volunteer, which shows a single-use code as a QR image and as text.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_NAME_MAX, type SpaceSummary } from '@schema/protocol.ts';
import { hasNoControlChars } from '@schema/text.ts';
import type { EnrolmentCode, Volunteer } from '@schema/admin.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { apiErrorCode } from '@/api/errors.ts';
import { useApiData } from '@/api/use-api-data.ts';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { ApiProblem } from './api-problem.tsx';
import { EditSpaceForm } from './edit-space-form.tsx';
import { EnrolmentCodeCard } from './enrolment-code-card.tsx';

export function SpaceCard({ space, onUpdated }: { space: SpaceSummary; onUpdated: (space: SpaceSummary) => void }) {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  const editButtonId = useId();
  const load = useCallback(async () => (await call(API.listVolunteers, { params: { spaceId: space.id } })).volunteers, [space.id]);
  const volunteers = useApiData(load);
  const [isEditing, setIsEditing] = useState(false);
  const [isSaved, setIsSaved] = useState(false);
  const wasEditing = useRef(false);

  useEffect(() => {
    // Closing the form removes the focused element: give the focus back to "Edit", where the user started.
    if (wasEditing.current && !isEditing) document.getElementById(editButtonId)?.focus();
    wasEditing.current = isEditing;
  }, [isEditing, editButtonId]);

  function finishEditing(updated: SpaceSummary | null) {
    setIsEditing(false);
    if (!updated) return;
    onUpdated(updated);
    setIsSaved(true);
  }

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <div className="coordinator-heading-row">
        <h3 id={headingId}>{space.name}</h3>
        {isEditing ? null : (
          <Button
            id={editButtonId}
            onClick={() => {
              setIsSaved(false);
              setIsEditing(true);
            }}
            aria-label={t('spaces.editFor', { name: space.name })}
          >
            {t('spaces.edit')}
          </Button>
        )}
      </div>
      {isEditing ? (
        <EditSpaceForm space={space} onDone={finishEditing} />
      ) : (
        <p className="muted">{t('spaces.retentionValue', { count: space.retentionDays })}</p>
      )}
      {isSaved ? <StatusMessage tone="ok">{t('spaces.saved')}</StatusMessage> : null}
      <h4 className="coordinator-subtitle">{t('volunteers.title')}</h4>
      {volunteers.error ? <ApiProblem code={volunteers.error} onRetry={volunteers.reload} /> : null}
      {volunteers.data === undefined ? (
        volunteers.isLoading ? <p className="muted">{t('loading')}</p> : null
      ) : volunteers.data.length === 0 ? (
        <p className="muted">{t('volunteers.empty')}</p>
      ) : (
        <ul className="plain-list stack">
          {volunteers.data.map((volunteer) => (
            <li key={volunteer.id}>
              <VolunteerRow spaceId={space.id} volunteer={volunteer} />
            </li>
          ))}
        </ul>
      )}
      <NewVolunteerForm spaceId={space.id} spaceName={space.name} onCreated={volunteers.reload} />
    </article>
  );
}

function VolunteerRow({ spaceId, volunteer }: { spaceId: string; volunteer: Volunteer }) {
  const { t } = useTranslation('coordinator');
  const [code, setCode] = useState<EnrolmentCode | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function makeCode() {
    setFailure(null);
    setIsBusy(true);
    try {
      setCode(await call(API.createEnrolmentCode, { params: { spaceId }, body: { volunteerId: volunteer.id } }));
    } catch (error) {
      setFailure(apiErrorCode(error));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="volunteer stack">
      <div className="volunteer__row">
        <span className="volunteer__name">{volunteer.name}</span>
        <Button onClick={() => void makeCode()} disabled={isBusy} aria-label={t('enrolment.createFor', { name: volunteer.name })}>
          {t('enrolment.create')}
        </Button>
      </div>
      {failure ? <ApiProblem code={failure} /> : null}
      {code ? <EnrolmentCodeCard code={code} onNewCode={() => void makeCode()} onClose={() => setCode(null)} /> : null}
    </div>
  );
}

function NewVolunteerForm({ spaceId, spaceName, onCreated }: { spaceId: string; spaceName: string; onCreated: () => void }) {
  const { t } = useTranslation('coordinator');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('form.required'));
      return;
    }
    if (trimmed.length > PERSON_NAME_MAX) {
      setError(t('form.tooLong'));
      return;
    }
    if (!hasNoControlChars(trimmed)) {
      setError(t('form.controlChars'));
      return;
    }
    setError(undefined);
    setIsBusy(true);
    try {
      await call(API.createVolunteer, { params: { spaceId }, body: { name: trimmed } });
      setName('');
      onCreated();
    } catch (err) {
      setFailure(apiErrorCode(err));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
      <TextField
        label={t('volunteers.name', { space: spaceName })}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={error}
      />
      {failure ? <ApiProblem code={failure} /> : null}
      <Button type="submit" disabled={isBusy}>{t('volunteers.add')}</Button>
    </form>
  );
}

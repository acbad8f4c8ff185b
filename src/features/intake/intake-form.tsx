// The multi-step intake form: one react-hook-form across six steps, each step checked before moving on,
// autosaved as a sealed draft, registered in one write that also removes the draft.
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormProvider, useFieldArray, useForm, type FieldErrors, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { intakeSchema, type IntakeInput, type IntakeValues } from '@schema/inquiry.ts';
import type { SpaceSummary } from '@schema/protocol.ts';
import { withTypedValues } from '@/components/form/typed-values.ts';
import { useGatheringPoints } from '@/components/form/use-gathering-points.ts';
import { findGatheringPoint, listGatheringPoints } from '@/db/device.ts';
import { discardDraft, loadDraft } from '@/db/drafts.ts';
import { MutationTooLargeError, StorageFullError, ValidationError, sizeInKb } from '@/db/errors.ts';
import { createInquiry } from '@/db/inquiries.ts';
import { getProfile, type Profile } from '@/db/profile.ts';
import { setUnsavedInput } from '@/lib/unsaved.ts';
import { Confirmation } from './confirmation.tsx';
import { LAST_STEP, STEPS, emptyPerson, fitGatheringPoint, newIntake, stepFields, stepOfPath, type IntakeDraft } from './intake-values.ts';
import { StepConsent } from './step-consent.tsx';
import { StepFamily } from './step-family.tsx';
import { StepIdentifying } from './step-identifying.tsx';
import { StepInquiry } from './step-inquiry.tsx';
import { StepPersons } from './step-persons.tsx';
import { StepReview } from './step-review.tsx';
import { useDraftAutosave } from './use-draft-autosave.ts';

/** The path of the first field with an error, in the order the form lists them. */
function firstErrorPath(errors: FieldErrors<IntakeInput>): string | undefined {
  const walk = (node: unknown, path: string): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    if (typeof (node as { message?: unknown }).message === 'string') return path;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ref' || key === 'root') continue;
      const found = walk(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  };
  return walk(errors, '');
}

/** The profile a new form starts from; a usual point saved by name (before points were ids) found by its name. */
async function usualProfile(): Promise<Profile> {
  const profile = await getProfile();
  if (profile.gatheringPointId || !profile.gatheringPoint) return profile;
  const point = findGatheringPoint(await listGatheringPoints(), profile.gatheringPoint);
  return point ? { ...profile, gatheringPointId: point.id } : profile;
}

export function IntakeForm({ draftId }: { draftId: string }) {
  const { t } = useTranslation('intake');
  const [start, setStart] = useState<IntakeDraft | null>(null);
  const [hasLoadFailed, setLoadFailed] = useState(false);
  const gatheringPoints = useGatheringPoints();

  useEffect(() => {
    let isLive = true;
    void (async () => {
      try {
        const draft = await loadDraft<IntakeDraft>(draftId);
        const next = draft ?? { step: 0, values: newIntake(await usualProfile()) };
        if (isLive) setStart(next);
      } catch (error) {
        console.error('draft not loaded', error);
        if (isLive) setLoadFailed(true);
      }
    })();
    return () => {
      isLive = false;
    };
  }, [draftId]);

  if (hasLoadFailed) return <p role="alert">{t('unexpected', { ns: 'errors' })}</p>;
  // Wait for the gathering points too: the list must not appear under the user's thumb, nor the one point change.
  if (!start || !gatheringPoints) return <p role="status">{t('loading')}</p>;
  return <IntakeSteps draftId={draftId} start={start} gatheringPoints={gatheringPoints} />;
}

function IntakeSteps({ draftId, start, gatheringPoints }: { draftId: string; start: IntakeDraft; gatheringPoints: SpaceSummary[] }) {
  const { t } = useTranslation('intake');
  const [, navigate] = useLocation();
  // Fitted once, with the points known when the form opened; later changes to the list only change its options.
  const [defaultValues] = useState(() => fitGatheringPoint(start.values, gatheringPoints));
  const form = useForm<IntakeInput, unknown, IntakeValues>({
    // Dates and heights as people type them ("14.03.1998", "1,82") are read into the stored forms first.
    resolver: withTypedValues(zodResolver(intakeSchema)),
    defaultValues,
    mode: 'onSubmit',
  });
  const persons = useFieldArray({ control: form.control, name: 'soughtPersons' });
  const [step, setStep] = useState(() => Math.min(Math.max(0, Math.trunc(start.step)), LAST_STEP));
  const [registered, setRegistered] = useState<{ id: string; reference: string } | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const autosave = useDraftAutosave(form, draftId, step);
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const hasMoved = useRef(false);
  const checkAfterMove = useRef(false);
  const { trigger, watch, getFieldState } = form;

  // After an error, fix-as-you-type: re-check a field with an error as soon as it changes.
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      if (name && getFieldState(name).invalid) void trigger(name);
    });
    return () => subscription.unsubscribe();
  }, [watch, trigger, getFieldState]);

  useEffect(() => {
    if (!hasMoved.current) return;
    window.scrollTo(0, 0);
    if (checkAfterMove.current) {
      // Sent back here by a failed final check: show the errors and focus the first one.
      checkAfterMove.current = false;
      void trigger(stepFields(step, persons.fields.length), { shouldFocus: true });
    } else {
      heading.current?.focus();
    }
  }, [step, trigger, persons.fields.length]);

  const goTo = useCallback((next: number) => {
    hasMoved.current = true;
    setSubmitError(null);
    setStep(next);
    autosave.touch();
  }, [autosave]);

  // The step is part of the draft: save it as soon as it changes (after the render that moved it).
  const { flush } = autosave;
  useEffect(() => {
    if (hasMoved.current) void flush();
  }, [step, flush]);

  const next = async () => {
    const isValid = await trigger(stepFields(step, persons.fields.length), { shouldFocus: true });
    if (isValid) goTo(step + 1);
  };

  const register = form.handleSubmit(
    async (values) => {
      setBusy(true);
      setSubmitError(null);
      await autosave.stop();
      try {
        const result = await createInquiry(values, { draftId });
        setUnsavedInput('intake', false);
        setRegistered(result);
      } catch (error) {
        autosave.resume();
        autosave.touch();
        if (error instanceof StorageFullError) setSubmitError(t('storageFull', { ns: 'errors' }));
        else if (error instanceof MutationTooLargeError) setSubmitError(t('mutationTooLarge', { ns: 'errors', ...sizeInKb(error) }));
        else if (error instanceof ValidationError) {
          // Field-level answers from the repository (e.g. a gathering point renamed meanwhile) go on their
          // field, and the form goes back to that field's step so the message is seen where it can be fixed.
          for (const issue of error.issues) form.setError(issue.field as FieldPath<IntakeInput>, { message: issue.message });
          const first = error.issues[0];
          const target = first ? stepOfPath(first.field) : LAST_STEP;
          if (target < LAST_STEP) goTo(target);
          else setSubmitError(t('invalid', { ns: 'errors' }));
        }
        else {
          console.error('inquiry not registered', error);
          setSubmitError(t('unexpected', { ns: 'errors' }));
        }
      } finally {
        setBusy(false);
      }
    },
    (errors) => {
      const path = firstErrorPath(errors);
      checkAfterMove.current = true;
      goTo(path ? stepOfPath(path) : 0);
    },
  );

  const discard = async () => {
    await autosave.stop();
    await discardDraft(draftId);
    setUnsavedInput('intake', false);
    dialog.current?.close();
    navigate('/', { replace: true });
  };

  if (registered) return <Confirmation id={registered.id} reference={registered.reference} />;

  const stepName = STEPS[step] ?? 'review';
  const keys = persons.fields.map((f) => f.id);
  const time = autosave.savedAt ? new Intl.DateTimeFormat(document.documentElement.lang || 'uk', { timeStyle: 'short' }).format(autosave.savedAt) : null;

  return (
    <FormProvider {...form}>
      <h1 className="intake-title">{t('title')}</h1>
      <p className="step-indicator">{t('stepOf', { n: step + 1, total: STEPS.length })}</p>
      <div className="step-bar" aria-hidden="true">
        {STEPS.map((s, i) => <span key={s} data-done={i <= step} />)}
      </div>
      <h2 className="step-title" ref={heading} tabIndex={-1}>{t(`steps.${stepName}`)}</h2>
      {stepName !== 'review' && <p className="field__hint">{t('requiredNote')}</p>}
      {autosave.isStorageFull && <p role="alert" className="form-alert">{t('storageFull', { ns: 'errors' })}</p>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Enter in a text field moves on a step; only the last step registers.
          if (step < LAST_STEP) void next();
          else void register(event);
        }}
      >
        {stepName === 'inquiry' && <StepInquiry gatheringPoints={gatheringPoints} />}
        {stepName === 'family' && <StepFamily />}
        {stepName === 'consent' && <StepConsent />}
        {stepName === 'persons' && (
          <StepPersons keys={keys} onAdd={() => persons.append(emptyPerson(), { shouldFocus: true })} onRemove={(i) => persons.remove(i)} />
        )}
        {stepName === 'identifying' && <StepIdentifying keys={keys} />}
        {stepName === 'review' && <StepReview onEdit={goTo} />}
        {submitError && <p role="alert" className="form-alert">{submitError}</p>}
        <div className="form-actions form-actions--split">
          {step > 0 ? (
            <button type="button" className="form-button" onClick={() => goTo(step - 1)}>{t('back')}</button>
          ) : <span />}
          <button type="submit" className="form-button form-button--primary" disabled={isBusy}>
            {step < LAST_STEP ? t('next') : t('register')}
          </button>
        </div>
      </form>
      <p className="draft-status">{autosave.isSaving ? t('draft.saving') : time ? t('draft.savedAt', { time }) : t('draft.autosaves')}</p>
      <button type="button" className="form-button form-button--link form-button--danger" onClick={() => dialog.current?.showModal()}>
        {t('draft.discard')}
      </button>
      <dialog ref={dialog} className="form-dialog" aria-labelledby="discard-title" aria-describedby="discard-text">
        <h2 id="discard-title">{t('draft.discardTitle')}</h2>
        <p id="discard-text">{t('draft.discardText')}</p>
        <div className="form-actions">
          <button type="button" className="form-button form-button--danger" onClick={() => void discard()}>{t('draft.discardConfirm')}</button>
          <button type="button" className="form-button" onClick={() => dialog.current?.close()}>{t('draft.keep')}</button>
        </div>
      </dialog>
    </FormProvider>
  );
}

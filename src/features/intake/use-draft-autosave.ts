// Autosaves the intake form as a sealed draft while the volunteer types (debounced), and at once when the page
// is hidden or left, so a lock, an update or a dead battery loses nothing. Stopped before registering or
// discarding, so a late save can never bring a finished draft back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { IntakeInput, IntakeValues } from '@schema/inquiry.ts';
import { onBeforeLock } from '@/crypto/key-holder.ts';
import { saveDraft } from '@/db/drafts.ts';
import { StorageFullError } from '@/db/errors.ts';
import { setUnsavedInput } from '@/lib/unsaved.ts';
import type { IntakeDraft } from './intake-values.ts';

const DELAY_MS = 500;

export interface Autosave {
  /** Device time of the last successful save, for "saved 14:02". */
  savedAt: number | null;
  /** Typing not yet sealed into the draft (a save is scheduled or running). */
  isSaving: boolean;
  isStorageFull: boolean;
  /** Marks the form changed and schedules a save. */
  touch: () => void;
  /** Saves now (the step moved: a reload must come back to it). */
  flush: () => Promise<void>;
  /** Cancels pending saves and waits for one in flight; nothing is saved until `resume`. */
  stop: () => Promise<void>;
  resume: () => void;
}

export function useDraftAutosave(form: UseFormReturn<IntakeInput, unknown, IntakeValues>, draftId: string, step: number): Autosave {
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [isStorageFull, setStorageFull] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isDirty = useRef(false);
  const isStopped = useRef(false);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const stepRef = useRef(step);
  stepRef.current = step;
  const { getValues, watch } = form;

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!isDirty.current || isStopped.current) return inFlight.current;
    isDirty.current = false;
    const draft: IntakeDraft = { step: stepRef.current, values: getValues() };
    inFlight.current = inFlight.current
      .then(() => saveDraft(draftId, draft))
      .then(
        () => {
          setSavedAt(Date.now());
          setStorageFull(false);
          if (!isDirty.current) setSaving(false);
        },
        (error: unknown) => {
          // Keep the typing in the form and try again on the next change.
          isDirty.current = true;
          if (error instanceof StorageFullError) setStorageFull(true);
          else console.error('draft not saved', error);
        },
      );
    return inFlight.current;
  }, [draftId, getValues]);

  const touch = useCallback(() => {
    if (isStopped.current) return;
    isDirty.current = true;
    setSaving(true);
    setUnsavedInput('intake', true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DELAY_MS);
  }, [flush]);

  useEffect(() => {
    const subscription = watch(() => touch());
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    // "Lock now" or the idle timer may come within the debounce: seal the last typing while the key is there.
    const offBeforeLock = onBeforeLock(flush);
    return () => {
      offBeforeLock();
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      void flush();
      setUnsavedInput('intake', false);
    };
  }, [watch, touch, flush]);

  const stop = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    isStopped.current = true;
    setSaving(false);
    await inFlight.current;
  }, []);

  const resume = useCallback(() => {
    isStopped.current = false;
  }, []);

  return { savedAt, isSaving, isStorageFull, touch, flush, stop, resume };
}

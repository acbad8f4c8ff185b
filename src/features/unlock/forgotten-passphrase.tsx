// A forgotten passphrase: what can and cannot be done, in plain words. Nothing can be recovered; what was
// synced is safe on the server; the way back is to erase this phone and enrol it again — only after a
// warning that names how many unsent registrations would be lost, and a typed confirmation.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { loadVault } from './load-vault.ts';

type Step = 'closed' | 'explain' | 'confirm' | 'erasing';

export function ForgottenPassphrase() {
  const { t } = useTranslation('unlock');
  const [step, setStep] = useState<Step>('closed');
  const [unsent, setUnsent] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<'mismatch' | 'unexpected' | null>(null);
  const panelId = useId();
  const confirmRef = useRef<HTMLInputElement>(null);
  const word = t('forgot.confirmWord');

  useEffect(() => {
    if (step !== 'explain') return;
    let isCurrent = true;
    void loadVault()
      .then((vault) => vault.unsentRegistrationsBeforeErase())
      .then((count) => {
        if (isCurrent) setUnsent(count);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [step]);

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
  }, [step]);

  async function erase(event: FormEvent) {
    event.preventDefault();
    if (typed.trim().toLocaleLowerCase() !== word.toLocaleLowerCase()) {
      setProblem('mismatch');
      confirmRef.current?.focus();
      return;
    }
    setProblem(null);
    setStep('erasing');
    try {
      // The one thorough erase (database, then the browser's storage files), loaded only now: it is not
      // needed to draw the lock screen. It leaves a note that the set-up screen shows.
      const { eraseDevice } = await import('@/sync/site-storage.ts');
      await eraseDevice({ reason: 'erased', handedOver: 0, notHandedOver: unsent ?? 0 });
      // A full load: nothing of the erased database or its key stays in this page's memory.
      location.assign('/setup');
    } catch {
      setProblem('unexpected');
      setStep('confirm');
    }
  }

  const isOpen = step !== 'closed';
  return (
    <section className="forgot stack" aria-labelledby={`${panelId}-title`}>
      <h2 id={`${panelId}-title`} className="forgot__title">
        <Button className="forgot__toggle" aria-expanded={isOpen} aria-controls={panelId} onClick={() => setStep(isOpen ? 'closed' : 'explain')}>
          {t('forgot.toggle')}
        </Button>
      </h2>
      {isOpen ? (
        <div id={panelId} className="stack">
          <p>{t('forgot.cannotRecover')}</p>
          <p>{t('forgot.syncedIsSafe')}</p>
          <p>{t('forgot.wayBack')}</p>
          {unsent === null ? null : (
            <StatusMessage tone={unsent > 0 ? 'error' : 'info'}>
              {unsent > 0 ? t('forgot.unsent', { count: unsent }) : t('forgot.noneUnsent')}
            </StatusMessage>
          )}
          {step === 'explain' ? (
            <Button variant="danger" onClick={() => setStep('confirm')} disabled={unsent === null}>{t('forgot.start')}</Button>
          ) : (
            <form className="stack forgot__confirm" onSubmit={(e) => void erase(e)} noValidate>
              <TextField
                ref={confirmRef}
                label={t('forgot.confirmLabel', { word })}
                hint={unsent ? t('forgot.confirmHint', { count: unsent }) : t('forgot.confirmHintNone')}
                error={problem === 'mismatch' ? t('forgot.confirmMismatch', { word }) : undefined}
                autoComplete="off"
                autoCapitalize="characters"
                autoCorrect="off"
                spellCheck={false}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
              {problem === 'unexpected' ? <StatusMessage tone="error">{t('unexpected')}</StatusMessage> : null}
              <div className="forgot__actions">
                <Button type="submit" variant="danger" disabled={step === 'erasing'} aria-busy={step === 'erasing'}>
                  {step === 'erasing' ? t('forgot.erasing') : t('forgot.erase')}
                </Button>
                <Button onClick={() => { setStep('explain'); setTyped(''); setProblem(null); }} disabled={step === 'erasing'}>
                  {t('forgot.cancel')}
                </Button>
              </div>
            </form>
          )}
        </div>
      ) : null}
    </section>
  );
}

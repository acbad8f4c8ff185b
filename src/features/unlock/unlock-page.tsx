// The lock screen: one passphrase field. A wrong passphrase says so and changes nothing; after repeated
// failures the vault imposes a wait, which is shown as a countdown with the button disabled.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { WrongPassphraseError } from '@/crypto/keys.ts';
import { ForgottenPassphrase } from './forgotten-passphrase.tsx';
import { loadVault } from './load-vault.ts';
import { normalizePassphrase } from './normalize-passphrase.ts';
import { useCountdown } from './use-countdown.ts';

export interface UnlockPageProps {
  /** Called after a correct passphrase; the app builds the search index and returns to where the user was. */
  onUnlocked: () => Promise<void>;
}

type Problem = { kind: 'wrong' | 'empty' | 'unexpected'; attempt: number } | null;

export default function UnlockPage({ onUnlocked }: UnlockPageProps) {
  const { t } = useTranslation('unlock');
  const [passphrase, setPassphrase] = useState('');
  const [isVisible, setIsVisible] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(waitUntil);
  const inputRef = useRef<HTMLInputElement>(null);
  const isWaiting = secondsLeft > 0;

  // A reload must not skip the wait: ask the vault on arrival.
  useEffect(() => {
    let isCurrent = true;
    void loadVault()
      .then((vault) => vault.unlockWaitMs())
      .then((ms) => {
        if (isCurrent && ms > 0) setWaitUntil(Date.now() + ms);
      });
    return () => {
      isCurrent = false;
    };
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const attempt = (problem?.attempt ?? 0) + 1;
    const typed = normalizePassphrase(passphrase);
    if (!typed) {
      setProblem({ kind: 'empty', attempt });
      inputRef.current?.focus();
      return;
    }
    setIsBusy(true);
    let vault: Awaited<ReturnType<typeof loadVault>> | undefined;
    try {
      vault = await loadVault();
      await vault.unlock(typed);
      setPassphrase('');
      await onUnlocked();
    } catch (error) {
      setIsBusy(false);
      if (vault && error instanceof vault.TooManyAttemptsError) {
        setProblem(null);
        setWaitUntil(Date.now() + error.waitMs);
        return;
      }
      setProblem({ kind: error instanceof WrongPassphraseError ? 'wrong' : 'unexpected', attempt });
      setPassphrase('');
      const wait = vault ? await vault.unlockWaitMs() : 0;
      if (wait > 0) setWaitUntil(Date.now() + wait);
      inputRef.current?.focus();
    }
  }

  return (
    <Page title={t('unlock.title')} intro={t('unlock.intro')}>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          ref={inputRef}
          // The only thing to do on this screen is to type the passphrase: open the keyboard straight away.
          autoFocus
          label={t('unlock.passphrase')}
          error={problem?.kind === 'empty' ? t('unlock.empty') : undefined}
          type={isVisible ? 'text' : 'password'}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={isVisible} onChange={(e) => setIsVisible(e.target.checked)} />
          <span>{t('showPassphrase')}</span>
        </label>
        {problem?.kind === 'wrong' ? (
          <StatusMessage key={problem.attempt} tone="error">{t('unlock.wrong')}</StatusMessage>
        ) : null}
        {problem?.kind === 'unexpected' ? <StatusMessage tone="error">{t('unexpected')}</StatusMessage> : null}
        {isWaiting ? <StatusMessage tone="info">{t('unlock.wait', { count: secondsLeft })}</StatusMessage> : null}
        <Button type="submit" variant="primary" disabled={isBusy || isWaiting} aria-busy={isBusy}>
          {isBusy ? t('unlock.busy') : t('unlock.submit')}
        </Button>
      </form>
      <ForgottenPassphrase />
    </Page>
  );
}

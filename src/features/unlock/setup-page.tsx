// First run: the volunteer chooses the passphrase that seals this phone's data. The rule is told in plain
// words before typing, judged live while typing, and enforced by the same estimator the vault uses.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import type { PassphraseProblem } from '@/crypto/passphrase-strength.ts';
import { clearWipedNotice, readWipedNotice } from '@/lib/wiped-notice.ts';
import { loadVault } from './load-vault.ts';
import { normalizePassphrase } from './normalize-passphrase.ts';
import { loadStrength, usePassphraseStrength } from './use-passphrase-strength.ts';

export interface SetupPageProps {
  /** Called once the key exists; the app builds what it needs and leaves this screen. */
  onUnlocked: () => Promise<void>;
}

type Problem = { kind: 'weak'; why: PassphraseProblem } | { kind: 'mismatch' | 'unexpected' } | null;

export default function SetupPage({ onUnlocked }: SetupPageProps) {
  const { t } = useTranslation('unlock');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [isVisible, setIsVisible] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [wiped] = useState(readWipedNotice);
  const firstRef = useRef<HTMLInputElement>(null);
  const secondRef = useRef<HTMLInputElement>(null);
  const strength = usePassphraseStrength(normalizePassphrase(passphrase));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = normalizePassphrase(passphrase);
    let assessment;
    try {
      assessment = (await loadStrength()).assessPassphrase(chosen);
    } catch {
      setProblem({ kind: 'unexpected' });
      return;
    }
    if (!assessment.isAcceptable) {
      setProblem({ kind: 'weak', why: assessment.problem ?? 'guessable' });
      firstRef.current?.focus();
      return;
    }
    if (chosen !== normalizePassphrase(confirmation)) {
      setProblem({ kind: 'mismatch' });
      setConfirmation('');
      secondRef.current?.focus();
      return;
    }
    setProblem(null);
    setIsBusy(true);
    let vault: Awaited<ReturnType<typeof loadVault>> | undefined;
    try {
      vault = await loadVault();
      await vault.setUpPassphrase(chosen);
      clearWipedNotice();
      await onUnlocked();
    } catch (error) {
      setProblem(vault && error instanceof vault.PassphraseRuleError ? { kind: 'weak', why: error.problem } : { kind: 'unexpected' });
      setIsBusy(false);
    }
  }

  const type = isVisible ? 'text' : 'password';
  return (
    <Page title={t('setup.title')} intro={t('setup.intro')}>
      {wiped ? (
        <StatusMessage tone={wiped.notHandedOver > 0 ? 'error' : 'info'}>
          {t(`setup.wiped.${wiped.reason}`)}
          {wiped.handedOver > 0 ? ` ${t('setup.wiped.handedOver', { count: wiped.handedOver })}` : ''}
          {wiped.notHandedOver > 0 ? ` ${t('setup.wiped.notHandedOver', { count: wiped.notHandedOver })}` : ''}
        </StatusMessage>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          ref={firstRef}
          label={t('setup.passphrase')}
          hint={t('setup.rule')}
          status={strength === null || problem?.kind === 'weak' ? '' : strength.isAcceptable ? t('setup.strong') : t(`setup.problems.${strength.problem ?? 'guessable'}`)}
          error={problem?.kind === 'weak' ? t('setup.weak', { why: t(`setup.problems.${problem.why}`) }) : undefined}
          type={type}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.target.value);
            // The live feedback takes over again once the volunteer changes what was refused.
            if (problem?.kind === 'weak') setProblem(null);
          }}
        />
        <TextField
          ref={secondRef}
          label={t('setup.confirm')}
          error={problem?.kind === 'mismatch' ? t('setup.mismatch') : undefined}
          type={type}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={isVisible} onChange={(e) => setIsVisible(e.target.checked)} />
          <span>{t('showPassphrase')}</span>
        </label>
        <p className="muted">{t('setup.warning')}</p>
        {problem?.kind === 'unexpected' ? <StatusMessage tone="error">{t('unexpected')}</StatusMessage> : null}
        <Button type="submit" variant="primary" disabled={isBusy} aria-busy={isBusy}>
          {isBusy ? t('setup.busy') : t('setup.submit')}
        </Button>
      </form>
    </Page>
  );
}

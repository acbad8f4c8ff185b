// First run: the volunteer chooses the passphrase that seals this phone's data. The rule is told in plain
// words before typing and enforced by the same function the vault uses.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { TextField } from '@/components/text-field.tsx';
import { isAcceptablePassphrase } from '@/crypto/keys.ts';
import { clearWipedNotice, readWipedNotice } from '@/lib/wiped-notice.ts';
import { loadVault } from './load-vault.ts';
import { normalizePassphrase } from './normalize-passphrase.ts';

export interface SetupPageProps {
  /** Called once the key exists; the app builds what it needs and leaves this screen. */
  onUnlocked: () => Promise<void>;
}

type Problem = 'weak' | 'mismatch' | 'unexpected' | null;

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

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = normalizePassphrase(passphrase);
    if (!isAcceptablePassphrase(chosen)) {
      setProblem('weak');
      firstRef.current?.focus();
      return;
    }
    if (chosen !== normalizePassphrase(confirmation)) {
      setProblem('mismatch');
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
      setProblem(vault && error instanceof vault.PassphraseRuleError ? 'weak' : 'unexpected');
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
          error={problem === 'weak' ? t('setup.weak') : undefined}
          type={type}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <TextField
          ref={secondRef}
          label={t('setup.confirm')}
          error={problem === 'mismatch' ? t('setup.mismatch') : undefined}
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
        {problem === 'unexpected' ? <StatusMessage tone="error">{t('unexpected')}</StatusMessage> : null}
        <Button type="submit" variant="primary" disabled={isBusy} aria-busy={isBusy}>
          {isBusy ? t('setup.busy') : t('setup.submit')}
        </Button>
      </form>
    </Page>
  );
}

// What this device's sync is doing, in plain words: what waits to be sent, when it last synced (relative
// and in device time), what failed, "Sync now", and signing out of the server (warning first if unsynced).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { formatDateTime } from '@/lib/i18n.ts';
import { syncNow } from '@/sync/engine.ts';
import { useSyncStatus } from '@/sync/use-sync-status.ts';
import { formatRelative } from './relative-time.ts';
import { signOutOfServer } from './sign-out.ts';
import { useNow } from './use-now.ts';
import './sync.css';

export interface SyncStatusPanelProps {
  /** Off where the panel is only a summary (e.g. a header); on the sync page the user may sign out. */
  canSignOut?: boolean;
}

type SignOutStep = 'idle' | 'confirm' | 'busy' | 'done' | 'doneLocally' | 'failed';

export function SyncStatusPanel({ canSignOut = true }: SyncStatusPanelProps) {
  const { t, i18n } = useTranslation('sync');
  const status = useSyncStatus();
  const now = useNow();
  const headingId = useId();
  const [signOut, setSignOut] = useState<SignOutStep>('idle');
  const isEnrolled = status.enrolment !== null;
  const isSyncing = status.phase === 'syncing';

  async function confirmSignOut() {
    setSignOut('busy');
    try {
      const { isServerConfirmed } = await signOutOfServer();
      setSignOut(isServerConfirmed ? 'done' : 'doneLocally');
    } catch {
      setSignOut('failed');
    }
  }

  function askSignOut() {
    // Unsynced changes would stay on this phone with no way to send them: say so before going on.
    if (status.pending > 0) setSignOut('confirm');
    else void confirmSignOut();
  }

  // The same summary as the header's line (sync/sync-summary.ts): the two can never contradict each other.
  const phaseText = {
    not_enrolled: t('panel.notEnrolled'),
    offline: t('panel.noNetwork'),
    unreachable: t('panel.offline'),
    syncing: t('panel.syncing'),
    failed: t('panel.failedShort'),
    working: t('panel.ready'),
  }[status.summary];
  const isOut = status.summary === 'offline' || status.summary === 'unreachable';

  return (
    <section className="card stack sync-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('panel.title')}</h2>
      <p role="status" className="sync-panel__phase">{phaseText}</p>
      {isEnrolled ? (
        <p className="sync-panel__pending">
          {status.pending === 0 ? t('panel.nothingPending') : t('panel.pending', { count: status.pending })}
        </p>
      ) : status.pending > 0 ? (
        // Nothing is sent without a server: say where the changes are, not that they "wait".
        <p className="sync-panel__pending">{t('panel.pendingLocal', { count: status.pending })}</p>
      ) : null}
      {isEnrolled ? (
        <p>
          {status.lastSyncAt === null
            ? t('panel.neverSynced')
            : t('panel.lastSync', {
                relative: now - status.lastSyncAt < 60_000 ? t('panel.justNow') : formatRelative(status.lastSyncAt, now, i18n.language),
                time: formatDateTime(status.lastSyncAt, i18n.language),
              })}
        </p>
      ) : null}
      {/* Offline is already said by the phase line; other failures get their reason. */}
      {isEnrolled && status.lastError && !isSyncing && !(status.lastError === 'offline' && isOut) ? (
        <StatusMessage tone={status.lastError === 'offline' ? 'info' : 'error'}>
          {t('panel.failed', { reason: t([`errors.${status.lastError}`, 'errors.unexpected']) })}
        </StatusMessage>
      ) : null}
      {isEnrolled && status.rejected > 0 ? (
        <StatusMessage tone="info">{t('panel.rejected', { count: status.rejected })}</StatusMessage>
      ) : null}
      {isEnrolled && status.tooLarge > 0 ? (
        <StatusMessage tone="error">{t('panel.tooLarge', { count: status.tooLarge })}</StatusMessage>
      ) : null}
      {isEnrolled ? (
        <div className="sync-panel__actions">
          <Button variant="primary" onClick={() => void syncNow()} disabled={isSyncing}>
            {isSyncing ? t('panel.syncingButton') : t('panel.syncNow')}
          </Button>
          {canSignOut && signOut !== 'confirm' ? (
            <Button onClick={askSignOut} disabled={signOut === 'busy'}>{t('panel.signOut')}</Button>
          ) : null}
        </div>
      ) : null}
      {signOut === 'confirm' && isEnrolled ? (
        <div className="sync-panel__confirm stack" role="alertdialog" aria-labelledby={`${headingId}-warn`} aria-describedby={`${headingId}-warn-text`}>
          <h3 id={`${headingId}-warn`}>{t('signOut.warnTitle')}</h3>
          <p id={`${headingId}-warn-text`}>{t('signOut.warnText', { count: status.pending })}</p>
          <div className="sync-panel__actions">
            <Button variant="primary" autoFocus onClick={() => { setSignOut('idle'); void syncNow(); }}>{t('signOut.syncFirst')}</Button>
            <Button variant="danger" onClick={() => void confirmSignOut()}>{t('signOut.anyway')}</Button>
            <Button onClick={() => setSignOut('idle')}>{t('signOut.cancel')}</Button>
          </div>
        </div>
      ) : null}
      {signOut === 'done' ? <StatusMessage tone="ok">{t('signOut.done')}</StatusMessage> : null}
      {signOut === 'doneLocally' ? <StatusMessage tone="info">{t('signOut.doneLocally')}</StatusMessage> : null}
      {signOut === 'failed' ? <StatusMessage tone="error">{t('signOut.failed')}</StatusMessage> : null}
    </section>
  );
}

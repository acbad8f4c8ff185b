// The devices of the coordinator's gathering points (and the coordinator's own): who, where, last seen,
// status, and revoking a lost or seized phone after a confirmation that says what revoking does.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceSummary } from '@schema/protocol.ts';
import type { Device } from '@schema/admin.ts';
import { API } from '@schema/api.ts';
import { call } from '@/api/client.ts';
import { apiErrorCode } from '@/api/errors.ts';
import { useApiData } from '@/api/use-api-data.ts';
import { Button } from '@/components/button.tsx';
import { StatusMessage } from '@/components/status-message.tsx';
import { ApiProblem } from './api-problem.tsx';
import { formatServerTime } from './format-value.ts';

const loadDevices = async () => (await call(API.listDevices)).devices;

export function DevicesSection({ spaces }: { spaces: SpaceSummary[] }) {
  const { t } = useTranslation('coordinator');
  const headingId = useId();
  const devices = useApiData(loadDevices);
  const [revoked, setRevoked] = useState<string | null>(null);
  const spaceName = (id: string | null) => (id === null ? t('devices.allSpaces') : (spaces.find((s) => s.id === id)?.name ?? t('devices.unknownSpace')));

  return (
    <section className="stack" aria-labelledby={headingId}>
      <div className="coordinator-heading-row">
        <h2 id={headingId}>{t('devices.title')}</h2>
        <Button onClick={devices.reload} disabled={devices.isLoading}>{t('refresh')}</Button>
      </div>
      {devices.error ? <ApiProblem code={devices.error} onRetry={devices.reload} /> : null}
      {revoked ? <StatusMessage tone="ok">{t('devices.revokedDone', { label: revoked })}</StatusMessage> : null}
      {devices.data === undefined ? (
        devices.isLoading ? <p className="muted">{t('loading')}</p> : null
      ) : devices.data.length === 0 ? (
        <p className="muted">{t('devices.empty')}</p>
      ) : (
        <ul className="plain-list stack">
          {devices.data.map((device) => (
            <li key={device.id}>
              <DeviceCard
                device={device}
                spaceName={spaceName(device.spaceId)}
                onRevoked={() => {
                  setRevoked(device.label);
                  devices.reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DeviceCard({ device, spaceName, onRevoked }: { device: Device; spaceName: string; onRevoked: () => void }) {
  const { t, i18n } = useTranslation('coordinator');
  const headingId = useId();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const status = device.revokedAt
    ? t(`devices.status.${device.revokedReason === 'signed_out' ? 'signedOut' : 'revoked'}`, { time: formatServerTime(device.revokedAt, i18n.language) })
    : device.isCurrent
      ? t('devices.status.current')
      : t('devices.status.active');

  async function revoke() {
    setFailure(null);
    setIsBusy(true);
    try {
      await call(API.revokeDevice, { params: { id: device.id } });
      setIsConfirming(false);
      onRevoked();
    } catch (error) {
      setFailure(apiErrorCode(error));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{device.label}</h3>
      <dl className="facts">
        <div>
          <dt>{t('devices.user')}</dt>
          <dd>{t('devices.userValue', { name: device.user.name, role: t(`roles.${device.user.role}`) })}</dd>
        </div>
        <div>
          <dt>{t('devices.space')}</dt>
          <dd>{spaceName}</dd>
        </div>
        <div>
          <dt>{t('devices.lastSeen')}</dt>
          <dd>{device.lastSeenAt ? formatServerTime(device.lastSeenAt, i18n.language) : t('devices.neverSeen')}</dd>
        </div>
        <div>
          <dt>{t('devices.statusLabel')}</dt>
          <dd>{status}</dd>
        </div>
        {device.revokedAt && device.revokedReason !== 'signed_out' ? (
          <>
            <div>
              <dt>{t('devices.wiped')}</dt>
              <dd>{device.wipedAt ? formatServerTime(device.wipedAt, i18n.language) : t('devices.notWiped')}</dd>
            </div>
            <div>
              <dt>{t('devices.handedOver')}</dt>
              <dd>{t('devices.handedOverValue', { count: device.quarantinedCount })}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {failure ? <ApiProblem code={failure} /> : null}
      {!device.revokedAt && !device.isCurrent && !isConfirming ? (
        <Button variant="danger" onClick={() => setIsConfirming(true)} aria-label={t('devices.revokeNamed', { label: device.label })}>
          {t('devices.revoke')}
        </Button>
      ) : null}
      {isConfirming ? (
        <div className="coordinator-confirm stack" role="alertdialog" aria-labelledby={`${headingId}-confirm`} aria-describedby={`${headingId}-confirm-text`}>
          <h4 id={`${headingId}-confirm`}>{t('devices.confirmTitle', { label: device.label })}</h4>
          <p id={`${headingId}-confirm-text`}>{t('devices.confirmText')}</p>
          <div className="coordinator-actions">
            <Button variant="danger" onClick={() => void revoke()} disabled={isBusy}>{t('devices.confirm')}</Button>
            <Button autoFocus onClick={() => setIsConfirming(false)}>{t('cancel')}</Button>
          </div>
        </div>
      ) : null}
    </article>
  );
}

// Settings on this device: language, auto-lock timeouts, the volunteer's profile, storage, lock, version.
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/button.tsx';
import { Page } from '@/components/page.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { LANGUAGES, setLanguage, type Language } from '@/lib/i18n.ts';
import { BACKGROUND_SECOND_CHOICES, IDLE_MINUTE_CHOICES, setAutoLockSettings } from './auto-lock-settings.ts';
import { ProfileSection } from './profile-section.tsx';
import { useAutoLockSettings } from './use-auto-lock-settings.ts';
import { useStorageInfo } from './use-storage-info.ts';

export interface SettingsPageProps {
  version: string;
  onLockNow: () => void;
}

/** Each language's name in itself, so someone who cannot read the current language still finds theirs. */
const LANGUAGE_NAMES: Record<Language, string> = { uk: 'Українська', en: 'English' };

export default function SettingsPage({ version, onLockNow }: SettingsPageProps) {
  const { t, i18n } = useTranslation('settings');
  const autoLock = useAutoLockSettings();
  const { info, requestPersistence } = useStorageInfo();
  const locale = i18n.language === 'en' ? 'en-GB' : 'uk-UA';
  const size = (bytes: number) =>
    bytes >= 1e9
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 }).format(bytes / 1e9)
      : new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: bytes < 10e6 ? 1 : 0 }).format(bytes / 1e6);

  return (
    <Page title={t('title')}>
      <section className="card stack" aria-labelledby="language-heading">
        <h2 id="language-heading">{t('language.title')}</h2>
        <fieldset className="choices">
          <legend className="visually-hidden">{t('language.title')}</legend>
          {LANGUAGES.map((lng) => (
            <label key={lng} className="choice" lang={lng}>
              <input
                type="radio"
                name="language"
                value={lng}
                checked={i18n.language === lng}
                onChange={() => void setLanguage(lng)}
              />
              <span>{LANGUAGE_NAMES[lng]}</span>
            </label>
          ))}
        </fieldset>
      </section>

      <section className="card stack" aria-labelledby="autolock-heading">
        <h2 id="autolock-heading">{t('autoLock.title')}</h2>
        <SelectField
          label={t('autoLock.idle')}
          value={String(autoLock.idleMinutes)}
          options={IDLE_MINUTE_CHOICES.map((n) => ({ value: String(n), label: t('minutes', { count: n }) }))}
          onChange={(e) => setAutoLockSettings({ idleMinutes: Number(e.target.value) })}
        />
        <SelectField
          label={t('autoLock.background')}
          hint={t('autoLock.backgroundHint')}
          value={String(autoLock.backgroundSeconds)}
          options={BACKGROUND_SECOND_CHOICES.map((n) => ({
            value: String(n),
            label: n % 60 === 0 ? t('minutes', { count: n / 60 }) : t('seconds', { count: n }),
          }))}
          onChange={(e) => setAutoLockSettings({ backgroundSeconds: Number(e.target.value) })}
        />
        <Button variant="primary" onClick={onLockNow}>{t('lockNow')}</Button>
      </section>

      <ProfileSection />

      <section className="card stack" aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('storage.title')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('storage.persistent')}</dt>
            <dd>{info.isPersistent === null ? t('storage.unknown') : info.isPersistent ? t('storage.yes') : t('storage.no')}</dd>
          </div>
          <div>
            <dt>{t('storage.used')}</dt>
            <dd>
              {info.usage === null || info.quota === null
                ? t('storage.unknown')
                : t('storage.usage', { used: size(info.usage), quota: size(info.quota) })}
            </dd>
          </div>
          <div>
            <dt>{t('storage.offline')}</dt>
            <dd>{info.isOfflineReady ? t('storage.yes') : t('storage.notYet')}</dd>
          </div>
        </dl>
        {info.isPersistent === false ? (
          <>
            <p className="muted">{t('storage.notPersistentHint')}</p>
            <Button onClick={() => void requestPersistence()}>{t('storage.ask')}</Button>
          </>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('about.title')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('about.version')}</dt>
            <dd>{version}</dd>
          </div>
        </dl>
      </section>
    </Page>
  );
}

// i18n: Ukrainian by default, English complete, the choice remembered on the device (plaintext, it is not
// personal). Plural rules come from Intl.PluralRules, so Ukrainian gets its own one/few/many forms.
// Each feature owns a namespace file per language in src/locales/<lng>/<namespace>.json.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ukCommon from '@/locales/uk/common.json';
import enCommon from '@/locales/en/common.json';
import ukErrors from '@/locales/uk/errors.json';
import enErrors from '@/locales/en/errors.json';
import ukUnlock from '@/locales/uk/unlock.json';
import enUnlock from '@/locales/en/unlock.json';

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'rodyna.language';

export function storedLanguage(): Language {
  const value = globalThis.localStorage?.getItem(STORAGE_KEY);
  return value === 'en' ? 'en' : 'uk';
}

/** Namespaces loaded on demand by the screen that needs them, so the first load stays small. */
const lazyNamespaces: Record<string, Record<Language, () => Promise<{ default: Record<string, unknown> }>>> = {};

export function registerNamespace(ns: string, loaders: Record<Language, () => Promise<{ default: Record<string, unknown> }>>): void {
  lazyNamespaces[ns] = loaders;
}

export async function loadNamespace(ns: string): Promise<void> {
  const loaders = lazyNamespaces[ns];
  if (!loaders) return;
  await Promise.all(
    LANGUAGES.filter((lng) => !i18next.hasResourceBundle(lng, ns)).map(async (lng) => {
      i18next.addResourceBundle(lng, ns, (await loaders[lng]()).default, true, true);
    }),
  );
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: storedLanguage(),
    fallbackLng: 'uk',
    supportedLngs: [...LANGUAGES],
    // Bundled: every start shows a lock screen (set-up or unlock), so its strings are always needed at once.
    ns: ['common', 'errors', 'unlock'],
    defaultNS: 'common',
    resources: {
      uk: { common: ukCommon, errors: ukErrors, unlock: ukUnlock },
      en: { common: enCommon, errors: enErrors, unlock: enUnlock },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and style: building one costs far more than formatting, and lists format every row. */
function formatter(locale: string, style: 'month' | 'day' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : style === 'day' ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' };
    formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  }
  return f;
}

/** Dates in the chosen locale's format; partial dates (year or year-month) stay partial. */
export function formatPartialDate(value: string, language: string): string {
  if (!value) return '';
  const [y, m, d] = value.split('-').map(Number);
  const locale = language === 'uk' ? 'uk-UA' : 'en-GB';
  if (y === undefined) return value;
  if (m === undefined) return String(y);
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  return formatter(locale, d === undefined ? 'month' : 'day').format(date);
}

export function formatDateTime(ms: number, language: string): string {
  return formatter(language === 'uk' ? 'uk-UA' : 'en-GB', 'dateTime').format(ms);
}

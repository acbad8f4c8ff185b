// Shows a recorded value from the server (any JSON) as plain text for review: conflicts and history.
import type { TFunction } from 'i18next';

export function formatValue(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('coordinator:value.empty');
  if (typeof value === 'boolean') return value ? t('coordinator:value.yes') : t('coordinator:value.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(t, v)).join(', ') : t('coordinator:value.empty');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return t('coordinator:value.empty');
    return entries.map(([key, v]) => `${key}: ${formatValue(t, v)}`).join('; ');
  }
  return JSON.stringify(value);
}

/** Server time (ISO) in the reader's format. */
export function formatServerTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'uk-UA', { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

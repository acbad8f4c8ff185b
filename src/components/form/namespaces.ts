// Lazy i18n namespaces of the inquiry screens: `intake` (the form, and the labels of every recorded field and
// enum value, reused by the detail page) and `inquiries` (list and detail). Loaded when a screen needs them.
import { loadNamespace, registerNamespace } from '@/lib/i18n.ts';

registerNamespace('intake', {
  uk: () => import('@/locales/uk/intake.json'),
  en: () => import('@/locales/en/intake.json'),
});
registerNamespace('inquiries', {
  uk: () => import('@/locales/uk/inquiries.json'),
  en: () => import('@/locales/en/inquiries.json'),
});

export type FormNamespace = 'intake' | 'inquiries';

export async function loadFormNamespaces(namespaces: readonly FormNamespace[]): Promise<void> {
  await Promise.all(namespaces.map((ns) => loadNamespace(ns)));
}

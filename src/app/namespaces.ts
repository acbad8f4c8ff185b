// Registers every per-feature translation namespace (src/locales/<lng>/<ns>.json) for loading on demand;
// common, errors and unlock are bundled by lib/i18n. A glob, so a feature's new namespace needs no edit here.
import { LANGUAGES, loadNamespace, registerNamespace, type Language } from '@/lib/i18n.ts';

type Loader = () => Promise<{ default: Record<string, unknown> }>;

const files = import.meta.glob<{ default: Record<string, unknown> }>([
  '../locales/*/*.json',
  '!../locales/*/common.json',
  '!../locales/*/errors.json',
  '!../locales/*/unlock.json',
]);

const byNamespace = new Map<string, Partial<Record<Language, Loader>>>();
for (const [path, loader] of Object.entries(files)) {
  const match = /\/locales\/([a-z]+)\/([\w-]+)\.json$/.exec(path);
  const lng = match?.[1] as Language | undefined;
  const ns = match?.[2];
  if (!lng || !ns || !LANGUAGES.includes(lng)) continue;
  byNamespace.set(ns, { ...byNamespace.get(ns), [lng]: loader });
}
for (const [ns, loaders] of byNamespace) {
  const uk = loaders.uk;
  // English falls back to Ukrainian rather than showing raw keys if a file is missing.
  if (uk) registerNamespace(ns, { uk, en: loaders.en ?? uk });
}

export function loadNamespaces(...namespaces: string[]): Promise<void> {
  return Promise.all(namespaces.map((ns) => loadNamespace(ns))).then(() => undefined);
}

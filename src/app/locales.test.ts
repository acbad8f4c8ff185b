// The shell's translations: Ukrainian plural forms of the sync backlog, and English and Ukrainian files
// that cover the same keys, so no screen shows a raw key in either language.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import enCommon from '@/locales/en/common.json';
import ukCommon from '@/locales/uk/common.json';

async function translator(lng: 'uk' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, showSupportNotice: false, resources: { uk: { common: ukCommon }, en: { common: enCommon } }, defaultNS: 'common' });
  return i18n.t;
}

describe('changes waiting to sync', () => {
  it('uses the Ukrainian one / few / many forms', async () => {
    const t = await translator('uk');
    const say = (count: number) => t('pending', { count });
    expect(say(1)).toBe('1 зміна чекає синхронізації');
    expect(say(21)).toBe('21 зміна чекає синхронізації');
    expect(say(2)).toBe('2 зміни чекають синхронізації');
    expect(say(24)).toBe('24 зміни чекають синхронізації');
    expect(say(5)).toBe('5 змін чекають синхронізації');
    expect(say(11)).toBe('11 змін чекають синхронізації');
    expect(say(12)).toBe('12 змін чекають синхронізації');
    expect(say(100)).toBe('100 змін чекають синхронізації');
  });

  it('uses the English one / other forms', async () => {
    const t = await translator('en');
    expect(t('pending', { count: 1 })).toBe('1 change waiting to sync');
    expect(t('pending', { count: 3 })).toBe('3 changes waiting to sync');
  });
});

/** Keys with plural suffixes folded, since Ukrainian has more forms than English. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|few|many|other)$/, '')];
  return [...new Set(Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)))].sort();
}

// Every namespace file there is, so a new feature's strings are checked without an edit here.
const files = import.meta.glob<{ default: unknown }>('../locales/*/*.json', { eager: true });
const namespaces = [...new Set(Object.keys(files).map((path) => /\/([\w-]+)\.json$/.exec(path)?.[1] ?? path))].sort();

describe('locale files', () => {
  it('exist for every namespace in both languages', () => {
    expect(namespaces.length).toBeGreaterThanOrEqual(9);
    for (const ns of namespaces) {
      expect(files[`../locales/uk/${ns}.json`], `uk/${ns}.json`).toBeDefined();
      expect(files[`../locales/en/${ns}.json`], `en/${ns}.json`).toBeDefined();
    }
  });

  it.each(namespaces)('%s has the same keys in Ukrainian and English', (ns) => {
    expect(keys(files[`../locales/en/${ns}.json`]?.default)).toEqual(keys(files[`../locales/uk/${ns}.json`]?.default));
  });
});

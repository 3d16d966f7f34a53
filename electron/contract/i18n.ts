import i18next, { type i18n } from 'i18next';
import { catalogs } from './messages';
import type { Language } from './when';

// One i18next instance over the catalogs, for the popup (React escapes) and the health report
// (agent/report/document.ts escapes what it puts into HTML).

/** One i18next instance over the shared catalogs; the agent's resolved language drives it. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'nl',
    supportedLngs: ['nl', 'en'],
    resources: { nl: { translation: catalogs.nl }, en: { translation: catalogs.en } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** True when `key` names a sentence in the catalog (not a missing key, not a whole section). */
export function hasText(instance: i18n, key: string): boolean {
  return typeof instance.getResource(instance.language, 'translation', key) === 'string';
}

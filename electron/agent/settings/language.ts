import type { Language, LanguagePreference } from '../../contract';

/**
 * The language the UI speaks: the user's own choice; else the one an admin set in the managed
 * configuration; else the first OS language we speak (nl or en); else Dutch, the house language.
 */
export function resolveLanguage(
  preference: LanguagePreference,
  managed: LanguagePreference | undefined,
  systemLanguages: readonly string[],
): Language {
  if (preference !== 'system') return preference;
  if (managed && managed !== 'system') return managed;
  for (const tag of systemLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'nl' || primary === 'en') return primary;
  }
  return 'nl';
}

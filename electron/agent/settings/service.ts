import { join } from 'node:path';
import { z } from 'zod';
import { LanguagePreference } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import type { SliceStore } from '../capability';
import { DEFAULT_REMOTE_END_SHORTCUT, DEFAULT_REPORT_SHORTCUT } from './shortcut';
import { resolveLanguage } from './language';

const SettingsFile = z.object({ languagePreference: LanguagePreference });

export interface SettingsService {
  load(): Promise<void>;
  setLanguage(preference: LanguagePreference): Promise<void>;
}

/** The user's own choices (now: the language), kept in the data folder across restarts. */
export function createSettingsService(deps: {
  store: SliceStore<'settings'>;
  log: Logger;
  dataDir: string;
  managedLanguage: () => LanguagePreference | undefined;
  managedShortcut: () => string | undefined;
  managedEndShortcut: () => string | undefined;
  systemLanguages: readonly string[];
}): SettingsService {
  const file = join(deps.dataDir, 'settings.json');

  function apply(preference: LanguagePreference): void {
    deps.store.set('settings', {
      languagePreference: preference,
      language: resolveLanguage(preference, deps.managedLanguage(), deps.systemLanguages),
      reportShortcut: deps.managedShortcut() ?? DEFAULT_REPORT_SHORTCUT,
      remoteEndShortcut: deps.managedEndShortcut() ?? DEFAULT_REMOTE_END_SHORTCUT,
    });
  }

  return {
    async load() {
      const read = await readJsonFile(file);
      if (!read.ok) {
        if (!read.missing) deps.log.warn('settings file unreadable, using defaults', { file, detail: read.detail });
        apply('system');
        return;
      }
      const parsed = SettingsFile.safeParse(read.value);
      if (!parsed.success) deps.log.warn('settings file invalid, using defaults', { file, detail: parsed.error.message });
      apply(parsed.success ? parsed.data.languagePreference : 'system');
    },
    async setLanguage(preference) {
      apply(preference); // the UI answers at once; a disk failure only costs persistence
      try {
        await writeFileAtomic(file, JSON.stringify({ languagePreference: preference }));
      } catch (error) {
        deps.log.warn('could not save settings', { file, error: String(error) });
      }
    },
  };
}

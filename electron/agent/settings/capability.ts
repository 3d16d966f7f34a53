import { defineCapability } from '../capability';
import { DEFAULT_REMOTE_END_SHORTCUT, DEFAULT_REPORT_SHORTCUT } from './shortcut';
import { createSettingsService } from './service';

/** The user's own choices (the language) and the managed ones that shape the UI (the shortcut). */
export const settingsCapability = defineCapability({
  name: 'settings',
  slices: ['settings'],
  initial: () => ({ settings: { languagePreference: 'system', language: 'nl', reportShortcut: DEFAULT_REPORT_SHORTCUT, remoteEndShortcut: DEFAULT_REMOTE_END_SHORTCUT } }),
  create(ctx, store) {
    const settings = createSettingsService({
      store,
      log: ctx.log,
      dataDir: ctx.dataDir,
      managedLanguage: () => ctx.config().config.language,
      managedShortcut: () => ctx.config().config.reportShortcut,
      managedEndShortcut: () => ctx.config().config.remoteEndShortcut,
      systemLanguages: ctx.options.systemLanguages,
    });
    return {
      actions: { 'settings.setLanguage': ({ language }) => settings.setLanguage(language) },
      start: () => settings.load(),
    };
  },
});

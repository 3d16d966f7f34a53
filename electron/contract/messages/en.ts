import type { Catalog } from './index';

export const en: Catalog = {
  overall: {
    ok: 'All is well',
    attention: 'Needs attention',
    problem: 'There is a problem',
    offline: 'No contact with hallo,',
  },
  tray: {
    tooltip: 'hallo, – {{state}}',
    open: 'Open',
    report: 'Report a problem',
    language: 'Language',
    languageSystem: 'Same as the system',
    languageNl: 'Nederlands',
    languageEn: 'English',
    quit: 'Quit',
  },
};

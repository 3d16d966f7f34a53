// The Dutch catalog: the default language. Keys are shared with en.ts (checked by a test).
// Plain words for employees: short sentences, no jargon, say what to do next.
export const nl = {
  overall: {
    ok: 'Alles in orde',
    attention: 'Let op',
    problem: 'Er is een probleem',
    offline: 'Geen contact met hallo,',
  },
  tray: {
    tooltip: 'hallo, – {{state}}',
    open: 'Openen',
    report: 'Meld een probleem',
    language: 'Taal',
    languageSystem: 'Zoals het systeem',
    languageNl: 'Nederlands',
    languageEn: 'English',
    quit: 'Afsluiten',
  },
};

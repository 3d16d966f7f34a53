// The security baseline of ARCHITECTURE.md for every window of ours, written out as a literal so
// that electronegativity sees it; tests/shell/popup.test.ts and restart-window.test.ts check it
// stays exactly this. Auxclick off: a middle click must not even try to open a window.
export function baselineWebPreferences(preload: string) {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    preload,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  };
}

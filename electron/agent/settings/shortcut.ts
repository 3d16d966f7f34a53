// Ctrl+Alt+H everywhere. Not CommandOrControl: on a Mac that is Cmd+Option+H, the system's "Hide Others".
export const DEFAULT_REPORT_SHORTCUT = 'Control+Alt+H';

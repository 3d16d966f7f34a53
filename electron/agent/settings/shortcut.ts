// Ctrl+Alt+H everywhere. Not CommandOrControl: on a Mac that is Cmd+Option+H, the system's "Hide Others".
export const DEFAULT_REPORT_SHORTCUT = 'Control+Alt+H';
// Ends a running remote-support session (E for "einde"); registered only while one runs.
export const DEFAULT_REMOTE_END_SHORTCUT = 'Control+Alt+E';

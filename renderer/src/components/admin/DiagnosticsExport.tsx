import type { AdminActions } from './actions';

/** "Diagnose exporteren": what the zip holds, listed first, then saved (a save dialog in the app, a download in the preview). SKELETON (issue 14). */
export function DiagnosticsExport(props: { contents: AdminActions['admin.diagnosticsContents']; exportZip: AdminActions['admin.exportDiagnostics'] }) {
  void props;
  return null;
}

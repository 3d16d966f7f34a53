import type { PopupBridge } from '../../bridge/types';

/** The popup's actions that the admin view's cards send, as the bridge has them. */
export type AdminActions = Pick<
  PopupBridge['actions'],
  'selfUpdate.check' | 'admin.readLog' | 'admin.readPolicy' | 'admin.diagnosticsContents' | 'admin.exportDiagnostics' | 'report.make'
>;

import { ActionError } from '../../contract';
import { defineCapability } from '../capability';

/** For on-site admins: the log, and "Diagnose exporteren" (ctx.ports.admin.save). SKELETON (issue 14). */
export const adminCapability = defineCapability({
  name: 'admin',
  slices: [],
  initial: () => ({}),
  create() {
    const notYet = () => {
      throw new ActionError('unavailable', 'not built yet');
    };
    return {
      actions: {
        'admin.readLog': notYet,
        'admin.diagnosticsContents': notYet,
        'admin.exportDiagnostics': notYet,
      },
    };
  },
});

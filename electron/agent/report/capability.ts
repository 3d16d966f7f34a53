import { ActionError } from '../../contract';
import { defineCapability } from '../capability';

/** "Rapport maken": this PC's health report as HTML or PDF (ctx.ports.admin.pdf, .save). SKELETON (issue 14). */
export const reportCapability = defineCapability({
  name: 'report',
  slices: [],
  initial: () => ({}),
  create() {
    return {
      actions: {
        'report.make': () => {
          throw new ActionError('unavailable', 'not built yet');
        },
      },
    };
  },
});

import { ActionError, type SaveOutcome } from '../../contract';
import { defineCapability } from '../capability';
import { exportMasker } from '../platform/export-mask';
import { reportFileName } from '../platform/export-name';

/**
 * "Rapport maken": this PC's health report (report/document.ts) as one HTML file, or printed to
 * an A4 PDF by ctx.ports.admin.pdf (Electron's printToPDF, the preview's Chromium); then saved
 * where the admin chooses (ctx.ports.admin.save). Nothing is kept: each report is made anew.
 */
export const reportCapability = defineCapability({
  name: 'report',
  slices: [],
  initial: () => ({}),
  create(ctx, store) {
    const log = ctx.log.child('report');
    return {
      actions: {
        'report.make': async ({ language, format }): Promise<SaveOutcome> => {
          const save = ctx.ports.admin?.save;
          if (!save) throw new ActionError('unavailable', 'this shell cannot save files');
          const pdf = ctx.ports.admin?.pdf;
          if (format === 'pdf' && !pdf) throw new ActionError('unavailable', 'this shell cannot print a PDF');
          const print = format === 'pdf' ? pdf : undefined;
          const now = ctx.clock.now();
          const state = store.get();
          // The document's modules (i18next and the catalogs' plurals among them) load at the first report, not at start.
          const { reportHtml } = await import('./document');
          const html = reportHtml({ state, language, now, mask: await exportMasker(ctx) });
          const bytes = print
            ? await print.render(html).catch((error: unknown) => {
                log.warn('report not printed', { error: String(error) });
                throw new ActionError('render-failed', String(error));
              })
            : new TextEncoder().encode(html);
          const suggestedName = reportFileName(state.device?.hostname ?? '', now, state.support.timeZone, format);
          const contentType = format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8';
          const outcome = await save.save({ suggestedName, contentType, bytes }).catch((error: unknown) => {
            log.warn('report not saved', { code: error instanceof ActionError ? error.code : String(error) });
            throw error;
          });
          log.info('report made', { format, language, outcome: outcome.outcome, bytes: bytes.byteLength });
          return outcome;
        },
      },
    };
  },
});

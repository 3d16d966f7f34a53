import { ActionError } from '../../contract';
import { defineCapability } from '../capability';
import { exportMasker } from '../platform/export-mask';
import { diagnoseFileName } from '../platform/export-name';
import { readLog, readTail } from './log-read';

/** For on-site admins: the log, and "Diagnose exporteren" (saved through ctx.ports.admin.save). */
export const adminCapability = defineCapability({
  name: 'admin',
  slices: [],
  initial: () => ({}),
  create(ctx, store) {
    const log = ctx.log.child('admin');

    // The builder and its zip library load at the first export, not at start: an admin asks rarely.
    async function diagnostics() {
      const { collectDiagnostics, entriesOf, zipOf } = await import('./diagnostics');
      const now = ctx.clock.now();
      const state = store.get();
      const files = await collectDiagnostics({
        now,
        state,
        dataDir: ctx.dataDir,
        configFiles: ctx.ports.paths.configFiles,
        read: (file) => readTail(file),
        mask: await exportMasker(ctx),
      });
      return { files, entries: () => entriesOf(files), zip: () => zipOf(files, now), suggestedName: diagnoseFileName(state.device?.hostname ?? '', now, state.support.timeZone) };
    }

    return {
      actions: {
        'admin.readLog': async ({ level, limit }) => readLog(ctx.dataDir, level, limit, await exportMasker(ctx)),
        'admin.diagnosticsContents': async () => {
          const { entries, suggestedName } = await diagnostics();
          return { entries: entries(), suggestedName };
        },
        // The policy holds no secret (hallo,'s public signing keys at most): shown as it is.
        'admin.readPolicy': () => {
          const { policySource, policyEtag } = store.get().config;
          return { policy: { ...ctx.policy() }, source: policySource, etag: policyEtag };
        },
        'admin.exportDiagnostics': async () => {
          const save = ctx.ports.admin?.save;
          if (!save) throw new ActionError('unavailable', 'this shell cannot save files');
          const { files, zip, suggestedName } = await diagnostics();
          const bytes = zip();
          const outcome = await save.save({ suggestedName, contentType: 'application/zip', bytes }).catch((error: unknown) => {
            log.warn('diagnostics not saved', { code: error instanceof ActionError ? error.code : String(error) });
            throw error;
          });
          log.info('diagnostics exported', { outcome: outcome.outcome, bytes: bytes.byteLength, files: files.length });
          return outcome;
        },
      },
    };
  },
});

import { basename, dirname, extname, join } from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { SaveTarget } from '../agent/ports';
import { writeFileAtomic, type FileIo } from '../agent/files';
import { ActionError } from '../contract';

// The app's SaveTarget: the admin picks where an export or a report goes in the OS's save dialog,
// and the file lands there whole or not at all (writeFileAtomic: a temp file in the chosen folder,
// fsync, rename; the temp file removed when that fails).

/** The save dialog's filter for each content type the agent saves; the names are format names, the same in every language. */
const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  'application/zip': { name: 'ZIP', extensions: ['zip'] },
  'application/pdf': { name: 'PDF', extensions: ['pdf'] },
  'text/html': { name: 'HTML', extensions: ['html', 'htm'] },
};

export interface SaveTargetOptions {
  /** The popup the dialog belongs to (modal to it), kept open while the dialog is. */
  popup: () => { window: BrowserWindow; keepOpenWhile<T>(work: () => Promise<T>): Promise<T> } | null;
  /** Tests hand in a failing `open`. */
  io?: FileIo;
}

export function createSaveTarget(opts: SaveTargetOptions): SaveTarget {
  return {
    async save({ suggestedName, contentType, bytes }) {
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      const filter = FILTERS[type];
      const options: SaveDialogOptions = {
        // Downloads: where an admin looks for a file to send on.
        defaultPath: join(app.getPath('downloads'), basename(suggestedName)),
        filters: filter ? [filter] : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const popup = opts.popup();
      const chosen = popup
        ? await popup.keepOpenWhile(() => dialog.showSaveDialog(popup.window, options))
        : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return { outcome: 'cancelled' };
      const path = withExtension(chosen.filePath, filter);
      try {
        // 0600: a diagnostics export describes this PC; the admin shares it on purpose, not the folder.
        await writeFileAtomic(path, bytes, 0o600, opts.io);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ActionError(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'not-written', code ?? String(error));
      }
      return { outcome: 'saved', path, bytes: bytes.byteLength };
    },
  };
}

/** Linux's GTK dialog returns the name as typed; a name without any extension gets the format's. */
function withExtension(path: string, filter: { extensions: string[] } | undefined): string {
  if (!filter || extname(basename(path)) !== '') return path;
  return join(dirname(path), `${basename(path)}.${filter.extensions[0]}`);
}

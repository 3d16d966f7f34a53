import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { app, dialog, __reset } from '../doubles/electron';
import { ActionError } from '../../electron/contract';
import { createSaveTarget } from '../../electron/main/save-target';
import { createPopup } from '../../electron/main/windows/popup';

// "Diagnose exporteren" and "Rapport maken" in the app: the admin picks a place in the save
// dialog, and the file is there whole, or the folder is as it was.

const ZIP = { suggestedName: 'hallo-diagnose-pc-042-20261207-0930.zip', contentType: 'application/zip', bytes: new Uint8Array(64 * 1024).fill(7) };

let folder: string;
beforeEach(() => {
  __reset();
  folder = mkdtempSync(join(tmpdir(), 'hallo-save-'));
});

function popupShown() {
  const popup = createPopup({ preloadPath: '/app/out/preload/popup.cjs', isPackaged: true });
  popup.show();
  return popup;
}

/** An `open` whose file takes half of what is written and then says the disk is full (or `code`). */
function failingWrites(code: string): typeof open {
  return (async (...args: Parameters<typeof open>) => {
    const handle = await open(...args);
    if (args[1] !== 'wx') return handle;
    return Object.assign(Object.create(handle) as typeof handle, {
      writeFile: async (data: Uint8Array) => {
        await handle.write(data.subarray(0, data.byteLength / 2));
        throw Object.assign(new Error(`${code}: write failed`), { code });
      },
      close: () => handle.close(),
    });
  }) as typeof open;
}

describe('the app saves an export where the admin chooses', () => {
  it('asks in a dialog on the popup, starting in Downloads with the suggested name and the format, and writes the file there', async () => {
    const popup = popupShown();
    dialog.saveAnswer = { canceled: false, filePath: join(folder, 'export.zip') };
    const outcome = await createSaveTarget({ popup: () => popup }).save(ZIP);
    expect(outcome).toEqual({ outcome: 'saved', path: join(folder, 'export.zip'), bytes: 64 * 1024 });
    const [request] = dialog.saveRequests;
    expect(request!.window).toBe(popup.window);
    expect(request!.options.defaultPath).toBe(join(app.getPath('downloads'), ZIP.suggestedName));
    expect(request!.options.filters).toEqual([{ name: 'ZIP', extensions: ['zip'] }]);
    expect(readFileSync(join(folder, 'export.zip'))).toEqual(Buffer.from(ZIP.bytes));
    expect(readdirSync(folder)).toEqual(['export.zip']);
    if (process.platform !== 'win32') expect(statSync(join(folder, 'export.zip')).mode & 0o777).toBe(0o600);
  });

  it('keeps the popup open while its dialog has the focus', async () => {
    const popup = popupShown();
    let visibleDuringDialog: boolean | null = null;
    dialog.saveAnswer = () => {
      visibleDuringDialog = popup.window.isVisible();
      return { canceled: true };
    };
    await createSaveTarget({ popup: () => popup }).save(ZIP);
    expect(visibleDuringDialog).toBe(true);
    // Afterwards a blur hides it again, as always.
    popup.window.blur();
    expect(popup.window.isVisible()).toBe(false);
  });

  it('cancelled: nothing written', async () => {
    const outcome = await createSaveTarget({ popup: () => popupShown() }).save(ZIP);
    expect(outcome).toEqual({ outcome: 'cancelled' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a PDF report typed without an extension (Linux) gets .pdf', async () => {
    dialog.saveAnswer = { canceled: false, filePath: join(folder, 'rapport') };
    const outcome = await createSaveTarget({ popup: () => null }).save({ suggestedName: 'hallo-rapport-pc-042-20261207.pdf', contentType: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70]) });
    expect(outcome).toMatchObject({ outcome: 'saved', path: join(folder, 'rapport.pdf') });
    expect(dialog.saveRequests[0]!.options.filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
  });

  it.each([
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['EACCES', 'not-written'],
    ['EIO', 'not-written'],
  ] as const)('a write failing with %s fails as %s and leaves the folder as it was', async (code, expected) => {
    const before = readdirSync(folder);
    dialog.saveAnswer = { canceled: false, filePath: join(folder, 'export.zip') };
    const error = await createSaveTarget({ popup: () => null, io: { open: failingWrites(code) } })
      .save(ZIP)
      .then(() => null, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe(expected);
    expect(readdirSync(folder)).toEqual(before);
  });

  it('an existing file of that name is replaced whole (the dialog asked), or kept as it was when the write fails', async () => {
    dialog.saveAnswer = { canceled: false, filePath: join(folder, 'export.zip') };
    await createSaveTarget({ popup: () => null }).save({ ...ZIP, bytes: new Uint8Array([1, 2, 3]) });
    await createSaveTarget({ popup: () => null, io: { open: failingWrites('ENOSPC') } }).save(ZIP).catch(() => undefined);
    expect(readFileSync(join(folder, 'export.zip'))).toEqual(Buffer.from([1, 2, 3]));
    expect(readdirSync(folder)).toEqual(['export.zip']);
  });
});

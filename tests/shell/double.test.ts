import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { app, ipcMain } from '../doubles/electron';

describe('electron test double', () => {
  it('is what CommonJS dependencies get from require("electron")', () => {
    const require = createRequire(import.meta.url);
    const cjs = require('electron') as { app: unknown; ipcMain: unknown };
    expect(cjs.app).toBe(app);
    expect(cjs.ipcMain).toBe(ipcMain);
  });

  it('lets electron-updater load without the binary', async () => {
    const require = createRequire(import.meta.url);
    const updater = require('electron-updater') as { autoUpdater?: unknown };
    expect(updater).toHaveProperty('autoUpdater');
  });
});

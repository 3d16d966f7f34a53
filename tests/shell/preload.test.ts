import { describe, expect, it, vi } from 'vitest';
import { actionNamesFor, type PreloadApi } from '../../electron/contract';
import { actionChannel, eventChannel } from '../../electron/contract';

// A fresh preload per test; the double is re-imported with it (resetModules makes a new one).
async function loadPreload() {
  vi.resetModules();
  const electron = await import('../doubles/electron');
  await import('../../electron/preload/popup');
  return { api: electron.contextBridge.exposed.get('hallo') as PreloadApi, ...electron };
}

describe('popup preload', () => {
  it('exposes window.hallo only, with exactly the popup actions and on()', async () => {
    const { api, contextBridge } = await loadPreload();
    expect([...contextBridge.exposed.keys()]).toEqual(['hallo']);
    expect(Object.keys(api).sort()).toEqual(['actions', 'on']);
    expect(Object.keys(api.actions).sort()).toEqual(actionNamesFor('popup').sort());
    for (const fn of Object.values(api.actions)) expect(typeof fn).toBe('function');
    expect(JSON.stringify(api)).not.toContain('ipcRenderer');
  });

  it('each action invokes the channel the main process binds, with the request', async () => {
    const { api, ipcRenderer } = await loadPreload();
    ipcRenderer.answer = () => ({ ok: true, value: 'answer' });
    await expect(api.actions['settings.setLanguage']({ language: 'en' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipcRenderer.invoked).toEqual([{ channel: actionChannel('settings.setLanguage'), args: [{ language: 'en' }] }]);
  });

  it('on("state") passes only the payload and unsubscribes', async () => {
    const { api, ipcRenderer } = await loadPreload();
    const seen: unknown[][] = [];
    const off = api.on('state', (...args: unknown[]) => seen.push(args));
    ipcRenderer.__emitFromMain(eventChannel('state'), { overall: 'attention' });
    expect(seen).toEqual([[{ overall: 'attention' }]]);
    off();
    ipcRenderer.__emitFromMain(eventChannel('state'), { overall: 'ok' });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(eventChannel('state'))).toBe(0);
  });
});

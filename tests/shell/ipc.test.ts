import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, ipcMain, __reset } from '../doubles/electron';
import type { WebContents } from 'electron';
import { actions } from '../../electron/contract';
import { bindActions } from '../../electron/main/ipc/handle';
import { forwardEvents } from '../../electron/main/ipc/events';
import { trustedOrigins } from '../../electron/main/ipc/origin';
import { createPopup } from '../../electron/main/windows/popup';
import { ourWindows, windowNameOf } from '../../electron/main/windows/registry';
import { fakeAgent, flush } from '../doubles/fake-agent';

type Double = { sender: unknown; senderFrame: { url: string; parent: unknown } | null };

function setup(opts: { isPackaged?: boolean; devUrl?: string } = {}) {
  const { agent, store, invoked } = fakeAgent();
  const hidden: string[] = [];
  const popup = createPopup({ preloadPath: '/app/out/preload/popup.cjs', isPackaged: opts.isPackaged ?? true, devUrl: opts.devUrl });
  const origins = trustedOrigins({ isPackaged: opts.isPackaged ?? true, devUrl: opts.devUrl });
  bindActions({
    agent,
    origins,
    windowOf: windowNameOf as (sender: WebContents) => 'popup' | null,
    shell: { 'popup.hide': () => void hidden.push('popup'), 'remote.showTicket': () => undefined, 'support.openPortal': () => ({ openInPage: null }), 'links.open': () => ({ openInPage: null }) },
  });
  const fromPopup = (url = 'app://hallo/index.html'): Double => ({
    sender: popup.window.webContents,
    senderFrame: { url, parent: null },
  });
  return { agent, store, invoked, hidden, popup, fromPopup };
}

describe('IPC door (ipc/handle.ts)', () => {
  beforeEach(() => __reset());
  afterEach(() => __reset());

  it('binds every action of the contract on hallo:<name>', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(actions).map((n) => `hallo:${n}`).sort());
  });

  it('a good call from the popup reaches the agent, parsed', async () => {
    const { invoked, fromPopup } = setup();
    const outcome = await ipcMain.__invoke('hallo:settings.setLanguage', fromPopup(), { language: 'en' });
    expect(outcome).toEqual({ ok: true, value: undefined });
    expect(invoked).toEqual([{ name: 'settings.setLanguage', request: { language: 'en' } }]);
  });

  it('shell actions reach the shell handler', async () => {
    const { hidden, invoked, fromPopup } = setup();
    expect(await ipcMain.__invoke('hallo:popup.hide', fromPopup(), {})).toEqual({ ok: true, value: undefined });
    expect(hidden).toEqual(['popup']);
    expect(invoked).toEqual([]);
  });

  it('refuses another origin', async () => {
    const { invoked, fromPopup } = setup();
    for (const url of ['https://evil.example/index.html', 'file:///app/out/renderer/index.html', 'app://other/index.html', 'not a url']) {
      const outcome = await ipcMain.__invoke('hallo:settings.setLanguage', fromPopup(url), { language: 'en' });
      expect(outcome).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    expect(invoked).toEqual([]);
  });

  it('refuses a subframe and a sender without a frame', async () => {
    const { invoked, popup } = setup();
    const top = { url: 'app://hallo/index.html', parent: null };
    const sub = { sender: popup.window.webContents, senderFrame: { url: 'app://hallo/frame.html', parent: top } };
    expect(await ipcMain.__invoke('hallo:state.get', sub, {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    const gone = { sender: popup.window.webContents, senderFrame: null };
    expect(await ipcMain.__invoke('hallo:state.get', gone, {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(invoked).toEqual([]);
  });

  it('refuses a window that is not allowed to send the action', async () => {
    const { invoked } = setup();
    const stranger = new BrowserWindow({ show: false });
    const event = { sender: stranger.webContents, senderFrame: { url: 'app://hallo/index.html', parent: null } };
    expect(await ipcMain.__invoke('hallo:state.get', event, {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(invoked).toEqual([]);
  });

  it('refuses bad arguments before the agent sees them', async () => {
    const { invoked, fromPopup } = setup();
    for (const bad of [{ language: 'de' }, { language: 'en', extra: 1 }, 'en', 42]) {
      const outcome = (await ipcMain.__invoke('hallo:settings.setLanguage', fromPopup(), bad)) as { ok: boolean; error?: { code: string } };
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.code).toBe('invalid-request');
    }
    expect(invoked).toEqual([]);
  });

  it('accepts the dev server origin only when not packaged', async () => {
    const dev = 'http://localhost:5173/';
    const packaged = setup({ isPackaged: true, devUrl: dev });
    expect(await ipcMain.__invoke('hallo:state.get', packaged.fromPopup(dev), {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    __reset();
    const unpackaged = setup({ isPackaged: false, devUrl: dev });
    const outcome = (await ipcMain.__invoke('hallo:state.get', unpackaged.fromPopup(dev), {})) as { ok: boolean };
    expect(outcome.ok).toBe(true);
  });
});

describe('agent events to the windows (ipc/events.ts)', () => {
  beforeEach(() => __reset());

  it('sends each state patch to our windows on hallo:event:state', async () => {
    const { agent, store, popup } = setup();
    const stranger = new BrowserWindow({ show: false });
    const stop = forwardEvents(agent, ourWindows);
    store.set('overall', 'problem');
    await flush();
    expect((popup.window as unknown as BrowserWindow).webContents.sent).toEqual([{ channel: 'hallo:event:state', args: [{ overall: 'problem' }] }]);
    expect(stranger.webContents.sent).toEqual([]);
    stop();
    store.set('overall', 'ok');
    await flush();
    expect((popup.window as unknown as BrowserWindow).webContents.sent).toHaveLength(1);
  });
});

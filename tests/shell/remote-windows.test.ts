import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, Notification, Tray, __reset, globalShortcut, screen, type NativeImage } from '../doubles/electron';
import type { RemoteReceipt } from '../../electron/contract';
import { sampleRemoteRequest, sampleRemoteSession } from '../unit/renderer/sample-state';
import { createConsentWindow } from '../../electron/main/windows/consent';
import { createSessionBar } from '../../electron/main/windows/session-bar';
import { windowNameOf } from '../../electron/main/windows/registry';
import { bindRemoteEndShortcut } from '../../electron/main/shortcut';
import { createShellTray } from '../../electron/main/tray';
import { showRemoteNotices } from '../../electron/main/remote-notices';
import { fakeAgent, flush } from '../doubles/fake-agent';

// The shell's part of remote support, with the Electron double: the consent window and the bar
// follow the agent's state, the tray and the shortcut end a session through the agent.

const BASELINE = (preload: string) => ({
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  webSecurity: true,
  preload,
  spellcheck: false,
  disableBlinkFeatures: 'Auxclick',
});
const REQUEST = sampleRemoteRequest();
const SESSION = sampleRemoteSession();

function agentWith() {
  const fake = fakeAgent();
  const set = async (remote: Partial<ReturnType<typeof fake.store.get>['remote']>) => {
    fake.store.update('remote', (now) => ({ ...now, ...remote }));
    await flush();
  };
  return { ...fake, set };
}
const windowsNamed = (name: string) => BrowserWindow.getAllWindows().filter((w) => windowNameOf(w.webContents as never) === name);

describe('the consent window', () => {
  beforeEach(() => __reset());

  it('opens when a request waits, on top, focusable, in the taskbar, with the literal baseline and its own preload', async () => {
    const { agent, set } = agentWith();
    createConsentWindow({ agent, preloadPath: '/app/out/preload/consent.cjs', isPackaged: true });
    expect(windowsNamed('consent')).toHaveLength(0);
    await set({ request: REQUEST });
    const [window] = windowsNamed('consent');
    expect(window!.visible).toBe(true);
    expect(window!.focused).toBe(true);
    expect(window!.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(window!.options.skipTaskbar).toBe(false);
    expect(window!.options.focusable).toBe(true);
    expect(window!.webContents.getURL()).toBe('app://hallo/consent.html');
    expect(window!.options.webPreferences).toEqual(BASELINE('/app/out/preload/consent.cjs'));
  });

  it('shows on the display the cursor is on, inside its work area', async () => {
    screen.displays.push({
      id: 2,
      bounds: { x: 1920, y: 0, width: 1280, height: 720 },
      workArea: { x: 1920, y: 0, width: 1280, height: 680 },
      size: { width: 1280, height: 720 },
      scaleFactor: 1,
    });
    screen.cursor = { x: 2500, y: 300 };
    const { agent, set } = agentWith();
    createConsentWindow({ agent, preloadPath: 'p', isPackaged: true });
    await set({ request: REQUEST });
    const { x, y, width, height } = windowsNamed('consent')[0]!.getBounds();
    expect(x).toBeGreaterThanOrEqual(1920);
    expect(x + width).toBeLessThanOrEqual(1920 + 1280);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y + height).toBeLessThanOrEqual(680);
  });

  it('goes when the request is answered, and a new request gets a fresh window', async () => {
    const { agent, set } = agentWith();
    createConsentWindow({ agent, preloadPath: 'p', isPackaged: true });
    await set({ request: REQUEST });
    const first = windowsNamed('consent')[0]!;
    await set({ request: null });
    expect(first.isDestroyed()).toBe(true);
    await set({ request: { ...REQUEST, sessionId: 's-2' } });
    expect(windowsNamed('consent')).toHaveLength(1);
    expect(windowsNamed('consent')[0]).not.toBe(first);
  });

  it('closing it is "Weigeren" through the agent; the window stays until the agent says the request is over', async () => {
    const { agent, set, invoked } = agentWith();
    createConsentWindow({ agent, preloadPath: 'p', isPackaged: true });
    await set({ request: REQUEST });
    const window = windowsNamed('consent')[0]!;
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(invoked).toContainEqual({ name: 'remote.answer', request: { sessionId: 's-1', answer: 'deny' } });
  });
});

describe('the session bar', () => {
  beforeEach(() => __reset());

  it('shows while a session runs: on top at screen-saver level, out of the capture, top centre of the primary display, not closable', async () => {
    const { agent, set } = agentWith();
    createSessionBar({ agent, preloadPath: '/app/out/preload/session-bar.cjs', isPackaged: true });
    expect(windowsNamed('session-bar')).toHaveLength(0);
    await set({ session: SESSION });
    const bar = windowsNamed('session-bar')[0]!;
    expect(bar.visible).toBe(true);
    expect(bar.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(bar.contentProtected).toBe(true);
    expect(bar.options.closable).toBe(false);
    expect(bar.webContents.getURL()).toBe('app://hallo/session-bar.html');
    expect(bar.options.webPreferences).toEqual(BASELINE('/app/out/preload/session-bar.cjs'));
    const { x, y, width } = bar.getBounds();
    expect(x + width / 2).toBeCloseTo(960, -1);
    expect(y).toBeLessThan(20);
    let prevented = false;
    bar.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await set({ session: { ...SESSION, phase: 'ending' } });
    expect(bar.isDestroyed()).toBe(false); // the same bar, until the session is gone
    await set({ session: null });
    expect(bar.isDestroyed()).toBe(true);
  });
});

describe('the end shortcut', () => {
  beforeEach(() => __reset());

  it('is held only while a session runs, and pressing it is remote.end', async () => {
    const { agent, set, invoked } = agentWith();
    bindRemoteEndShortcut({ agent });
    expect(globalShortcut.isRegistered('Control+Alt+E')).toBe(false);
    await set({ session: SESSION });
    expect(globalShortcut.isRegistered('Control+Alt+E')).toBe(true);
    globalShortcut.__press('Control+Alt+E');
    expect(invoked).toContainEqual({ name: 'remote.end', request: {} });
    await set({ session: null });
    expect(globalShortcut.isRegistered('Control+Alt+E')).toBe(false);
  });

  it('follows the managed setting', async () => {
    const { agent, set, store } = agentWith();
    bindRemoteEndShortcut({ agent });
    store.update('settings', (settings) => ({ ...settings, remoteEndShortcut: 'Control+Shift+F12' }));
    await set({ session: SESSION });
    expect(globalShortcut.isRegistered('Control+Shift+F12')).toBe(true);
    expect(globalShortcut.isRegistered('Control+Alt+E')).toBe(false);
  });
});

describe('the tray during remote support', () => {
  beforeEach(() => __reset());
  const iconsDir = resolve('resources/tray');

  it('has its own icon and tooltip while a request waits and while a session runs, and "Sessie beëindigen" calls remote.end', async () => {
    const { agent, set, invoked } = agentWith();
    createShellTray({ agent, popup: { show: () => undefined, toggle: () => undefined }, iconsDir, platform: 'win32', quit: () => undefined, openLink: async () => undefined });
    const tray = Tray.all.at(-1)!;
    const okIcon = (tray.image as NativeImage).source;
    expect(tray.contextMenu!.getMenuItemById('remote-end')).toBeNull();

    await set({ request: REQUEST });
    const waiting = (tray.image as NativeImage).source;
    expect(waiting).toMatch(/tray-remote-request-16\.png$/);
    expect(existsSync(waiting)).toBe(true);
    expect(tray.tooltip).toBe('hallo, – Jan van hallo, vraagt om hulp op afstand');

    await set({ request: null, session: SESSION });
    expect((tray.image as NativeImage).source).toMatch(/tray-remote-session-16\.png$/);
    expect(tray.tooltip).toBe('hallo, – Jan van hallo, kijkt mee');
    const item = tray.contextMenu!.getMenuItemById('remote-end')!;
    expect(item.label).toBe('Sessie beëindigen');
    item.click();
    expect(invoked).toContainEqual({ name: 'remote.end', request: {} });

    await set({ session: null });
    expect((tray.image as NativeImage).source).toBe(okIcon);
    expect(tray.contextMenu!.getMenuItemById('remote-end')).toBeNull();
  });
});

describe('the notifications of remote support', () => {
  beforeEach(() => __reset());

  it('tells once that a request waits (a click shows the consent window) and once that a session ended (a click opens the popup)', async () => {
    const { agent, set } = agentWith();
    const calls: string[] = [];
    showRemoteNotices({ agent, consent: { show: () => void calls.push('consent') }, popup: { show: () => void calls.push('popup') } });
    await set({ request: REQUEST });
    await set({ request: { ...REQUEST } }); // the same request again: no second notification
    expect(Notification.shown.map((n) => n.options.title)).toEqual(['Jan van hallo, vraagt om hulp op afstand']);
    Notification.shown[0]!.emit('click');
    expect(calls).toEqual(['consent']);

    const receipt: RemoteReceipt = { sessionId: 's-1', technicianName: 'Jan', endedAt: '2026-12-07T13:32:00Z', minutes: 12, by: 'user', reason: 'ended' };
    await set({ request: null, receipt });
    await set({ receipt: null });
    expect(Notification.shown.map((n) => [n.options.title, n.options.body])).toContainEqual(['Sessie met Jan van hallo, beëindigd', 'Beëindigd om 14:32, 12 minuten.']);
    expect(Notification.shown).toHaveLength(2);
    Notification.shown[1]!.emit('click');
    expect(calls).toEqual(['consent', 'popup']);
  });
});

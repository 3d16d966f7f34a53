import { describe, expect, it, vi } from 'vitest';
import type { AgentPorts } from '../../electron/agent/ports';
import { catalogs } from '../../electron/contract/messages';
import { fakeAgent, flush } from './fake-agent';

// The shell's composition root, started as Electron would start it: module load before ready,
// then `ready`. The agent and the demo API are replaced; everything else is the real shell.
const calls = vi.hoisted(() => ({ createAgent: [] as unknown[][], demo: [] as unknown[] }));
let current = fakeAgent();

vi.mock('../../electron/agent/agent', () => ({
  createAgent: (...args: unknown[]) => {
    calls.createAgent.push(args);
    return current.agent;
  },
}));
vi.mock('../../electron/main/demo', () => ({
  startDemoApi: async (opts: unknown) => {
    calls.demo.push(opts);
    return { demo: { apiUrl: 'http://127.0.0.1:1/v1', enrollmentCode: 'DEMO-1' }, close: async () => {} };
  },
}));

async function launch(opts: { isPackaged: boolean; hasLock?: boolean }) {
  vi.resetModules();
  calls.createAgent.length = 0;
  calls.demo.length = 0;
  current = fakeAgent();
  const electron = await import('../doubles/electron');
  electron.__reset();
  electron.app.isPackaged = opts.isPackaged;
  electron.app.hasLock = opts.hasLock ?? true;
  await import('../../electron/main/index');
  const privilegedBeforeReady = [...electron.protocol.privileged];
  electron.app.__ready();
  for (let i = 0; i < 5; i++) await flush();
  return { electron, privilegedBeforeReady };
}

describe('shell composition (electron/main/index.ts)', () => {
  it('packaged: registers app:// before ready, starts at login, builds the agent, popup, tray and IPC', async () => {
    const { electron, privilegedBeforeReady } = await launch({ isPackaged: true });
    expect(privilegedBeforeReady.map((s) => s.scheme)).toEqual(['app']);
    expect(electron.app.loginItemSettings).toEqual({ openAtLogin: true });
    expect(calls.createAgent).toHaveLength(1);
    const [, options] = calls.createAgent[0] as [unknown, { demo: unknown; systemLanguages: string[] }];
    expect(options.systemLanguages).toEqual(['nl-NL']);
    const [popup] = electron.BrowserWindow.getAllWindows();
    expect(popup?.webContents.loaded).toEqual(['app://hallo/index.html']);
    expect(popup?.options.webPreferences.preload).toMatch(/out[/\\]preload[/\\]popup\.cjs$/);
    expect(electron.Tray.all).toHaveLength(1);
    expect(electron.ipcMain.handlers.has('hallo:state.get')).toBe(true);
    expect(electron.protocol.handlers.has('app')).toBe(true);
  });

  it('not packaged: no start at login', async () => {
    const { electron } = await launch({ isPackaged: false });
    expect(electron.app.loginItemSettings).toBeNull();
    expect(calls.demo).toEqual([expect.objectContaining({ isPackaged: false })]);
    const [, options] = calls.createAgent[0] as [unknown, { demo: unknown }];
    expect(options.demo).toEqual({ apiUrl: 'http://127.0.0.1:1/v1', enrollmentCode: 'DEMO-1' });
  });

  it('a second instance quits at once; the first one shows its popup when another starts', async () => {
    const second = await launch({ isPackaged: true, hasLock: false });
    expect(second.electron.app.quitCalled).toBe(true);
    expect(calls.createAgent).toHaveLength(0);

    const first = await launch({ isPackaged: true });
    const [popup] = first.electron.BrowserWindow.getAllWindows();
    expect(popup?.isVisible()).toBe(false);
    first.electron.app.emit('second-instance');
    expect(popup?.isVisible()).toBe(true);
  });

  it('agent state changes reach the popup as hallo:event:state', async () => {
    const { electron } = await launch({ isPackaged: true });
    current.store.set('overall', 'attention');
    await flush();
    const [popup] = electron.BrowserWindow.getAllWindows();
    expect(popup?.webContents.sent).toContainEqual({ channel: 'hallo:event:state', args: [{ overall: 'attention' }] });
  });

  it('the report shortcut opens the popup on a started report; a notice click opens the popup', async () => {
    const { electron } = await launch({ isPackaged: true });
    const [popup] = electron.BrowserWindow.getAllWindows();
    expect([...electron.globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+H']);
    electron.globalShortcut.__press('CommandOrControl+Alt+H');
    for (let i = 0; i < 3; i++) await flush();
    expect(current.invoked).toContainEqual({ name: 'tickets.startReport', request: { relatedItemId: null } });
    expect(current.store.get().tickets.report).not.toBeNull();
    expect(popup?.isVisible()).toBe(true);

    popup?.hide();
    current.notify({ code: 'ticket-resolved', params: { number: 42 } });
    const [notification] = electron.Notification.shown;
    expect(notification?.options.title).toBe(catalogs.nl.notice['ticket-resolved'].title);
    notification?.emit('click');
    expect(popup?.isVisible()).toBe(true);
  });

  it("the agent's screen capture keeps our own popup out of the picture", async () => {
    const { electron } = await launch({ isPackaged: true });
    const [popup] = electron.BrowserWindow.getAllWindows();
    const [ports] = calls.createAgent[0] as [AgentPorts];
    const seen: boolean[] = [];
    const getSources = electron.desktopCapturer.getSources;
    electron.desktopCapturer.getSources = async () => {
      seen.push(popup!.isVisible());
      return [];
    };
    popup?.show();
    await ports.screen.capture().finally(() => (electron.desktopCapturer.getSources = getSources));
    expect(seen).toEqual([false]);
    expect(popup?.isVisible()).toBe(true);
  });

  it('quitting releases the global shortcut', async () => {
    const { electron } = await launch({ isPackaged: true });
    expect(electron.globalShortcut.registered.size).toBe(1);
    electron.app.quit();
    expect(electron.globalShortcut.registered.size).toBe(0);
  });
});

import { describe, expect, it, vi } from 'vitest';
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
});

import { chmodSync, mkdirSync, mkdtempSync, rmdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentPorts } from '../../electron/agent/ports';
import { catalogs } from '../../electron/contract/messages';
import { MACHINE_AUTOSTART_MARKER, loginItemPlan } from '../../electron/main/login';
import { UPDATE_TASK_MARKER } from '../../electron/main/machine-update/places';
import { fakeAgent, flush } from '../doubles/fake-agent';

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

const processPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;
const processResourcesPath = (process as { resourcesPath?: string }).resourcesPath;
const DEV_VARIABLES = ['HALLO_API_URL', 'HALLO_ENROLLMENT_CODE', 'HALLO_LANGUAGE'] as const;
afterEach(() => {
  Object.defineProperty(process, 'platform', processPlatform);
  (process as { resourcesPath?: string }).resourcesPath = processResourcesPath;
  for (const name of DEV_VARIABLES) delete process.env[name];
});

/** A resources folder as the app has it; `machineAutostart`: as the per-machine installer leaves it. */
function resourcesFolder(opts: { machineAutostart: boolean }): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hallo-resources-')), 'resources');
  mkdirSync(dir);
  if (opts.machineAutostart) writeFileSync(join(dir, MACHINE_AUTOSTART_MARKER), 'HKLM Run');
  return dir;
}

async function launch(opts: {
  isPackaged: boolean;
  hasLock?: boolean;
  /** process.platform while the shell starts (restored after each test). */
  platform?: NodeJS.Platform;
  resourcesPath?: string;
  /** The per-user login item as an earlier run left it. */
  loginItemSettings?: Record<string, unknown>;
  /** The profile folder (userData) as it is found on disk before the app starts. */
  userData?: (path: string) => void;
}) {
  vi.resetModules();
  if (opts.platform) Object.defineProperty(process, 'platform', { ...processPlatform, value: opts.platform });
  if (opts.resourcesPath) (process as { resourcesPath?: string }).resourcesPath = opts.resourcesPath;
  calls.createAgent.length = 0;
  calls.demo.length = 0;
  current = fakeAgent();
  const electron = await import('../doubles/electron');
  electron.__reset();
  electron.app.isPackaged = opts.isPackaged;
  electron.app.hasLock = opts.hasLock ?? true;
  if (opts.loginItemSettings) electron.app.loginItemSettings = opts.loginItemSettings;
  opts.userData?.(electron.app.userData);
  await import('../../electron/main/index');
  const privilegedBeforeReady = [...electron.protocol.privileged];
  electron.app.__ready();
  for (let i = 0; i < 5; i++) await flush();
  return { electron, privilegedBeforeReady };
}

describe('shell composition (electron/main/index.ts)', () => {
  it('packaged: registers app:// before ready, builds the agent, popup, tray and IPC', async () => {
    const { electron, privilegedBeforeReady } = await launch({ isPackaged: true });
    expect(privilegedBeforeReady.map((s) => s.scheme)).toEqual(['app']);
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

  it("a customer's link in the tray opens through the shell's links.open: https checked again, then the browser", async () => {
    const { electron } = await launch({ isPackaged: true });
    const link = (id: string, url: string) => ({ id, label: { nl: id, en: id }, url, where: 'tray' as const });
    // The second one could only be in the state by a slip of the agent: the shell looks again (https, no credentials).
    current.store.set('branding', { ...current.store.get().branding, links: [link('intranet', 'https://intranet.acme.nl/'), link('odd', 'http://intranet.acme.nl/')] });
    await flush();
    const menu = electron.Tray.all[0]!.contextMenu!;
    menu.getMenuItemById('link-intranet')!.click();
    menu.getMenuItemById('link-odd')!.click();
    for (let i = 0; i < 3; i++) await flush();
    expect(electron.shell.opened).toEqual(['https://intranet.acme.nl/']);
    expect(current.agent.log.recent().map((entry) => [entry.msg, entry.data?.id])).toContainEqual(['tray: link not opened', 'odd']);
  });

  it('packaged (a Windows copy of the user\'s own): the agent gets the self-updater, the save dialog and the PDF printer', async () => {
    await launch({ isPackaged: true, platform: 'win32', resourcesPath: resourcesFolder({ machineAutostart: false }) });
    const [ports] = calls.createAgent[0] as [AgentPorts];
    expect(Object.keys(ports.updater ?? {}).sort()).toEqual(['atQuit', 'check', 'download', 'installNow', 'setInstallAtQuit']);
    expect(typeof ports.admin?.save?.save).toBe('function');
    expect(typeof ports.admin?.pdf?.render).toBe('function');
  });

  it('a deb (Linux, no AppImage): no self-updater, apt keeps it current (electron-updater would ask the employee for a password)', async () => {
    await launch({ isPackaged: true, platform: 'linux', resourcesPath: resourcesFolder({ machineAutostart: false }) });
    const [ports] = calls.createAgent[0] as [AgentPorts];
    expect(ports.updater).toBeUndefined();
    expect(typeof ports.admin?.save?.save).toBe('function');
  });

  it('Windows, per machine without the update task (the MSI): no self-updater, so never a UAC prompt an employee cannot answer', async () => {
    await launch({ isPackaged: true, platform: 'win32', resourcesPath: resourcesFolder({ machineAutostart: true }) });
    const [ports] = calls.createAgent[0] as [AgentPorts];
    expect(ports.updater).toBeUndefined();
  });

  it('Windows, per machine with the update task the installer registered: the self-updater hands installers to it', async () => {
    const resources = resourcesFolder({ machineAutostart: true });
    writeFileSync(join(resources, UPDATE_TASK_MARKER), '\\hallo\\agent-update');
    await launch({ isPackaged: true, platform: 'win32', resourcesPath: resources });
    const [ports] = calls.createAgent[0] as [AgentPorts];
    expect(typeof ports.updater?.installNow).toBe('function');
  });

  it.each([['--apply-update'], ['--register-update-task']])('started with %s (by a task or the installer): no agent, no window, no tray, no lock; it exits', async (arg) => {
    process.argv.push(arg);
    try {
      const { electron } = await launch({ isPackaged: true, hasLock: false });
      expect(calls.createAgent).toEqual([]);
      expect(electron.BrowserWindow.getAllWindows()).toEqual([]);
      expect(electron.Tray.all).toEqual([]);
      // Off Windows there is nothing to do: exit 1.
      expect(electron.app.exitCode).toBe(1);
    } finally {
      process.argv.splice(process.argv.indexOf(arg), 1);
    }
  });

  it('not packaged: no self-updater (nothing installed to replace); exports and reports work all the same', async () => {
    await launch({ isPackaged: false });
    const [ports] = calls.createAgent[0] as [AgentPorts];
    expect(ports.updater).toBeUndefined();
    expect(typeof ports.admin?.save?.save).toBe('function');
    expect(typeof ports.admin?.pdf?.render).toBe('function');
  });

  it('not packaged: no start at login', async () => {
    const { electron } = await launch({ isPackaged: false });
    expect(electron.app.loginItemSettings).toBeNull();
    expect(calls.demo).toEqual([expect.objectContaining({ isPackaged: false })]);
    const [, options] = calls.createAgent[0] as [unknown, { demo: unknown }];
    expect(options.demo).toEqual({ apiUrl: 'http://127.0.0.1:1/v1', enrollmentCode: 'DEMO-1' });
  });

  it('packaged: the HALLO_* development variables never reach the agent', async () => {
    process.env.HALLO_API_URL = 'http://127.0.0.1:9/v1';
    process.env.HALLO_ENROLLMENT_CODE = 'DEV-CODE';
    process.env.HALLO_LANGUAGE = 'en';
    await launch({ isPackaged: true });
    const [, options] = calls.createAgent[0] as [unknown, { env: Record<string, string | undefined> }];
    expect(options.env).toEqual({});
  });

  it('not packaged: the HALLO_* development variables configure the agent', async () => {
    process.env.HALLO_API_URL = 'http://127.0.0.1:9/v1';
    process.env.HALLO_LANGUAGE = 'en';
    await launch({ isPackaged: false });
    const [, options] = calls.createAgent[0] as [unknown, { env: Record<string, string | undefined> }];
    expect(options.env).toMatchObject({ HALLO_API_URL: 'http://127.0.0.1:9/v1', HALLO_LANGUAGE: 'en' });
  });

  it.runIf(process.platform !== 'win32')('the profile folder is narrowed to 0700 before the agent is made', async () => {
    await launch({ isPackaged: true, userData: (path) => chmodSync(path, 0o755) });
    expect(calls.createAgent).toHaveLength(1);
    const [ports] = calls.createAgent[0] as [AgentPorts];
    expect(statSync(ports.paths.dataDir).mode & 0o777).toBe(0o700);
  });

  it.runIf(process.platform !== 'win32')('a profile folder that is a link (planted by another user) is refused: no agent, the app exits', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'hallo-planted-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { electron } = await launch({
      isPackaged: true,
      userData: (path) => {
        rmdirSync(path);
        symlinkSync(elsewhere, path);
      },
    });
    expect(calls.createAgent).toHaveLength(0);
    expect(electron.app.quitCalled).toBe(true);
    expect(String(error.mock.calls[0]?.[1])).toContain('it is a symbolic link');
    error.mockRestore();
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
    expect([...electron.globalShortcut.registered.keys()]).toEqual(['Control+Alt+H']);
    electron.globalShortcut.__press('Control+Alt+H');
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

// Start at login (electron/main/login.ts): the per-user login item only where nothing machine-wide
// starts the agent (build/installer.nsh writes HKLM Run on Windows, the deb writes
// /etc/xdg/autostart on Linux; tests/packaging/autostart.test.ts checks those).
describe('start at login', () => {
  it('Linux, packaged: no per-user login item (Electron has none there; the deb installs the autostart entry)', async () => {
    const { electron } = await launch({ isPackaged: true, platform: 'linux' });
    expect(calls.createAgent).toHaveLength(1);
    expect(electron.app.loginItemSettings).toBeNull();
  });

  it('macOS, packaged: the login item is set', async () => {
    const { electron } = await launch({ isPackaged: true, platform: 'darwin' });
    expect(calls.createAgent).toHaveLength(1);
    expect(electron.app.loginItemSettings).toEqual({ openAtLogin: true });
  });

  it('Windows, installed per machine: HKLM Run starts it, so no per-user entry is made', async () => {
    const { electron } = await launch({ isPackaged: true, platform: 'win32', resourcesPath: resourcesFolder({ machineAutostart: true }) });
    expect(calls.createAgent).toHaveLength(1);
    expect(electron.app.loginItemSettings).toBeNull();
  });

  it('Windows, installed per machine: a per-user entry left by an earlier version is removed (no double start)', async () => {
    const { electron } = await launch({
      isPackaged: true,
      platform: 'win32',
      resourcesPath: resourcesFolder({ machineAutostart: true }),
      loginItemSettings: { openAtLogin: true },
    });
    expect(electron.app.loginItemSettings).toEqual({ openAtLogin: false });
  });

  it('Windows, not installed per machine (an unpacked folder): the per-user entry is set', async () => {
    const { electron } = await launch({ isPackaged: true, platform: 'win32', resourcesPath: resourcesFolder({ machineAutostart: false }) });
    expect(electron.app.loginItemSettings).toEqual({ openAtLogin: true });
  });

  it('never for a development build, on any platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      for (const machineWide of [true, false]) {
        expect(loginItemPlan({ platform, isPackaged: false, machineWide, perUserOpenAtLogin: () => true })).toBeNull();
      }
    }
  });

  it('the marker counts only on Windows', () => {
    expect(loginItemPlan({ platform: 'darwin', isPackaged: true, machineWide: true, perUserOpenAtLogin: () => false })).toEqual({ openAtLogin: true });
    expect(loginItemPlan({ platform: 'linux', isPackaged: true, machineWide: false, perUserOpenAtLogin: () => false })).toBeNull();
  });
});

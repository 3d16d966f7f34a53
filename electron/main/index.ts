import { join } from 'node:path';
import { app } from 'electron';
import { createAgent, type Agent } from '../agent/agent';
import { ensurePrivateDir } from '../agent/platform/private-dir';
import type { ShellHandlers } from '../agent/door';
import { ActionError } from '../contract';
import { startDemoApi } from './demo';
import { forwardEvents } from './ipc/events';
import { bindActions } from './ipc/handle';
import { trustedOrigins } from './ipc/origin';
import { startAtLogin } from './login';
import { createElectronPorts } from './ports';
import { createPdfRenderer } from './pdf';
import { createSaveTarget } from './save-target';
import { lazyShellUpdater, loadAutoUpdater } from './updater';
import { helperModeOf, runHelper } from './machine-update/helper-mode';
import { machineInstall } from './machine-update/install';
import { updateRoute } from './machine-update/route';
import { registerAppScheme, serveRenderer } from './protocol';
import { brandLinkToOpen, httpsHost, portalToOpen } from '../agent/platform/links';
import { openRequestTicket } from '../agent/remote/request-ticket';
import { installSecurity, openExternalSafely } from './security';
import { showNotices } from './notices';
import { openReport } from './report';
import { bindRemoteEndShortcut, bindReportShortcut } from './shortcut';
import { showRemoteNotices } from './remote-notices';
import { createConsentWindow } from './windows/consent';
import { createSessionBar } from './windows/session-bar';
import { createShellTray } from './tray';
import { createPopup, type Popup } from './windows/popup';
import { createCaptureHost } from './windows/capture';
import { createRestartWindow } from './windows/restart';
import { ourWindows, windowNameOf } from './windows/registry';

// The composition root of the shell: wires Electron to the agent and decides nothing itself.

const origins = trustedOrigins({ isPackaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL });
let popup: Popup | null = null;

// Started by the installer or SYSTEM's update task to do one thing (machine-update/helper-mode.ts):
// no window, no tray, no agent, no single-instance lock (the user's agent may be running).
const helper = helperModeOf(process.argv);
if (helper) {
  void runHelper(helper, { platform: process.platform, exe: process.execPath, env: process.env, currentVersion: app.getVersion() }).then((code) => app.exit(code));
} else {
  registerAppScheme();
  installSecurity(origins);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', () => popup?.show());
    // A tray app lives on without windows; without this listener Electron would quit.
    app.on('window-all-closed', () => {});
    app.whenReady().then(start).catch(fail);
  }
}

async function start(): Promise<void> {
  // Before setAppUserModelId: Electron names the per-user Run entry after the id current at the
  // call, and an entry left by an earlier version was written at this point too (login.ts).
  startAtLogin({ app, platform: process.platform, resourcesPath: process.resourcesPath });
  // Windows ties notifications and the taskbar identity to this id (electron-builder's appId).
  if (process.platform === 'win32') app.setAppUserModelId('eu.hallo.agent');
  if (process.platform === 'darwin') app.dock?.hide();
  const appPath = app.getAppPath();
  serveRenderer(join(appPath, 'out', 'renderer'));

  // The profile folder holds the token, the outbox and the log: ours alone, or the agent does not start.
  ensurePrivateDir(app.getPath('userData'));
  const demoApi = await startDemoApi({ isPackaged: app.isPackaged, env: process.env });
  // The view engine's hidden window; it logs through the agent made just below.
  const capture = createCaptureHost({
    preloadPath: join(appPath, 'out', 'preload', 'capture.cjs'),
    rendererDir: join(appPath, 'out', 'renderer'),
    isPackaged: app.isPackaged,
    devUrl: process.env.ELECTRON_RENDERER_URL,
    warn: (message, data) => agent.log.warn(message, data),
  });
  // Self-update only in a packaged app: a development run has no resources/app-update.yml (the
  // download's cache folder and publisherName come from it) and nothing installed to replace; the
  // preview's updater serves development. electron-updater's own lines go to the agent's log.
  const route = updateRoute({ platform: process.platform, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appImage: process.env.APPIMAGE });
  const updater =
    route === 'none'
      ? undefined
      : lazyShellUpdater(
          loadAutoUpdater,
          {
            info: (message) => agent.log.child('self-update').info(message),
            warn: (message) => agent.log.child('self-update').warn(message),
            error: (message) => agent.log.child('self-update').error(message),
          },
          route === 'update-task' ? machineInstall({ currentVersion: app.getVersion(), quit: () => app.quit() }) : undefined,
        );
  // Sync, as the process ends right after: the update task is asked to run (machine mode).
  app.once('quit', () => updater?.atQuit());
  const ports = createElectronPorts({
    platform: process.platform,
    env: process.env,
    ownWindow: () => popup?.window ?? null,
    capture,
    updater,
    admin: { save: createSaveTarget({ popup: () => popup }), pdf: createPdfRenderer() },
  });
  const agent = createAgent(ports, {
    appVersion: app.getVersion(),
    systemLanguages: app.getPreferredSystemLanguages(),
    // HALLO_API_URL, HALLO_ENROLLMENT_CODE and HALLO_LANGUAGE are for development: a packaged
    // agent takes its configuration from the managed file only, whatever the user's environment.
    env: app.isPackaged ? {} : process.env,
    demo: demoApi.demo,
  });

  const shown = createPopup({
    preloadPath: join(appPath, 'out', 'preload', 'popup.cjs'),
    isPackaged: app.isPackaged,
    devUrl: process.env.ELECTRON_RENDERER_URL,
  });
  popup = shown;
  const shell = shellHandlers(agent, shown);
  bindActions({ agent, shell, windowOf: windowNameOf, origins });
  forwardEvents(agent, ourWindows);
  createShellTray({
    agent,
    popup: shown,
    iconsDir: join(appPath, 'resources', 'tray'),
    platform: process.platform,
    quit: () => app.quit(),
    openLink: async (id) => shell['links.open']({ id }),
  });
  // The restart prompt's own window, shown when the agent's planner asks (prompt, countdown).
  const restartWindow = createRestartWindow({
    agent,
    preloadPath: join(appPath, 'out', 'preload', 'restart.cjs'),
    isPackaged: app.isPackaged,
    devUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const shortcut = bindReportShortcut({ agent, onPress: () => void openReport(agent, shown) });
  // Remote support: the consent window while a request waits, the bar and the end shortcut while a session runs.
  const consentWindow = createConsentWindow({
    agent,
    preloadPath: join(appPath, 'out', 'preload', 'consent.cjs'),
    isPackaged: app.isPackaged,
    devUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const sessionBar = createSessionBar({
    agent,
    preloadPath: join(appPath, 'out', 'preload', 'session-bar.cjs'),
    isPackaged: app.isPackaged,
    devUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const endShortcut = bindRemoteEndShortcut({ agent });
  showRemoteNotices({ agent, consent: consentWindow, popup: shown });
  showNotices({ agent, platform: process.platform, popup: shown, restart: restartWindow });

  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    // app.exit() below skips will-quit, where Electron would otherwise want this done.
    shortcut.dispose();
    endShortcut.dispose();
    restartWindow.dispose();
    consentWindow.dispose();
    sessionBar.dispose();
    capture.dispose();
    void Promise.allSettled([agent.stop(), demoApi.close()]).finally(() => app.exit(0));
  });
  // The agent handles its own trouble (offline, bad config); should start() still fail, the tray
  // stays up with the last state rather than the app vanishing.
  agent.start().catch((error: unknown) => agent.log.error('agent start failed', { error: String(error) }));
}

function shellHandlers(agent: Agent, shown: Popup): ShellHandlers {
  return {
    'popup.hide': () => shown.hide(),
    'remote.showTicket': async () => {
      if (await openRequestTicket(agent)) shown.show();
    },
    'support.openPortal': async () => {
      const portalUrl = portalToOpen(agent.state().support.portalUrl);
      if (!(await openExternalSafely(portalUrl, httpsHost(portalUrl)))) throw new ActionError('forbidden', 'portal URL not allowed');
      return { openInPage: null };
    },
    'links.open': async ({ id }) => {
      const url = brandLinkToOpen(agent.state().branding.links, id);
      if (!(await openExternalSafely(url, httpsHost(url)))) throw new ActionError('forbidden', 'link not allowed');
      return { openInPage: null };
    },
  };
}

function fail(error: unknown): void {
  console.error('hallo, agent failed to start', error);
  app.exit(1);
}

import { BrowserWindow, screen } from 'electron';
import type { Agent } from '../../agent/agent';
import { pageUrl } from '../ipc/origin';
import { topCentrePosition } from '../position';
import { registerWindow } from './registry';

export const SESSION_BAR_SIZE = { width: 560, height: 64 };

export interface SessionBarOptions {
  agent: Agent;
  preloadPath: string;
  isPackaged: boolean;
  /** electron-vite's dev server URL; used only when not packaged. */
  devUrl?: string | undefined;
}

/**
 * The bar while a session runs (state.remote.session set): small, on top of everything (level
 * 'screen-saver'), at the top centre of the primary display, kept out of the capture
 * (setContentProtection: the technician does not see it, and cannot reach "Beëindigen" with a
 * remote pointer: MeshAgent#117). It has no frame and cannot be closed: only ending the session
 * (its button, the tray, the popup, the shortcut) takes it away.
 */
export function createSessionBar(opts: SessionBarOptions): { current(): BrowserWindow | null; dispose(): void } {
  const url = pageUrl('session-bar.html', opts);
  let window: BrowserWindow | null = null;

  const open = (): BrowserWindow => {
    const { workArea } = screen.getPrimaryDisplay();
    const created = new BrowserWindow({
      ...SESSION_BAR_SIZE,
      frame: false,
      resizable: false,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      closable: false,
      focusable: true,
      skipTaskbar: false,
      alwaysOnTop: true,
      show: false,
      title: 'hallo,',
      webPreferences: {
        // The baseline of ARCHITECTURE.md, a literal in each window so that electronegativity sees it
        // (tests/shell check every window has exactly this). Auxclick off: no middle-click windows.
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: opts.preloadPath,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    registerWindow('session-bar', created);
    const { x, y } = topCentrePosition(SESSION_BAR_SIZE, workArea);
    created.setPosition(x, y);
    created.setAlwaysOnTop(true, 'screen-saver');
    created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    created.setContentProtection(true);
    created.on('close', (event) => {
      // Alt+F4 and the like: the bar goes only when the session ends.
      if (window === created) event.preventDefault();
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    void created.loadURL(url);
    created.showInactive(); // on screen at once, without taking the keyboard from the employee's work
    return created;
  };

  const follow = () => {
    const running = opts.agent.state().remote.session !== null;
    if (running && !window) window = open();
    if (!running && window) {
      const ended = window;
      window = null;
      ended.destroy();
    }
  };

  const unsubscribe = opts.agent.subscribe((patch) => {
    if (patch.remote) follow();
  });
  follow();
  return {
    current: () => (window && !window.isDestroyed() ? window : null),
    dispose: () => {
      unsubscribe();
      const last = window;
      window = null;
      last?.destroy();
    },
  };
}

import { BrowserWindow, screen } from 'electron';
import type { Agent } from '../../agent/agent';
import { pageUrl } from '../ipc/origin';
import { centredPosition, popupSize } from '../position';
import { registerWindow } from './registry';

export const CONSENT_SIZE = { width: 460, height: 560 };

export interface ConsentWindowOptions {
  agent: Agent;
  preloadPath: string;
  isPackaged: boolean;
  /** electron-vite's dev server URL; used only when not packaged. */
  devUrl?: string | undefined;
}

export interface ConsentWindow {
  current(): BrowserWindow | null;
  /** Brings the window of the pending request to the front (the notification's click); nothing without one. */
  show(): void;
  dispose(): void;
}

/**
 * The consent window: open exactly while state.remote.request is set, one window per request
 * (a new request gets a fresh page). Always on top, in the middle of the display the user works
 * on (the cursor's), sized to fit it, in the taskbar so it can be found again (prompts hidden
 * behind windows or off-screen: rustdesk#6450, MeshCentral#547). Closing it is "Weigeren": the
 * technician hears at once rather than after the timeout; the agent ignores it in the first 500 ms,
 * and then the window stays.
 */
export function createConsentWindow(opts: ConsentWindowOptions): ConsentWindow {
  const url = pageUrl('consent.html', opts);
  let window: BrowserWindow | null = null;
  let shownFor: string | null = null;

  const deny = (sessionId: string) =>
    opts.agent
      .invoke('remote.answer', { sessionId, answer: 'deny' })
      .then(({ outcome }) => outcome !== 'too-early')
      .catch((error: unknown) => {
        opts.agent.log.warn('consent window: deny on close failed', { error: String(error) });
        return false;
      });

  const open = (sessionId: string): BrowserWindow => {
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const size = popupSize(CONSENT_SIZE, 1, display.workArea);
    const created = new BrowserWindow({
      ...size,
      resizable: false,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
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
    registerWindow('consent', created);
    const { x, y } = centredPosition(size, display.workArea);
    created.setPosition(x, y);
    created.setAlwaysOnTop(true, 'screen-saver');
    created.on('close', (event) => {
      if (shownFor !== sessionId) return; // the request is over: let it go
      event.preventDefault();
      void deny(sessionId);
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    void created.loadURL(url);
    return created;
  };

  const bringToFront = (target: BrowserWindow) => {
    if (target.isMinimized()) target.restore();
    target.show();
    target.moveTop();
    target.focus();
  };

  const follow = () => {
    const sessionId = opts.agent.state().remote.request?.sessionId ?? null;
    if (sessionId === shownFor) return;
    const previous = window;
    shownFor = sessionId;
    window = null;
    if (previous && !previous.isDestroyed()) previous.destroy();
    if (sessionId === null) return;
    window = open(sessionId);
    bringToFront(window);
  };

  const unsubscribe = opts.agent.subscribe((patch) => {
    if (patch.remote) follow();
  });
  follow();
  return {
    current: () => (window && !window.isDestroyed() ? window : null),
    show: () => {
      if (window && !window.isDestroyed()) bringToFront(window);
    },
    dispose: () => {
      unsubscribe();
      shownFor = null;
      window?.destroy();
    },
  };
}

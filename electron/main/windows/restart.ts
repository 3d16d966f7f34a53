import { BrowserWindow, screen } from 'electron';
import type { RestartStep } from '../../contract';
import type { Agent } from '../../agent/agent';
import { pageUrl } from '../ipc/origin';
import { popupPosition } from '../position';
import { registerWindow } from './registry';

export const RESTART_SIZE = { width: 420, height: 460 };

/**
 * What the restart window does for the planner's step: the agent decides, the shell only shows.
 * `prompt` shows it near the tray; `countdown` keeps it on top and brings it back when hidden;
 * anything else (waiting, restarting, no restart needed) puts it away.
 */
export function restartWindowMode(step: RestartStep | null | undefined): 'hidden' | 'prompt' | 'countdown' {
  if (step?.kind === 'prompt') return 'prompt';
  if (step?.kind === 'countdown') return 'countdown';
  return 'hidden';
}

export interface RestartWindowOptions {
  agent: Agent;
  preloadPath: string;
  isPackaged: boolean;
  /** electron-vite's dev server URL; used only when not packaged. */
  devUrl?: string | undefined;
  platform?: NodeJS.Platform;
}

/**
 * The restart prompt's window of its own. It can be moved and closed (users hate prompts that
 * cannot be: nudge#510, #535): closing it is "remind later", and the agent decides what comes
 * next. In the final countdown it stays on top and comes back to the front if it is hidden or
 * minimised (PSAppDeployToolkit#1546: a minimised prompt that never came back).
 */
export function createRestartWindow(opts: RestartWindowOptions): { current(): BrowserWindow | null; show(): boolean; dispose(): void } {
  const platform = opts.platform ?? process.platform;
  const url = pageUrl('restart.html', opts);
  let window: BrowserWindow | null = null;
  let mode = restartWindowMode(null);

  const remindLater = () =>
    void opts.agent.invoke('updates.remindLater', {}).catch((error: unknown) => opts.agent.log.warn('restart window: remind later failed', { error: String(error) }));

  const open = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    const created = new BrowserWindow({
      ...RESTART_SIZE,
      resizable: false,
      movable: true,
      minimizable: true,
      maximizable: false,
      fullscreenable: false,
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
    registerWindow('restart', created);
    created.on('close', (event) => {
      // Closing is "remind later"; the window stays ready for the agent's next step.
      event.preventDefault();
      created.hide();
      remindLater();
    });
    const comeBack = () => {
      if (mode === 'countdown' && !created.isDestroyed()) bringToFront(created);
    };
    created.on('hide', comeBack);
    created.on('minimize', comeBack);
    created.on('closed', () => {
      if (window === created) window = null;
    });
    void created.loadURL(url);
    window = created;
    return created;
  };

  const place = (target: BrowserWindow) => {
    // On the display the user works on (the cursor's), in the corner where the tray is.
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const { x, y } = popupPosition({
      trayBounds: { x: 0, y: 0, width: 0, height: 0 },
      windowSize: RESTART_SIZE,
      workArea: display.workArea,
      displayBounds: display.bounds,
      platform,
    });
    target.setPosition(x, y);
  };

  const follow = () => {
    const next = restartWindowMode(opts.agent.state().updates.restart.step);
    const previous = mode;
    mode = next;
    if (next === 'hidden') {
      if (window && !window.isDestroyed() && window.isVisible()) window.hide();
      return;
    }
    const target = open();
    target.setAlwaysOnTop(next === 'countdown', 'screen-saver');
    if (previous === 'hidden') place(target);
    if (!target.isVisible() || (next === 'countdown' && previous !== 'countdown')) bringToFront(target);
  };

  const unsubscribe = opts.agent.subscribe((patch) => {
    if (patch.updates) follow();
  });
  follow();
  return {
    current: () => (window && !window.isDestroyed() ? window : null),
    // A click on the restart's notification: to the front while the agent still asks; false when it no longer does.
    show: () => {
      if (mode === 'hidden') return false;
      bringToFront(open());
      return true;
    },
    dispose: () => {
      unsubscribe();
      window?.destroy();
    },
  };
}

function bringToFront(target: BrowserWindow): void {
  if (target.isMinimized()) target.restore();
  target.show();
  target.moveTop();
  target.focus();
}

import { BrowserWindow, screen } from 'electron';
import { popupPosition, popupSize, type Rect } from '../position';
import { APP_ENTRY } from '../ipc/origin';
import { registerWindow } from './registry';

export const POPUP_SIZE = { width: 380, height: 560 };

export interface Popup {
  window: BrowserWindow;
  /** Shows the popup next to the tray icon (bounds may be empty: Linux). */
  show(trayBounds?: Rect): void;
  hide(): void;
  toggle(trayBounds?: Rect): void;
  /**
   * Runs `work` (a dialog parented to the popup) with the hide-on-blur off: the dialog takes the
   * focus, and a popup hidden then would hide its dialog with it (a sheet on macOS).
   */
  keepOpenWhile<T>(work: () => Promise<T>): Promise<T>;
}

export interface PopupOptions {
  preloadPath: string;
  isPackaged: boolean;
  /** electron-vite's dev server URL; used only when not packaged. */
  devUrl?: string | undefined;
  platform?: NodeJS.Platform;
  /** Epoch ms; injected so that tests need no real time. */
  now?: () => number;
}

// Clicking the tray icon while the popup is open first blurs it (which hides it), then clicks:
// a click this soon after a blur-hide means "close", not "open again".
const REOPEN_GUARD_MS = 300;

export function createPopup(opts: PopupOptions): Popup {
  const platform = opts.platform ?? process.platform;
  const now = opts.now ?? Date.now;
  const window = new BrowserWindow({
    ...POPUP_SIZE,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    show: false,
    alwaysOnTop: true,
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
  registerWindow('popup', window);
  let hiddenByBlurAt = -Infinity;
  let dialogsOpen = 0;
  window.on('blur', () => {
    if (!window.isVisible() || dialogsOpen > 0) return;
    hiddenByBlurAt = now();
    window.hide();
  });

  const url = !opts.isPackaged && opts.devUrl ? opts.devUrl : APP_ENTRY;
  void window.loadURL(url);
  // A crashed renderer is reloaded when the user next opens the popup: never in a loop.
  let crashed = false;
  window.webContents.on('render-process-gone', () => {
    crashed = true;
  });

  const show = (trayBounds: Rect = { x: 0, y: 0, width: 0, height: 0 }) => {
    const display = screen.getDisplayMatching(trayBounds.width > 0 ? trayBounds : cursorRect());
    const { width, height } = popupSize(POPUP_SIZE, window.webContents.getZoomFactor(), display.workArea);
    window.setSize(width, height);
    const { x, y } = popupPosition({
      trayBounds,
      windowSize: { width, height },
      workArea: display.workArea,
      displayBounds: display.bounds,
      platform,
    });
    window.setPosition(x, y);
    if (crashed) {
      crashed = false;
      void window.loadURL(url);
    }
    window.show();
    window.focus();
  };
  const hide = () => window.hide();
  const toggle = (trayBounds?: Rect) => {
    if (window.isVisible()) hide();
    else if (now() - hiddenByBlurAt > REOPEN_GUARD_MS) show(trayBounds);
  };
  const keepOpenWhile = async <T>(work: () => Promise<T>): Promise<T> => {
    dialogsOpen++;
    try {
      return await work();
    } finally {
      dialogsOpen--;
    }
  };
  return { window, show, hide, toggle, keepOpenWhile };
}

function cursorRect(): Rect {
  const point = screen.getCursorScreenPoint();
  return { ...point, width: 1, height: 1 };
}

import { beforeEach, describe, expect, it } from 'vitest';
import { screen, __reset, type BrowserWindow } from '../doubles/electron';
import { createPopup } from '../../electron/main/windows/popup';
import { windowNameOf } from '../../electron/main/windows/registry';

/** One display with the taskbar at the bottom: the work area is `workHeight` high. */
function oneDisplay(width: number, height: number, workHeight: number) {
  screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width, height }, workArea: { x: 0, y: 0, width, height: workHeight }, size: { width, height }, scaleFactor: 1 }];
}

/** The popup's window as the double records it. */
const popupWindow = (opts: Parameters<typeof createPopup>[0]) => createPopup(opts).window as unknown as BrowserWindow;

describe('popup window', () => {
  beforeEach(() => __reset());

  it('has the security baseline webPreferences, exactly', () => {
    const window = popupWindow({ preloadPath: '/app/out/preload/popup.cjs', isPackaged: true });
    expect(window.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/popup.cjs',
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.options).toMatchObject({ frame: false, resizable: false, skipTaskbar: true, show: false, alwaysOnTop: true });
    expect(windowNameOf(window.webContents as never)).toBe('popup');
  });

  it('loads app://hallo when packaged, even if a dev server URL is set', () => {
    const window = popupWindow({ preloadPath: 'p', isPackaged: true, devUrl: 'http://localhost:5173' });
    expect(window.webContents.loaded).toEqual(['app://hallo/index.html']);
  });

  it('loads the dev server only when not packaged', () => {
    const window = popupWindow({ preloadPath: 'p', isPackaged: false, devUrl: 'http://localhost:5173' });
    expect(window.webContents.loaded).toEqual(['http://localhost:5173']);
  });

  it('shows next to the tray icon and hides when it loses focus', () => {
    oneDisplay(1920, 1080, 1032);
    let now = 1_000;
    const popup = createPopup({ preloadPath: 'p', isPackaged: true, platform: 'win32', now: () => now });
    popup.toggle({ x: 1700, y: 1040, width: 24, height: 40 });
    expect(popup.window.isVisible()).toBe(true);
    const [x, y] = popup.window.getPosition();
    expect(y! + popup.window.getSize()[1]!).toBeLessThanOrEqual(1032);
    expect(x).toBeLessThan(1712);
    expect(x! + popup.window.getSize()[0]!).toBeGreaterThan(1712);

    // Clicking the tray icon while open: the blur hides it, the click must not reopen it.
    popup.window.blur();
    expect(popup.window.isVisible()).toBe(false);
    popup.toggle({ x: 1700, y: 1040, width: 24, height: 40 });
    expect(popup.window.isVisible()).toBe(false);
    now += 5_000;
    popup.toggle({ x: 1700, y: 1040, width: 24, height: 40 });
    expect(popup.window.isVisible()).toBe(true);
    popup.toggle();
    expect(popup.window.isVisible()).toBe(false);
  });

  it('a crashed renderer is reloaded when the popup is next shown, not before', () => {
    const popup = createPopup({ preloadPath: 'p', isPackaged: true });
    const window = popup.window as unknown as BrowserWindow;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.webContents.loaded).toEqual(['app://hallo/index.html']);
    popup.show();
    expect(window.webContents.loaded).toEqual(['app://hallo/index.html', 'app://hallo/index.html']);
    popup.hide();
    popup.show();
    expect(window.webContents.loaded).toHaveLength(2);
  });

  it('grows with the page zoom (the text size), never beyond the work area', () => {
    oneDisplay(1366, 768, 728);
    const popup = createPopup({ preloadPath: 'p', isPackaged: true, platform: 'win32' });
    (popup.window.webContents as unknown as { zoomFactor: number }).zoomFactor = 1.5;
    popup.show({ x: 1300, y: 732, width: 24, height: 36 });
    expect(popup.window.getSize()).toEqual([570, 728 - 24]);
    const [x, y] = popup.window.getPosition();
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x! + 570).toBeLessThanOrEqual(1366);
  });
});

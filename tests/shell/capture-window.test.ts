import { beforeEach, describe, expect, it } from 'vitest';
import { __reset, BrowserWindow, desktopCapturer, NativeImage, screen, session, type Session } from '../doubles/electron';
import { eventChannel } from '../../electron/contract';
import { CAPTURE_PARTITION, createCaptureHost } from '../../electron/main/windows/capture';
import { windowNameOf } from '../../electron/main/windows/registry';
import { pickScreen } from '../../electron/main/display-media';
import { hardenContents } from '../../electron/main/security';

// The app's capture host with the electron double: a hidden window per session on a session of
// its own, commands to that window only, the screen only for it, destroyed on close.

const warnings: string[] = [];
function host() {
  return createCaptureHost({
    preloadPath: '/app/out/preload/capture.cjs',
    rendererDir: '/app/out/renderer',
    isPackaged: true,
    warn: (message) => warnings.push(message),
  });
}

/** open() resolves once the page has loaded; the double loads nothing, so the test says when. */
async function opened(capture: ReturnType<typeof host>, sessionId: string): Promise<BrowserWindow> {
  const before = new Set(BrowserWindow.getAllWindows());
  const opening = capture.open(sessionId);
  const window = BrowserWindow.getAllWindows().find((w) => !before.has(w))!;
  window.webContents.emit('did-finish-load');
  await opening;
  return window;
}

const captureSession = () => session.fromPartition(CAPTURE_PARTITION) as Session;

function askScreen(frame: unknown, audioRequested = false): Promise<unknown> {
  return new Promise((answered) =>
    captureSession().displayMediaRequestHandler!({ frame, securityOrigin: 'app://hallo', videoRequested: true, audioRequested, userGesture: false }, answered),
  );
}

const screens = () => {
  const thumb = new NativeImage('');
  desktopCapturer.sources = [
    { id: 'screen:1:0', name: 'Scherm 1', display_id: '1', thumbnail: thumb },
    { id: 'screen:2:0', name: 'Scherm 2', display_id: '2', thumbnail: thumb },
  ];
  screen.displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, size: { width: 1920, height: 1080 }, scaleFactor: 1 },
    { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, workArea: { x: 1920, y: 0, width: 1920, height: 1040 }, size: { width: 1920, height: 1080 }, scaleFactor: 1 },
  ];
};

describe('the capture window', () => {
  beforeEach(() => {
    __reset();
    warnings.length = 0;
  });

  it('is hidden, has the security baseline, its own preload and session, and is known to the IPC door as "capture"', async () => {
    const window = await opened(host(), 's1');
    expect(window.visible).toBe(false);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/capture.cjs',
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      partition: CAPTURE_PARTITION,
      backgroundThrottling: false,
    });
    expect(window.webContents.getURL()).toBe('app://hallo/capture.html');
    expect(window.webContents.session).toBe(captureSession());
    expect(captureSession().ownHandlers.has('app')).toBe(true); // the page is served in its session too
    expect(windowNameOf(window.webContents as never)).toBe('capture');
  });

  it('sends commands to the capture window only, and only for its session', async () => {
    const capture = host();
    const other = new BrowserWindow({ show: false });
    const window = await opened(capture, 's1');
    capture.send({ command: 'start', sessionId: 's1', iceServers: [{ urls: 'turn:turn.hallo.example', username: 'u', credential: 'secret' }] });
    capture.send({ command: 'stop', sessionId: 's2' });
    expect(window.webContents.sent).toEqual([
      { channel: eventChannel('remote.capture'), args: [{ command: 'start', sessionId: 's1', iceServers: [{ urls: 'turn:turn.hallo.example', username: 'u', credential: 'secret' }] }] },
    ]);
    expect(other.webContents.sent).toEqual([]);
    expect(warnings).toEqual(['capture: command for a session without a capture window']);
  });

  it('gives the capture window the screen the user works on, without a picker', async () => {
    screens();
    screen.cursor = { x: 2500, y: 300 }; // on the second display
    const window = await opened(host(), 's1');
    expect(captureSession().displayMediaOptions).toEqual({ useSystemPicker: false });
    expect(await askScreen(window.webContents.mainFrame)).toEqual({ video: expect.objectContaining({ id: 'screen:2:0' }) });
  });

  it('refuses the screen to any other window, a subframe, or a request for audio', async () => {
    screens();
    const window = await opened(host(), 's1');
    const other = new BrowserWindow({ show: false, webPreferences: { partition: CAPTURE_PARTITION } });
    expect(await askScreen(other.webContents.mainFrame)).toBeNull();
    expect(await askScreen({ ...window.webContents.mainFrame, parent: window.webContents.mainFrame })).toBeNull();
    expect(await askScreen(window.webContents.mainFrame, true)).toBeNull();
    expect(await askScreen(null)).toBeNull();
    // The default session (the popup, the consent window) has no display-media handler at all.
    expect(session.defaultSession.displayMediaRequestHandler).toBeNull();
  });

  it('grants display-capture to the capture window alone, even after the baseline denied every permission', async () => {
    const window = await opened(host(), 's1');
    const other = new BrowserWindow({ show: false, webPreferences: { partition: CAPTURE_PARTITION } });
    hardenContents(other.webContents as never, ['app://hallo']); // as web-contents-created does in the app
    const capture = host();
    const second = await opened(capture, 's2');
    const ask = (contents: unknown, permission: string) =>
      new Promise((answered) => captureSession().permissionRequestHandler!(contents, permission, answered, { isMainFrame: true }));
    expect(await ask(second.webContents, 'display-capture')).toBe(true);
    expect(await ask(second.webContents, 'media')).toBe(false);
    expect(await ask(other.webContents, 'display-capture')).toBe(false);
    expect(await ask(window.webContents, 'display-capture')).toBe(false);
    expect(captureSession().permissionCheckHandler!(other.webContents, 'display-capture', 'app://hallo')).toBe(false);
  });

  it('close destroys the window (its tracks stop with it) and resolves once it is gone', async () => {
    const capture = host();
    const window = await opened(capture, 's1');
    await capture.close('s1');
    expect(window.isDestroyed()).toBe(true);
    capture.send({ command: 'stop', sessionId: 's1' });
    expect(window.webContents.sent).toEqual([]);
  });

  it('a page that fails to load fails open, and leaves no window behind', async () => {
    const capture = host();
    const opening = capture.open('s1');
    const window = BrowserWindow.getAllWindows()[0]!;
    window.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND');
    await expect(opening).rejects.toThrow('capture page failed to load: -6 ERR_FILE_NOT_FOUND');
    expect(window.isDestroyed()).toBe(true);
  });
});

describe('the screen to share', () => {
  const sources = [
    { id: 'a', display_id: '1' },
    { id: 'b', display_id: '2' },
  ];
  it('is the working display, else the primary, else the first; none without screens', () => {
    expect(pickScreen(sources, { working: 2, primary: 1 })?.id).toBe('b');
    expect(pickScreen(sources, { working: 9, primary: 1 })?.id).toBe('a');
    expect(pickScreen([{ id: 'x', display_id: '' }], { working: 2, primary: 1 })?.id).toBe('x');
    expect(pickScreen([], { working: 1, primary: 1 })).toBeNull();
  });
});

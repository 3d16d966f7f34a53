import { BrowserWindow, desktopCapturer, screen, session } from 'electron';
import type { CaptureHost } from '../../agent/ports';
import { eventChannel, type CaptureCommand } from '../../contract';
import { allowScreenCapture } from '../display-media';
import { pageUrl } from '../ipc/origin';
import { serveRenderer } from '../protocol';
import { registerWindow } from './registry';

/** An in-memory session of its own: the only one where a page may capture the screen. */
export const CAPTURE_PARTITION = 'hallo-capture';
/** A page that has not loaded in this time will not: the session ends as capture-failed. */
export const CAPTURE_LOAD_TIMEOUT_MS = 15_000;

export interface CaptureWindowOptions {
  preloadPath: string;
  rendererDir: string;
  isPackaged: boolean;
  devUrl?: string | undefined;
  warn(message: string, data?: Record<string, unknown>): void;
}

/**
 * The view engine's host in the app: a hidden window per session whose page streams the screen
 * (renderer/src/capture). Commands go to that window alone (they carry the ICE credentials);
 * closing destroys it, and its tracks stop with its renderer.
 */
export function createCaptureHost(opts: CaptureWindowOptions): CaptureHost & { dispose(): void } {
  const url = pageUrl('capture.html', opts);
  const captureSession = session.fromPartition(CAPTURE_PARTITION);
  serveRenderer(opts.rendererDir, captureSession.protocol);
  let current: { sessionId: string; window: BrowserWindow } | null = null;

  const destroy = (window: BrowserWindow): Promise<void> =>
    new Promise((gone) => {
      if (window.isDestroyed()) return gone();
      window.once('closed', () => gone());
      window.destroy();
    });

  return {
    async open(sessionId) {
      if (current) await destroy(current.window);
      const window = new BrowserWindow({
        width: 320,
        height: 200,
        show: false,
        skipTaskbar: true,
        focusable: false,
        title: 'hallo,',
        webPreferences: {
          // The baseline of ARCHITECTURE.md, a literal as in every window (tests/shell hold it).
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          preload: opts.preloadPath,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
          // Its own session: the display-media handler and the display-capture permission live there only.
          partition: CAPTURE_PARTITION,
          // Hidden all the time: without this its timers and encoder would be throttled.
          backgroundThrottling: false,
        },
      });
      current = { sessionId, window };
      registerWindow('capture', window);
      allowScreenCapture(captureSession, () => (current?.window.isDestroyed() === false ? current.window.webContents : null), {
        sources: () => desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } }),
        displays: () => ({ working: screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).id, primary: screen.getPrimaryDisplay().id }),
        warn: opts.warn,
      });
      window.on('closed', () => {
        if (current?.window === window) current = null;
      });
      await new Promise<void>((loaded, failed) => {
        const timer = setTimeout(() => failed(new Error('capture page did not load')), CAPTURE_LOAD_TIMEOUT_MS);
        window.webContents.once('did-finish-load', () => {
          clearTimeout(timer);
          loaded();
        });
        window.webContents.once('did-fail-load', (_event: unknown, code: number, description: string) => {
          clearTimeout(timer);
          failed(new Error(`capture page failed to load: ${code} ${description}`));
        });
        window.loadURL(url).catch(() => undefined); // did-fail-load says why
      }).catch(async (error: unknown) => {
        await destroy(window);
        throw error;
      });
    },
    send(command: CaptureCommand) {
      const target = current;
      if (!target || target.sessionId !== command.sessionId || target.window.isDestroyed()) {
        opts.warn('capture: command for a session without a capture window', { command: command.command });
        return;
      }
      target.window.webContents.send(eventChannel('remote.capture'), command);
    },
    async close(sessionId) {
      if (current && current.sessionId === sessionId) await destroy(current.window);
    },
    dispose() {
      if (current) current.window.destroy();
    },
  };
}

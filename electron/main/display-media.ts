import type { DesktopCapturerSource, Session, WebContents, WebFrameMain } from 'electron';

// Screen capture for the view engine, and for nothing else: the capture window's session (a
// partition of its own) is the only one with a display-media handler, and even there only the
// capture window's top frame gets the screen. No OS picker: the consent window was the consent.

export type ScreenSource = Pick<DesktopCapturerSource, 'id' | 'display_id'>;

/**
 * The screen to share: the display the user works on (the cursor's), else the primary display,
 * else the first screen there is (Linux under X11 may leave display_id empty). Null: no screen.
 */
export function pickScreen<S extends ScreenSource>(sources: readonly S[], displays: { working: number; primary: number }): S | null {
  return (
    sources.find((s) => s.display_id === String(displays.working)) ??
    sources.find((s) => s.display_id === String(displays.primary)) ??
    sources[0] ??
    null
  );
}

/** The request comes from the capture window's own top frame (not a subframe, not another window). */
export function isFrameOf(frame: Pick<WebFrameMain, 'processId' | 'routingId' | 'parent'> | null, contents: WebContents | null): boolean {
  if (!frame || !contents || contents.isDestroyed() || frame.parent !== null) return false;
  const main = contents.mainFrame;
  return frame.processId === main.processId && frame.routingId === main.routingId;
}

export interface ScreenAccess {
  sources(): Promise<ScreenSource[]>;
  displays(): { working: number; primary: number };
  warn(message: string, data?: Record<string, unknown>): void;
}

/**
 * Lets the capture window (and only it) capture the screen in its session: the display-media
 * handler answers its getDisplayMedia with the screen pickScreen chooses and refuses everyone
 * else; the `display-capture` permission (Electron 45 asks for it separately) is granted to it
 * alone, every other permission stays denied as everywhere (security.ts). Call after the window
 * exists: making a webContents resets its session's permission handlers to "deny all".
 */
export function allowScreenCapture(target: Session, capture: () => WebContents | null, access: ScreenAccess): void {
  const isCapture = (contents: WebContents | null) => {
    const ours = capture();
    return contents !== null && ours !== null && !ours.isDestroyed() && contents.id === ours.id;
  };
  target.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permission === 'display-capture' && isCapture(contents) && (details as { isMainFrame?: boolean }).isMainFrame !== false),
  );
  target.setPermissionCheckHandler((contents, permission) => permission === 'display-capture' && isCapture(contents));
  target.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!isFrameOf(request.frame, capture()) || request.audioRequested) {
        access.warn('screen capture refused: not the capture window, or audio asked', { origin: request.securityOrigin });
        return callback(null);
      }
      access
        .sources()
        .then((sources) => {
          const source = pickScreen(sources, access.displays());
          if (!source) access.warn('screen capture: no screen to share');
          callback(source ? { video: source as DesktopCapturerSource } : null);
        })
        .catch((error: unknown) => {
          access.warn('screen capture: the screens could not be listed', { error: String(error) });
          callback(null);
        });
    },
    { useSystemPicker: false },
  );
}

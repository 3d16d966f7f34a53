import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternal } from '../agent/platform/links';
import { originOf } from './ipc/origin';

// The security baseline of ARCHITECTURE.md for every webContents the app ever makes: no
// navigation away from our origin, no new windows, no webviews, no permissions, and links out
// only to allow-listed https hosts through openExternalSafely().

/** The one way the app opens a link in the user's browser. Resolves false when refused. */
export async function openExternalSafely(url: string, extraHosts: readonly string[]): Promise<boolean> {
  if (!isAllowedExternal(url, extraHosts)) return false;
  await shell.openExternal(url);
  return true;
}

export function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

export function hardenContents(contents: WebContents, origins: readonly string[]): void {
  const ours = (url: string) => {
    const origin = originOf(url);
    return origin !== null && origins.includes(origin);
  };
  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (!ours(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  denyPermissions(contents.session);
}

/** Installs the baseline before any window exists; call once, before app is ready. */
export function installSecurity(origins: readonly string[]): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origins));
  void app.whenReady().then(() => denyPermissions(session.defaultSession));
}

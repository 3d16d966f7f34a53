import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file the Windows installer (build/installer.nsh, customInstall) writes into the app's
 * resources folder when it has registered the agent under HKLM\...\Run for every user.
 */
export const MACHINE_AUTOSTART_MARKER = 'machine-autostart';

/** The part of Electron's `app` this needs (the test double has the same shape). */
export interface LoginItemApp {
  isPackaged: boolean;
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/**
 * Who starts the agent at login, per platform, for a managed install:
 * - not packaged: nobody. A development build would register electron(.exe) without our app.
 * - macOS: the per-user login item (SMAppService); a dmg install has no machine-wide step.
 * - Windows, installed per machine: the installer's HKLM Run value starts it for every user, so
 *   the per-user entry (HKCU Run) must not exist as well or both would fire at login. One left
 *   by an earlier version is removed.
 * - Windows otherwise (e.g. an unpacked folder run by hand): the per-user entry is all there is.
 * - Linux: setLoginItemSettings does nothing there; the deb's after-install script writes
 *   /etc/xdg/autostart/hallo-agent.desktop (build/linux/after-install.sh). An AppImage is not
 *   a managed install and gets no autostart.
 * Returns the settings to apply, or null to leave the login item alone.
 */
export function loginItemPlan(opts: {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  machineWide: boolean;
  perUserOpenAtLogin: () => boolean;
}): { openAtLogin: boolean } | null {
  if (!opts.isPackaged) return null;
  if (opts.platform === 'darwin') return { openAtLogin: true };
  if (opts.platform !== 'win32') return null;
  if (!opts.machineWide) return { openAtLogin: true };
  return opts.perUserOpenAtLogin() ? { openAtLogin: false } : null;
}

/** Applies loginItemPlan() for this process. `resourcesPath` is Electron's process.resourcesPath. */
export function startAtLogin(opts: { app: LoginItemApp; platform: NodeJS.Platform; resourcesPath: string | undefined }): void {
  const { app } = opts;
  const plan = loginItemPlan({
    platform: opts.platform,
    isPackaged: app.isPackaged,
    machineWide: opts.platform === 'win32' && !!opts.resourcesPath && existsSync(join(opts.resourcesPath, MACHINE_AUTOSTART_MARKER)),
    perUserOpenAtLogin: () => app.getLoginItemSettings().openAtLogin,
  });
  if (plan) app.setLoginItemSettings(plan);
}

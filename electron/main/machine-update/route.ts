import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MACHINE_AUTOSTART_MARKER } from '../login';
import { UPDATE_TASK_MARKER } from './places';

/**
 * How this install updates itself. The rule: an employee is never asked for an administrator's
 * password or a UAC consent (electron-updater asks through elevate.exe on Windows, pkexec or sudo
 * for a deb, Squirrel.Mac's authorization for an app the user cannot write).
 * - electron-updater: the user can replace the app (a copy of their own: a Windows folder run by
 *   hand, an AppImage, an app in a folder they may write).
 * - update-task: installed per machine by the NSIS installer, which registered SYSTEM's update
 *   task (UPDATE_TASK_MARKER): the installer is left for that task (README.md in this folder).
 * - none: a development run (nothing installed to replace); the MSI, the deb and the macOS pkg
 *   in /Applications, which the admin's deployment tool (Intune, Group Policy, apt, the MDM)
 *   keeps current. The admin view then shows self-update as off.
 */
export type UpdateRoute = 'electron-updater' | 'update-task' | 'none';

export interface RouteFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  resourcesPath: string | undefined;
  /** $APPIMAGE: the AppImage this app was started from (set by the AppImage runtime). */
  appImage?: string | undefined;
  exists?: (path: string) => boolean;
  writable?: (path: string) => boolean;
}

export function updateRoute(facts: RouteFacts): UpdateRoute {
  const { resourcesPath } = facts;
  if (!facts.isPackaged || !resourcesPath) return 'none';
  const exists = facts.exists ?? existsSync;
  const writable = facts.writable ?? canWrite;
  if (facts.platform === 'win32') {
    if (exists(join(resourcesPath, UPDATE_TASK_MARKER))) return 'update-task';
    return exists(join(resourcesPath, MACHINE_AUTOSTART_MARKER)) ? 'none' : 'electron-updater';
  }
  if (facts.platform === 'linux') {
    // AppImageUpdater replaces the AppImage file; a deb is apt's.
    return facts.appImage && writable(dirname(facts.appImage)) ? 'electron-updater' : 'none';
  }
  if (facts.platform === 'darwin') {
    // Squirrel.Mac replaces the whole bundle in its folder (<app>.app/Contents/Resources).
    const bundle = resolve(resourcesPath, '..', '..');
    return writable(bundle) && writable(dirname(bundle)) ? 'electron-updater' : 'none';
  }
  return 'none';
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

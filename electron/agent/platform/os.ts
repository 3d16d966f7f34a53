import type { SizeUnits } from '../../contract/sizes';

export type OsFamily = 'windows' | 'macos' | 'linux' | 'other';

// `platform` is a parameter so that every branch can be tested on one machine.
export const isWindows = (platform: NodeJS.Platform = process.platform): boolean => platform === 'win32';
export const isMac = (platform: NodeJS.Platform = process.platform): boolean => platform === 'darwin';
export const isLinux = (platform: NodeJS.Platform = process.platform): boolean => platform === 'linux';

export function osFamily(platform: NodeJS.Platform = process.platform): OsFamily {
  if (isWindows(platform)) return 'windows';
  if (isMac(platform)) return 'macos';
  if (isLinux(platform)) return 'linux';
  return 'other';
}

/** A GB as this platform's file manager counts it (Explorer: 2^30 bytes; Finder, GNOME Files: 10^9). */
export function sizeUnitsFor(platform: string): SizeUnits {
  return platform === 'win32' ? 'binary' : 'decimal';
}

/**
 * Windows' system folder, for programs run from it by full path (shutdown.exe, reg.exe). The
 * environment is the user's: a SystemRoot that is not a plain drive path is ignored.
 */
export function windowsSystemRoot(env: Record<string, string | undefined>): string {
  return /^[A-Za-z]:\\[^"<>|?*]*$/.test(env.SystemRoot ?? '') ? env.SystemRoot! : 'C:\\Windows';
}

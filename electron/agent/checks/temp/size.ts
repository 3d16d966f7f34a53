import { join, posix, win32 } from 'node:path';
import type { Finding, TempFinding } from '../types';
import { walkBudget, type WalkLimits, type WalkStop, type WalkBudget } from './budget';
import { codeOf, nodeTempFs, type TempFs } from './fs';
import { openRoot } from './roots';

/** The temp folders: `user` is sized and cleaned (the employee's own files), `system` only sized. */
export interface TempDirs {
  user: string[];
  system: string[];
}

/**
 * This machine's temp folders. User: the folder os.tmpdir() names (Windows: %TEMP%, the user's
 * own AppData\Local\Temp; macOS: $TMPDIR, the per-user /var/folders/…/T; Linux: $TMPDIR or
 * /tmp, shared, where the cleanup takes only the user's own files). System: Windows'
 * %SystemRoot%\Temp; /var/tmp on macOS and Linux (kept across restarts, so it is where leftovers
 * pile up; macOS's /private/tmp is emptied at each start). Node's os.tmpdir() rule is written out
 * here so that all three OSes are tested on one machine (on this one it gives os.tmpdir()).
 */
export function defaultTempDirs(platform: NodeJS.Platform, env: Record<string, string | undefined>): TempDirs {
  if (platform === 'win32') {
    const system = win32.join(env.SystemRoot || env.windir || 'C:\\Windows', 'Temp');
    const user = trimEnd(env.TEMP || env.TMP || system, win32.sep);
    // Without %TEMP% Node falls back to the Windows folder's Temp: that one is the system's, not the user's.
    return { user: win32.relative(system, user) === '' ? [] : [user], system: [system] };
  }
  return { user: [trimEnd(env.TMPDIR || env.TMP || env.TEMP || '/tmp', posix.sep)], system: ['/var/tmp'] };
}

/** As os.tmpdir(): a trailing separator goes, unless the path is a root (`/`, `C:\`). */
function trimEnd(path: string, sep: string): string {
  return path.length > 1 && path.endsWith(sep) && !path.endsWith(`:${sep}`) ? path.slice(0, -1) : path;
}

/** What the sizing found, with what admins need to trust it (the probe's raw output). */
export interface TempMeasure extends TempFinding {
  /** Entries looked at (files, links and folders) in all roots. */
  entries: number;
  /** Folders below a root that could not be listed (another user's, no access): skipped, not counted. */
  unreadable: number;
  /** Set when the walk stopped at a bound: the bytes are what was counted by then, at least this much. */
  partial: WalkStop | null;
  /** Roots not walked and why (a link or junction, not a folder, missing, unreadable). */
  notWalked: string[];
}

export interface MeasureOptions {
  limits?: Partial<WalkLimits>;
  now?: () => number;
  fs?: TempFs;
}

/** lstat calls in flight at once: enough to keep a disk busy, few enough for a folder of 200 000. */
const LSTAT_BATCH = 64;

/**
 * Sizes the temp folders: the sum of the files' and links' own sizes (a link counts as itself,
 * never its target; folders are walked, not counted, as Explorer and Finder count a folder).
 * Never follows a link or junction (readdir says so without a stat; only files are lstat'ed).
 * Bounded by entries and time for all roots together (budget.ts). The user's part is unknown
 * ('denied' or 'error') only when a user root exists and cannot be listed; the system's part is
 * null then (Windows lets only admins list C:\Windows\Temp). Never rejects.
 *
 * A folder swapped for a link between its readdir in the parent and its own would be listed
 * through the link: sizing only reads sizes, and the figure is a hint, so this is left open.
 */
export async function measureTemp(dirs: TempDirs, options: MeasureOptions = {}): Promise<Finding<TempMeasure>> {
  const fs = options.fs ?? nodeTempFs;
  const budget = walkBudget(options.limits, options.now);
  const tally = { unreadable: 0, notWalked: [] as string[] };
  try {
    let userBytes = 0;
    for (const root of dirs.user) {
      const size = await sizeOfRoot(root, fs, budget, tally);
      if ('unknown' in size) return size;
      userBytes += size.bytes;
    }
    let systemBytes: number | null = dirs.system.length > 0 ? 0 : null;
    for (const root of dirs.system) {
      const size = await sizeOfRoot(root, fs, budget, tally);
      systemBytes = 'unknown' in size || systemBytes === null ? null : systemBytes + size.bytes;
    }
    return { value: { userBytes, systemBytes, entries: budget.entries, unreadable: tally.unreadable, partial: budget.stopped, notWalked: tally.notWalked } };
  } catch (error) {
    return { unknown: 'error', detail: `temp folders: ${String(error)}` };
  }
}

type RootSize = { bytes: number } | { unknown: 'denied' | 'error'; detail: string };

async function sizeOfRoot(root: string, fs: TempFs, budget: WalkBudget, tally: { unreadable: number; notWalked: string[] }): Promise<RootSize> {
  const opened = await openRoot(root, fs);
  if ('refused' in opened) {
    tally.notWalked.push(opened.detail);
    return opened.refused === 'unreadable' ? unreadableRoot(opened.detail) : { bytes: 0 };
  }
  let bytes = 0;
  const folders = [opened.real];
  for (let folder = folders.pop(); folder !== undefined && !budget.stopped; folder = folders.pop()) {
    let entries;
    try {
      entries = await fs.readdir(folder);
    } catch (error) {
      if (folder === opened.real) {
        const detail = `${root}: ${codeOf(error) || String(error)}`;
        tally.notWalked.push(detail);
        return unreadableRoot(detail);
      }
      tally.unreadable++;
      continue;
    }
    const files: string[] = [];
    for (const entry of entries) {
      if (budget.take()) break;
      if (entry.isDirectory()) folders.push(join(folder, entry.name));
      else files.push(join(folder, entry.name));
    }
    for (let i = 0; i < files.length; i += LSTAT_BATCH) {
      const sizes = await Promise.all(files.slice(i, i + LSTAT_BATCH).map((file) => fs.lstat(file).then((info) => info.size, () => 0)));
      for (const size of sizes) bytes += size;
    }
  }
  return { bytes };
}

function unreadableRoot(detail: string): RootSize {
  return { unknown: /EACCES|EPERM/.test(detail) ? 'denied' : 'error', detail };
}

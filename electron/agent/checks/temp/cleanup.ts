import { join } from 'node:path';
import { walkBudget, type WalkLimits, type WalkStop, type WalkBudget } from './budget';
import { codeOf, nodeTempFs, type EntryInfo, type TempFs } from './fs';
import { isInside, openRoot } from './roots';

// "Tijdelijke bestanden opruimen": the employee's own temporary files older than a day, and the
// folders that leaves empty. Never anything outside the roots, never with admin rights (it runs
// as the user, so the OS's own rights are a second fence), never through a link.

/** A day: what the issue promises ("older than a day"); also long enough for a download or an installer still unpacking. */
export const TEMP_MIN_AGE_MS = 24 * 60 * 60 * 1000;

/** What one cleanup did: the capability keeps it as state.checks.cleanup.last (with its time) for the maintenance timeline. */
export interface CleanupFigures {
  /** The removed files' own sizes (a link: the link, not its target). */
  freedBytes: number;
  /** Files and links removed (emptied folders removed too are not counted: they held nothing). */
  removed: number;
  /** Entries left: too new, in use, not the user's, not a file (a socket, a pipe), could not be removed, or in a folder that could not be listed. */
  skipped: number;
  /** Roots not cleaned and why (a link or junction: nothing under it is touched). */
  notCleaned: string[];
  /** Set when the walk stopped at a bound: what was done by then stands. */
  partial: WalkStop | null;
}

export interface CleanupOptions {
  now: number;
  minAgeMs: number;
  limits?: Partial<WalkLimits>;
  /** Time for the walk's bound (the age uses `now`). */
  clock?: () => number;
  fs?: TempFs;
  platform?: NodeJS.Platform;
  /** The user's id (POSIX): another user's files in a shared /tmp are left. Windows has none (the profile's ACL fences %TEMP%). */
  uid?: number | null;
}

interface Walk {
  fs: TempFs;
  root: string;
  platform: NodeJS.Platform;
  uid: number | null;
  oldBefore: number;
  budget: WalkBudget;
  figures: CleanupFigures;
}

/**
 * Cleans the given roots (the user's temp folders; never the system's). Each root is opened with
 * lstat and refused when it is a link or junction; its real path, taken once, bounds every step.
 * Entries are lstat'ed and never followed: a link is removed as itself (unlink never follows the
 * last step, and on Windows removes a junction, not what it points to). Before each unlink or
 * rmdir, the parent folder's real path must still lie inside the root, so a folder swapped for a
 * link after it was listed is not followed out of the root.
 *
 * What remains possible (TOCTOU): a swap between that realpath and the unlink itself. Only a
 * process of the same user can rename folders in the user's own temp folder, and such a process
 * could delete those files itself; in a shared /tmp the sticky bit keeps others from renaming our
 * folders. So the race gives nobody more than they have, and the check is what keeps a planted
 * link (made at any earlier time) from leading us out. Removal is file by file; rmdir only takes
 * an empty folder; nothing recursive is ever called.
 *
 * Age is the newest of the times a file has (POSIX unlink works on a file still open, so "in
 * use" there is "touched in the last day"): modified, changed (ctime: an unpacked file keeps its
 * archive's mtime, but ctime is the unpacking), created, and read (systemd-tmpfiles' rule too).
 * A folder's read time is left out: listing it (this walk) sets it. Never rejects.
 */
export async function cleanTemp(dirs: string[], options: CleanupOptions): Promise<CleanupFigures> {
  const fs = options.fs ?? nodeTempFs;
  const figures: CleanupFigures = { freedBytes: 0, removed: 0, skipped: 0, notCleaned: [], partial: null };
  const budget = walkBudget(options.limits, options.clock);
  const uid = options.uid === undefined ? (process.getuid?.() ?? null) : options.uid;
  const platform = options.platform ?? process.platform;
  for (const root of dirs) {
    const opened = await openRoot(root, fs);
    if ('refused' in opened) {
      if (opened.refused !== 'missing') figures.notCleaned.push(opened.detail);
      continue;
    }
    await cleanFolder(opened.real, { fs, root: opened.real, platform, uid: platform === 'win32' ? null : uid, oldBefore: options.now - options.minAgeMs, budget, figures });
  }
  figures.partial = budget.stopped;
  return figures;
}

/** Cleans one folder's entries, depth first; true when it is empty afterwards. */
async function cleanFolder(folder: string, walk: Walk): Promise<boolean> {
  let names;
  try {
    names = (await walk.fs.readdir(folder)).map((entry) => entry.name);
  } catch {
    walk.figures.skipped++; // the folder, as one entry: what is in it is not known
    return false;
  }
  let left = 0;
  for (const name of names) {
    if (walk.budget.take()) return false;
    const path = join(folder, name);
    let info: EntryInfo;
    try {
      info = await walk.fs.lstat(path);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') {
        walk.figures.skipped++;
        left++;
      }
      continue;
    }
    const removed = info.isDirectory() ? await cleanSubfolder(folder, path, info, walk) : await removeFile(folder, path, info, walk);
    if (!removed) left++;
  }
  return left === 0;
}

async function cleanSubfolder(parent: string, path: string, info: EntryInfo, walk: Walk): Promise<boolean> {
  const emptied = await cleanFolder(path, walk);
  // Its times from before the walk: removing its files changed them.
  if (!emptied || !ours(info, walk) || newestTime(info, false) >= walk.oldBefore) return false;
  if (!(await stillInside(parent, walk))) return false;
  try {
    await walk.fs.rmdir(path); // empty folders only: a file made meanwhile keeps it
    return true;
  } catch {
    return false;
  }
}

async function removeFile(parent: string, path: string, info: EntryInfo, walk: Walk): Promise<boolean> {
  const removable = (info.isFile() || info.isSymbolicLink()) && ours(info, walk) && newestTime(info, true) < walk.oldBefore;
  if (!removable || !(await stillInside(parent, walk))) {
    walk.figures.skipped++;
    return false;
  }
  try {
    await walk.fs.unlink(path);
  } catch (error) {
    // Windows refuses a file in use (EBUSY, EPERM, EACCES); a read-only file, a vanished one: the same, left alone.
    if (codeOf(error) === 'ENOENT') return true;
    walk.figures.skipped++;
    return false;
  }
  walk.figures.freedBytes += info.size;
  walk.figures.removed++;
  return true;
}

const ours = (info: EntryInfo, walk: Walk): boolean => walk.uid === null || info.uid === walk.uid;

function newestTime(info: EntryInfo, withRead: boolean): number {
  return Math.max(info.mtimeMs, info.ctimeMs, info.birthtimeMs || 0, withRead ? info.atimeMs : 0);
}

/** The folder holding the entry still resolves to a place inside the root (not swapped for a link out of it). */
async function stillInside(parent: string, walk: Walk): Promise<boolean> {
  try {
    return isInside(walk.root, await walk.fs.realpath(parent), walk.platform);
  } catch {
    return false;
  }
}

import { chmodSync, constants, closeSync, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';

// The agent's data folder holds the device's tickets (sent with its token), its log and its
// secrets. Another local user who could create or link any of it could read our log or plant a
// ticket, so every folder is ours alone (0700, owned by us, not a link) and every file 0600.

/** Why a folder is not used. */
export class UnsafeFolderError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'symlink' | 'not-a-folder' | 'foreign-owner',
  ) {
    super(`refusing the data folder ${path}: ${REASONS[reason]}`);
    this.name = 'UnsafeFolderError';
  }
}
const REASONS = {
  symlink: 'it is a symbolic link',
  'not-a-folder': 'it is not a folder',
  'foreign-owner': 'another user owns it',
} as const;

/** What the checks reach of the OS; tests hand in another platform or user. */
export interface PrivateDirIo {
  platform?: NodeJS.Platform;
  /** The current user's id (POSIX); Windows has none and relies on the profile folder's ACL. */
  uid?: number;
}

const uidOf = (io: PrivateDirIo): number | null =>
  (io.platform ?? process.platform) === 'win32' ? null : (io.uid ?? process.getuid?.() ?? null);

/**
 * Makes `dir` (and missing parents) 0700, or checks one that exists: a link, a file or another
 * user's folder is refused (throws UnsafeFolderError), one of ours that others may read is
 * narrowed to 0700. Parents that exist are not touched: they may be shared (/tmp, a home).
 * Sync: it runs once before the agent starts, and for the log, which writes sync so it never waits.
 */
export function ensurePrivateDir(dir: string, io: PrivateDirIo = {}): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // a file there: said below
  }
  const info = lstatSync(dir);
  const problem = folderProblem(info, uidOf(io));
  if (problem) throw new UnsafeFolderError(dir, problem);
  if ((io.platform ?? process.platform) !== 'win32' && (info.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Why a folder found on disk is not ours alone (null: it is). */
export function folderProblem(info: { isSymbolicLink(): boolean; isDirectory(): boolean; uid: number }, uid: number | null): UnsafeFolderError['reason'] | null {
  if (info.isSymbolicLink()) return 'symlink';
  if (!info.isDirectory()) return 'not-a-folder';
  if (uid !== null && info.uid !== uid) return 'foreign-owner';
  return null;
}

// O_NOFOLLOW is POSIX; Windows does not follow a planted link through this path in the same way
// and has no such flag (0 leaves the flags as they are).
const APPEND_NO_FOLLOW = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/**
 * Appends to a file that is a regular file of ours: never through a symbolic link (ELOOP), created
 * 0600, and narrowed to 0600 if an older version left it readable by others. Throws on refusal.
 */
export function appendPrivateSync(path: string, text: string, io: PrivateDirIo = {}): void {
  const fd = openSync(path, APPEND_NO_FOLLOW, 0o600);
  try {
    const info = fstatSync(fd);
    const uid = uidOf(io);
    if (!info.isFile() || (uid !== null && info.uid !== uid)) throw new Error(`refusing to append to ${path}: not a file of ours`);
    if (uid !== null && (info.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

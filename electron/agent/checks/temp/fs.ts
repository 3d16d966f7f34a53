import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, rmdir, unlink } from 'node:fs/promises';

// What the temp-folder walks (size.ts, cleanup.ts) reach of the file system. Only calls that never
// follow a link at the last step (lstat, unlink, rmdir); readdir and realpath are given folders the
// walk found by lstat. Tests hand in one that fails where they say (a file in use, a folder
// swapped for a link between the walk and the delete).

/** What the walks read of an entry: lstat's answer (a link is itself, never its target). */
export type EntryInfo = Pick<Stats, 'size' | 'uid' | 'atimeMs' | 'mtimeMs' | 'ctimeMs' | 'birthtimeMs' | 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

/** A folder's entry as readdir names it: on Windows a junction is a link here too (libuv: any reparse point). */
export type FolderEntry = Pick<Dirent, 'name' | 'isDirectory' | 'isSymbolicLink'>;

export interface TempFs {
  lstat(path: string): Promise<EntryInfo>;
  readdir(path: string): Promise<FolderEntry[]>;
  realpath(path: string): Promise<string>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
}

export const nodeTempFs: TempFs = {
  lstat,
  readdir: (path) => readdir(path, { withFileTypes: true }),
  realpath: (path) => realpath(path),
  unlink,
  rmdir,
};

/** The error code of a failed fs call ('' when it has none). */
export const codeOf = (error: unknown): string => String((error as NodeJS.ErrnoException | null)?.code ?? '');

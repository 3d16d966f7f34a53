import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach } from 'vitest';
import { nodeTempFs, type TempFs } from '../../../../electron/agent/checks/temp/fs';

// Temp trees on the real disk for the temp-folder tests, removed after each test.

export const DAY = 24 * 60 * 60 * 1000;
/**
 * The cleanup's "now", two days after the disk's clock: a file the test makes has a ctime (which
 * no call can set back) of the real now, so it is two days old by then. A new file is stamped
 * within the last day of NOW (its atime and mtime in the disk's future).
 */
export const NOW = Date.now() + 2 * DAY;

export function useTempTrees(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** A file of `bytes` bytes; `fresh`: touched an hour before NOW, so not old enough to remove. */
export function file(path: string, bytes: number, fresh = false): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.alloc(bytes, 0x61));
  if (fresh) utimesSync(path, new Date(NOW - 3_600_000), new Date(NOW - 3_600_000));
  return path;
}

/** Every path below `dir`, relative and sorted: what a test sees is left. */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => relative(dir, join(dir, p)))
    .sort();
}

/** An error as Node's fs gives it. */
export const fsError = (code: string, path: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: ${path}`), { code, path });

/** The real file system, with the calls a test overrides. */
export const fsWith = (overrides: Partial<TempFs>): TempFs => ({ ...nodeTempFs, ...overrides });

import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Temp names need only be unique: the folder is ours alone (0700) and `wx` refuses a name that is
 * there already. This run (process id and start time, as a crash may leave a temp file behind)
 * and a counter, not random bytes: node:crypto is about 2 MB to keep loaded.
 */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
let temps = 0;

/** What the file helpers reach of the OS; tests hand in another platform or a failing `open`. */
export interface FileIo {
  platform?: NodeJS.Platform;
  open?: typeof open;
}

/**
 * Writes a file so that a crash or power cut leaves either the old or the new content, never half:
 * temp file in the same folder, fsync, rename over, fsync the folder (where the OS allows it).
 * A folder it has to make is flushed into its parent too, or the file could vanish with it.
 * Throws on a full or read-only disk, or when a flush fails; the caller decides what the user is told.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600, io: FileIo = {}): Promise<void> {
  const dir = dirname(path);
  const firstMade = await mkdir(dir, { recursive: true, mode: 0o700 }); // ours alone, like the data folder
  if (firstMade !== undefined) {
    for (const parent of parentsOfMade(dir, firstMade)) await syncDir(parent, io);
  }
  const temp = join(dir, `.${RUN}-${++temps}.tmp`);
  try {
    const handle = await (io.open ?? open)(temp, 'wx', mode); // a new file: never through a planted link
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir, io);
}

/** The folders whose entries changed when `mkdir -p dir` made `firstMade` and all below it, top first. */
function parentsOfMade(dir: string, firstMade: string): string[] {
  const parents: string[] = [];
  for (let made = dir; ; made = dirname(made)) {
    parents.unshift(dirname(made));
    if (made === firstMade || dirname(made) === made) return parents;
  }
}

/** A temp file of writeFileAtomic's (`.<12 hex>.tmp`): left behind only by a crash mid-write. */
export const TEMP_FILE = /^\.[0-9a-f]{12}\.tmp$/;

/**
 * fsync on a folder, so that a rename or a new entry in it survives a power cut. Windows cannot
 * open a folder for that (EISDIR, EPERM or EACCES) and its renames are durable without it; any
 * other failure (EIO...) means the entry may not be on disk, and the caller must not say it is.
 */
export async function syncDir(dir: string, io: FileIo = {}): Promise<void> {
  let handle;
  try {
    handle = await (io.open ?? open)(dir, 'r');
  } catch (error) {
    if (windowsCannotSyncFolders(error, io)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!windowsCannotSyncFolders(error, io)) throw error;
  } finally {
    await handle.close();
  }
}

function windowsCannotSyncFolders(error: unknown, io: FileIo): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (io.platform ?? process.platform) === 'win32' && (code === 'EISDIR' || code === 'EPERM' || code === 'EACCES');
}

export type ReadJson = { ok: true; value: unknown } | { ok: false; missing: boolean; detail: string };

/**
 * For files in our own folder that another user must not be able to point elsewhere: only a
 * regular file, never through a symbolic link (O_NOFOLLOW, POSIX), and at most `maxBytes`.
 */
export interface OwnFileRead {
  ownFile: { maxBytes: number };
}

/**
 * Reads and parses a JSON file; a missing file is not an error worth a message, a broken one is.
 * Managed config may be a link (deployment tools make them); the agent's own files are read as
 * `ownFile`.
 */
export async function readJsonFile(path: string, opts: Partial<OwnFileRead> = {}): Promise<ReadJson> {
  let text: string;
  try {
    text = opts.ownFile ? await readOwnFile(path, opts.ownFile.maxBytes) : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', detail: OWN_FILE_REFUSALS[code ?? ''] ?? code ?? String(error) };
  }
  const json = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    return { ok: false, missing: false, detail: notJsonDetail(error, json.length) };
  }
}

const OWN_FILE_REFUSALS: Record<string, string> = {
  ELOOP: 'a symbolic link, not read',
  ENOTREGULAR: 'not a regular file, not read',
  EFBIG: 'too large, not read',
};

// O_NOFOLLOW and O_NONBLOCK (a planted FIFO must not hang the open) are POSIX only; Windows has
// no such flags (0 leaves the flags as they are).
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Reads one of the agent's own files as text: a regular file only, never through a link, at most `maxBytes` (else EFBIG). */
export async function readOwnFile(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, READ_NO_FOLLOW);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error(`${path}: not a regular file`), { code: 'ENOTREGULAR' });
    if (info.size > maxBytes) throw Object.assign(new Error(`${path}: ${info.size} bytes`), { code: 'EFBIG' });
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Where the JSON went wrong, never what the file says: V8's message quotes the text ("Unexpected
 * token 'r', "root:x:0:0:"... is not valid JSON"), and a config file that is a link to a secret
 * would put its first line into the state, the log and the diagnostics. V8 gives the position
 * for some errors only; the end of the input is the length.
 */
export function notJsonDetail(error: unknown, length: number): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1] ?? (/Unexpected end of JSON input/.test(message) ? String(length) : null);
  return position === null ? 'not valid JSON' : `not valid JSON at position ${position}`;
}

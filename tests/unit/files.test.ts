import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncDir, writeFileAtomic, type FileIo } from '../../electron/agent/files';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hallo-files-'));
  dirs.push(dir);
  return dir;
}

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/**
 * The real `open`, recording which folders are opened to be flushed; `failOpen` makes opening a
 * folder fail, `failSync` makes its fsync fail.
 */
function diskIo(opts: { platform?: NodeJS.Platform; failOpen?: string; failSync?: string } = {}): FileIo & { synced: string[] } {
  const synced: string[] = [];
  const wrapped = async (path: string, flags?: string, mode?: number): Promise<FileHandle> => {
    if (flags !== 'r') return open(path, flags, mode);
    if (opts.failOpen) throw errno(opts.failOpen);
    const handle = await open(path, flags);
    synced.push(String(path));
    if (!opts.failSync) return handle;
    const failSync = opts.failSync;
    return { sync: () => Promise.reject(errno(failSync)), close: () => handle.close() } as unknown as FileHandle;
  };
  return { platform: opts.platform ?? 'linux', open: wrapped as unknown as typeof open, synced };
}

describe('writeFileAtomic', () => {
  it('writes the content, leaves no temp file, and flushes the folder', async () => {
    const dir = await tempDir();
    const io = diskIo();
    await writeFileAtomic(join(dir, 'a.json'), '{"a":1}', 0o600, io);
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}');
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(io.synced).toEqual([dir]);
  });

  it('a folder it makes is flushed into its parent, each level of it, before the file counts as saved', async () => {
    const dir = await tempDir();
    const io = diskIo();
    await writeFileAtomic(join(dir, 'outbox', 'deep', 'a.json'), 'x', 0o600, io);
    // `dir` holds the new `outbox`, `outbox` holds `deep`, `deep` holds the file.
    expect(io.synced).toEqual([dir, join(dir, 'outbox'), join(dir, 'outbox', 'deep')]);
    // A folder that exists already is not flushed again.
    const again = diskIo();
    await writeFileAtomic(join(dir, 'outbox', 'b.json'), 'y', 0o600, again);
    expect(again.synced).toEqual([join(dir, 'outbox')]);
  });

  it('a folder flush that fails (EIO) fails the save: the caller must not claim it is on disk', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'a.json'), 'x', 0o600, diskIo({ failSync: 'EIO' }))).rejects.toMatchObject({ code: 'EIO' });
    await expect(writeFileAtomic(join(dir, 'b.json'), 'x', 0o600, diskIo({ failOpen: 'EIO' }))).rejects.toMatchObject({ code: 'EIO' });
    // Outside Windows, not even an EPERM is a reason to believe the folder was flushed.
    await expect(writeFileAtomic(join(dir, 'c.json'), 'x', 0o600, diskIo({ failOpen: 'EPERM' }))).rejects.toMatchObject({ code: 'EPERM' });
  });

  it('a folder flush that fails while making the folder fails the save too', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'new', 'a.json'), 'x', 0o600, diskIo({ failSync: 'EIO' }))).rejects.toMatchObject({ code: 'EIO' });
  });
});

describe('syncDir', () => {
  it.each(['EISDIR', 'EPERM', 'EACCES'])('on Windows, a folder that cannot be opened for fsync (%s) is fine: renames are durable there', async (code) => {
    const dir = await tempDir();
    await expect(syncDir(dir, diskIo({ platform: 'win32', failOpen: code }))).resolves.toBeUndefined();
    await expect(syncDir(dir, diskIo({ platform: 'win32', failSync: code }))).resolves.toBeUndefined();
  });

  it('on Windows, any other failure (EIO) is still an error', async () => {
    const dir = await tempDir();
    await expect(syncDir(dir, diskIo({ platform: 'win32', failOpen: 'EIO' }))).rejects.toMatchObject({ code: 'EIO' });
    await expect(syncDir(dir, diskIo({ platform: 'win32', failSync: 'EIO' }))).rejects.toMatchObject({ code: 'EIO' });
  });

  it('a folder that is not there is an error', async () => {
    const dir = await tempDir();
    await expect(syncDir(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

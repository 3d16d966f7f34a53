import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTemp, TEMP_MIN_AGE_MS } from '../../../../electron/agent/checks/temp/cleanup';
import { DAY, file, fsError, fsWith, listing, NOW, useTempTrees } from './tree';

// "Tijdelijke bestanden opruimen" on temp folders the test makes: what the employee is told
// (freed, removed, skipped) and what is left on disk.

const tree = useTempTrees('hallo-clean-');
const options = { now: NOW, minAgeMs: TEMP_MIN_AGE_MS };
const posix = process.platform !== 'win32';

describe('cleanTemp', () => {
  it('removes files older than a day and keeps newer ones, with the figures right', async () => {
    const root = tree();
    file(join(root, 'old-1.tmp'), 1000);
    file(join(root, 'cache', 'old-2.bin'), 2500);
    file(join(root, 'new.tmp'), 300, true);
    file(join(root, 'cache', 'new.bin'), 400, true);

    const result = await cleanTemp([root], options);

    expect(result).toEqual({ freedBytes: 3500, removed: 2, skipped: 2, notCleaned: [], partial: null });
    expect(listing(root)).toEqual(['cache', 'cache/new.bin', 'new.tmp'].map((p) => join(p)));
  });

  it('removes old folders it leaves empty; keeps the root, a folder with a new file and a new empty folder', async () => {
    const root = tree();
    file(join(root, 'setup-1', 'deep', 'a.dll'), 10);
    file(join(root, 'setup-2', 'b.dll'), 10);
    file(join(root, 'setup-2', 'today.log'), 10, true);
    const fresh = join(root, 'made-today');
    mkdirSync(fresh);
    utimesSync(fresh, new Date(NOW - 3_600_000), new Date(NOW - 3_600_000));

    expect(await cleanTemp([root], options)).toMatchObject({ removed: 2, skipped: 1 });
    expect(listing(root)).toEqual(['made-today', 'setup-2', join('setup-2', 'today.log')]);
  });

  it('keeps a file unpacked today with its archive\'s old times (an installer at work)', async () => {
    const root = tree();
    const unpacked = file(join(root, 'unpacked.dll'), 10);
    utimesSync(unpacked, new Date('2019-05-01'), new Date('2019-05-01')); // as unzip does; ctime stays the real now
    expect(await cleanTemp([root], { now: Date.now() + DAY / 2, minAgeMs: TEMP_MIN_AGE_MS })).toMatchObject({ removed: 0, skipped: 1 });
    expect(listing(root)).toEqual(['unpacked.dll']);
  });

  it.each(['EBUSY', 'EPERM', 'EACCES'])('keeps a file Windows refuses to remove while it is open (%s) and counts it skipped', async (code) => {
    const root = tree();
    const held = file(join(root, 'held.tmp'), 700);
    file(join(root, 'free.tmp'), 50);
    const fs = fsWith({ unlink: async (path) => (path === held ? Promise.reject(fsError(code, path)) : (await import('node:fs/promises')).unlink(path)) });

    expect(await cleanTemp([root], { ...options, fs })).toMatchObject({ freedBytes: 50, removed: 1, skipped: 1 });
    expect(listing(root)).toEqual(['held.tmp']);
  });

  it.runIf(posix)('leaves another user\'s files in a shared temp folder', async () => {
    const root = tree();
    file(join(root, 'theirs.tmp'), 10);
    expect(await cleanTemp([root], { ...options, uid: (process.getuid?.() ?? 0) + 1 })).toMatchObject({ removed: 0, skipped: 1 });
    expect(listing(root)).toEqual(['theirs.tmp']);
  });

  it.runIf(posix)('touches nothing outside the root through a link inside it, to a folder or to a file', async () => {
    const root = tree();
    const outside = tree();
    const outsideFile = file(join(outside, 'keep.docx'), 123);
    file(join(outside, 'folder', 'keep.xlsx'), 456);
    symlinkSync(join(outside, 'folder'), join(root, 'to-folder'));
    symlinkSync(outsideFile, join(root, 'to-file'));

    const result = await cleanTemp([root], options);

    // The links are the user's old temp entries: removed as themselves, never what they point to.
    expect(result).toMatchObject({ removed: 2, skipped: 0 });
    expect(listing(outside)).toEqual(['folder', join('folder', 'keep.xlsx'), 'keep.docx']);
    expect(readFileSync(outsideFile, 'utf8')).toHaveLength(123);
    expect(listing(root)).toEqual([]);
  });

  it.runIf(posix)('deletes nothing when the root itself is a link (a temp folder pointed elsewhere)', async () => {
    const elsewhere = tree();
    file(join(elsewhere, 'precious.txt'), 10);
    const root = join(tree(), 'Temp');
    symlinkSync(elsewhere, root);

    const result = await cleanTemp([root], options);

    expect(result).toMatchObject({ freedBytes: 0, removed: 0, skipped: 0, notCleaned: [`${root} is a link or junction: not followed`] });
    expect(listing(elsewhere)).toEqual(['precious.txt']);
  });

  it.runIf(posix)('does not follow a folder swapped for a link after it was listed', async () => {
    const root = tree();
    const outside = tree();
    file(join(outside, 'a.tmp'), 10);
    file(join(root, 'sub', 'a.tmp'), 10);
    file(join(root, 'top.tmp'), 20);
    const sub = join(root, 'sub');
    // Between listing `sub` and deleting in it, someone renames it and leaves a link to `outside`.
    const fs = fsWith({
      readdir: async (path) => {
        const entries = await (await import('node:fs/promises')).readdir(path, { withFileTypes: true });
        if (path === sub) {
          renameSync(sub, join(root, 'moved'));
          symlinkSync(outside, sub);
        }
        return entries;
      },
    });

    const result = await cleanTemp([root], { ...options, fs });

    expect(listing(outside)).toEqual(['a.tmp']);
    expect(result).toMatchObject({ freedBytes: 20, removed: 1, skipped: 1 });
  });

  it('skips a folder it cannot list and counts it, and cleans the rest', async () => {
    const root = tree();
    file(join(root, 'locked', 'secret.tmp'), 10);
    file(join(root, 'old.tmp'), 30);
    const locked = join(root, 'locked');
    const fs = fsWith({
      readdir: async (path) => (path === locked ? Promise.reject(fsError('EACCES', path)) : (await import('node:fs/promises')).readdir(path, { withFileTypes: true })),
    });

    expect(await cleanTemp([root], { ...options, fs })).toMatchObject({ freedBytes: 30, removed: 1, skipped: 1 });
    expect(listing(root)).toEqual(['locked', join('locked', 'secret.tmp')]);
  });

  it('stops at its bound and says so, keeping what it did', async () => {
    const root = tree();
    for (let i = 0; i < 10; i++) file(join(root, `f${i}.tmp`), 1);

    const result = await cleanTemp([root], { ...options, limits: { maxEntries: 4 } });

    expect(result).toMatchObject({ removed: 4, partial: 'entries' });
    expect(listing(root)).toHaveLength(6);
  });

  it('is content with a root that does not exist', async () => {
    expect(await cleanTemp([join(tree(), 'gone')], options)).toEqual({ freedBytes: 0, removed: 0, skipped: 0, notCleaned: [], partial: null });
  });

  it.runIf(posix)('leaves sockets and pipes alone (a running program\'s, however old)', async () => {
    const root = tree();
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await cleanTemp([root], options)).toMatchObject({ removed: 0, skipped: 1 });
    expect(existsSync(join(root, 'pipe'))).toBe(true);
  });
});

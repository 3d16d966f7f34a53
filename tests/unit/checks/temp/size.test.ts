import { symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTempDirs, measureTemp } from '../../../../electron/agent/checks/temp/size';
import { file, fsError, fsWith, useTempTrees } from './tree';

// The temp-files check's sizing, on folders the test makes: what it counts, what it does not
// follow, and where it stops.

const tree = useTempTrees('hallo-size-');
const posix = process.platform !== 'win32';
const nodeReaddir = async (path: string) => (await import('node:fs/promises')).readdir(path, { withFileTypes: true });

describe('measureTemp', () => {
  it('adds up the user\'s and the system\'s temp folders, subfolders included', async () => {
    const user = tree();
    const system = tree();
    file(join(user, 'a.tmp'), 1000);
    file(join(user, 'x', 'y', 'b.tmp'), 234);
    file(join(system, 'c.log'), 5000);

    expect(await measureTemp({ user: [user], system: [system] })).toEqual({
      value: { userBytes: 1234, systemBytes: 5000, entries: 5, unreadable: 0, partial: null, notWalked: [] },
    });
  });

  it.runIf(posix)('counts a link as itself and never walks or sizes what it points to', async () => {
    const user = tree();
    const outside = tree();
    file(join(outside, 'big.iso'), 1_000_000);
    file(join(outside, 'folder', 'big.bin'), 1_000_000);
    symlinkSync(join(outside, 'big.iso'), join(user, 'to-file'));
    symlinkSync(join(outside, 'folder'), join(user, 'to-folder'));

    const found = await measureTemp({ user: [user], system: [] });

    // A symbolic link's own size is the length of the path it holds.
    expect(found).toMatchObject({ value: { userBytes: join(outside, 'big.iso').length + join(outside, 'folder').length, systemBytes: null, entries: 2 } });
  });

  it.runIf(posix)('does not walk a root that is itself a link, and says so', async () => {
    const outside = tree();
    file(join(outside, 'big.iso'), 1_000_000);
    const root = join(tree(), 'Temp');
    symlinkSync(outside, root);

    expect(await measureTemp({ user: [root], system: [] })).toMatchObject({ value: { userBytes: 0, notWalked: [`${root} is a link or junction: not followed`] } });
  });

  it('skips a subfolder it cannot list and counts it', async () => {
    const user = tree();
    file(join(user, 'locked', 'a.tmp'), 10);
    file(join(user, 'b.tmp'), 20);
    const fs = fsWith({ readdir: (path) => (path.endsWith('locked') ? Promise.reject(fsError('EACCES', path)) : nodeReaddir(path)) });

    expect(await measureTemp({ user: [user], system: [] }, { fs })).toMatchObject({ value: { userBytes: 20, unreadable: 1 } });
  });

  it('says the user\'s part is unknown when the user\'s own folder cannot be listed, and the system\'s part is null when its folder cannot', async () => {
    const user = tree();
    const system = tree();
    file(join(user, 'a.tmp'), 10);
    const fs = fsWith({ readdir: (path) => (path === system || path === user ? Promise.reject(fsError('EACCES', path)) : nodeReaddir(path)) });

    expect(await measureTemp({ user: [user], system: [] }, { fs })).toEqual({ unknown: 'denied', detail: `${user}: EACCES` });
    expect(await measureTemp({ user: [], system: [system] }, { fs })).toMatchObject({ value: { userBytes: 0, systemBytes: null, notWalked: [`${system}: EACCES`] } });
  });

  it('gives 0 for a temp folder that does not exist', async () => {
    const missing = join(tree(), 'gone');
    expect(await measureTemp({ user: [missing], system: [missing] })).toMatchObject({ value: { userBytes: 0, systemBytes: 0 } });
  });

  it('stops at the entry bound and says what it counted', async () => {
    const user = tree();
    for (let i = 0; i < 10; i++) file(join(user, `f${i}.tmp`), 100);

    expect(await measureTemp({ user: [user], system: [] }, { limits: { maxEntries: 4 } })).toMatchObject({ value: { userBytes: 400, entries: 4, partial: 'entries' } });
  });

  it('stops at the time bound and says what it counted', async () => {
    const user = tree();
    for (let i = 0; i < 10; i++) file(join(user, `f${i}.tmp`), 100);
    let ms = 0;
    const now = () => (ms += 1000); // a second per look at the clock: the 5th look is past 4 s

    expect(await measureTemp({ user: [user], system: [] }, { limits: { maxMs: 4000 }, now })).toMatchObject({ value: { userBytes: 300, entries: 3, partial: 'time' } });
  });
});

describe('defaultTempDirs', () => {
  it.each([
    ['win32', { TEMP: 'C:\\Users\\anna\\AppData\\Local\\Temp', SystemRoot: 'C:\\WINDOWS' }, { user: ['C:\\Users\\anna\\AppData\\Local\\Temp'], system: ['C:\\WINDOWS\\Temp'] }],
    // Without %TEMP% or %TMP% Node names the Windows folder's Temp: the system's, so no user part.
    ['win32', { SystemRoot: 'C:\\Windows' }, { user: [], system: ['C:\\Windows\\Temp'] }],
    ['win32', { TMP: 'D:\\Temp\\', windir: 'C:\\Windows' }, { user: ['D:\\Temp'], system: ['C:\\Windows\\Temp'] }],
    ['darwin', { TMPDIR: '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T/' }, { user: ['/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T'], system: ['/var/tmp'] }],
    ['linux', {}, { user: ['/tmp'], system: ['/var/tmp'] }],
  ] as const)('on %s with %o', (platform, env, dirs) => {
    expect(defaultTempDirs(platform, env)).toEqual(dirs);
  });

  it('names the folder os.tmpdir() names on this machine', () => {
    expect(defaultTempDirs(process.platform, process.env).user).toEqual([tmpdir()]);
  });
});

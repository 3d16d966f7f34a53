import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/agent/log';
import { ensurePrivateDir, UnsafeFolderError } from '../../../electron/agent/platform/private-dir';
import { createFakeClock } from '../../doubles/fake-clock';

// A second local user who creates the agent's data folder, or a link in it, before the agent
// does: the folder is refused, the log is never written through a link, and nothing lands outside.

const posix = process.platform !== 'win32';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hallo-private-'));
  dirs.push(dir);
  return dir;
}
const mode = (path: string) => statSync(path).mode & 0o777;

describe.runIf(posix)('ensurePrivateDir', () => {
  it('makes the folder and its missing parents 0700', () => {
    const dir = join(temp(), 'a', 'b');
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, '..'))).toBe(0o700);
  });

  it('narrows a folder of ours that others could read (an older version made it 0755)', () => {
    const dir = join(temp(), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses a link, a file, and another user\'s folder', () => {
    const base = temp();
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(base, 'linked'));
    writeFileSync(join(base, 'file'), '');
    expect(() => ensurePrivateDir(join(base, 'linked'))).toThrow(new UnsafeFolderError(join(base, 'linked'), 'symlink'));
    expect(() => ensurePrivateDir(join(base, 'file'))).toThrow(/it is not a folder/);
    // Another user's: the folder's owner is not who we are.
    expect(() => ensurePrivateDir(elsewhere, { uid: lstatSync(elsewhere).uid + 1 })).toThrow(/another user owns it/);
  });
});

describe.runIf(posix)('the log file', () => {
  it('is created 0600 in a 0700 folder, and an old 0644 log is narrowed', () => {
    const logs = join(temp(), 'logs');
    const file = join(logs, 'agent.log');
    createLogger({ file, clock: createFakeClock(0) }).info('started');
    expect(mode(logs)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    chmodSync(file, 0o644);
    createLogger({ file, clock: createFakeClock(0) }).info('again');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('a planted agent.log link: nothing is appended to its target, and the refusal is said', () => {
    const base = temp();
    const target = join(base, 'chosen-by-the-neighbour.txt');
    writeFileSync(target, 'theirs\n');
    mkdirSync(join(base, 'logs'), { mode: 0o700 });
    symlinkSync(target, join(base, 'logs', 'agent.log'));
    const log = createLogger({ file: join(base, 'logs', 'agent.log'), clock: createFakeClock(0) });
    log.warn('the device token is tok-secret');
    log.warn('and more');
    expect(readFileSync(target, 'utf8')).toBe('theirs\n');
    expect(log.recent().map((e) => e.msg)).toContain(`refusing the log file ${join(base, 'logs', 'agent.log')}: it is a symbolic link`);
  });

  it('a planted logs/ link: refused, nothing written where it points', () => {
    const base = temp();
    const target = join(base, 'their-folder');
    mkdirSync(target);
    symlinkSync(target, join(base, 'logs'));
    const log = createLogger({ file: join(base, 'logs', 'agent.log'), clock: createFakeClock(0) });
    log.warn('something');
    expect(() => lstatSync(join(target, 'agent.log'))).toThrow(/ENOENT/);
    expect(log.recent()[0]?.msg).toBe(`refusing the data folder ${join(base, 'logs')}: it is a symbolic link`);
  });
});

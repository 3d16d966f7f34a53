import { describe, expect, it } from 'vitest';
import { createOsRestart, restartCommand } from '../../../electron/agent/platform/restart';
import type { RunResult } from '../../../electron/agent/platform/run';

const request = { delaySeconds: 30, message: 'hallo, start de computer opnieuw\nvoor updates' };
const result = (over: Partial<RunResult>): RunResult => ({ code: 0, stdout: '', stderr: '', timedOut: false, truncated: false, ...over });

describe('the restart command', () => {
  it('on Windows is shutdown.exe from the system folder: planned, hotfix, with the delay and a one-line comment', () => {
    expect(restartCommand('win32', { SystemRoot: 'D:\\WINDOWS' }, request)).toEqual({
      file: 'D:\\WINDOWS\\System32\\shutdown.exe',
      args: ['/r', '/t', '30', '/d', 'p:2:17', '/c', 'hallo, start de computer opnieuw voor updates'],
    });
  });
  it('ignores a SystemRoot that points anywhere but a drive folder, and bounds the delay and the comment', () => {
    const odd = restartCommand('win32', { SystemRoot: '\\\\evil\\share' }, { delaySeconds: 99_999, message: 'x'.repeat(2000) })!;
    expect(odd.file).toBe('C:\\Windows\\System32\\shutdown.exe');
    expect(odd.args.slice(0, 3)).toEqual(['/r', '/t', '600']);
    expect(odd.args.at(-1)).toHaveLength(512);
  });
  it('on Linux is systemctl reboot, on macOS System Events, by full path', () => {
    expect(restartCommand('linux', {}, request)).toEqual({ file: '/usr/bin/systemctl', args: ['reboot'] });
    expect(restartCommand('darwin', {}, request)).toEqual({ file: '/usr/bin/osascript', args: ['-e', 'tell application "System Events" to restart'] });
    expect(restartCommand('aix', {}, request)).toBeNull();
  });
});

describe('asking the OS', () => {
  it('says accepted on exit 0, and refused with what the OS said otherwise', async () => {
    const calls: string[][] = [];
    const accept = createOsRestart({ platform: 'linux', env: {}, run: async (file, args) => (calls.push([file, ...args]), result({})) });
    expect(await accept.restart(request)).toEqual({ outcome: 'accepted' });
    expect(calls).toEqual([['/usr/bin/systemctl', 'reboot']]);

    const scheduled = createOsRestart({
      platform: 'win32',
      env: {},
      run: async () => result({ code: 1190, stderr: 'Er is al een afsluiting van het systeem gepland.(1190)\r\n' }),
    });
    expect(await scheduled.restart(request)).toEqual({
      outcome: 'refused',
      detail: 'C:\\Windows\\System32\\shutdown.exe: exit 1190: Er is al een afsluiting van het systeem gepland.(1190)',
    });
  });
  it('says refused, never throws, when the command hangs, cannot start, or the OS has none', async () => {
    const hung = createOsRestart({ platform: 'darwin', env: {}, run: async () => result({ code: null, timedOut: true }) });
    expect(await hung.restart(request)).toEqual({ outcome: 'refused', detail: '/usr/bin/osascript: timed out' });
    const missing = createOsRestart({ platform: 'linux', env: {}, run: () => Promise.reject(new Error('spawn ENOENT')) });
    expect(await missing.restart(request)).toEqual({ outcome: 'refused', detail: '/usr/bin/systemctl: spawn ENOENT' });
    expect(await createOsRestart({ platform: 'aix', env: {} }).restart(request)).toEqual({ outcome: 'refused', detail: 'no restart command for aix' });
  });
});

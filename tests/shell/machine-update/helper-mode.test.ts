import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunOptions, RunResult } from '../../../electron/agent/platform/run';
import { helperModeOf, linkFreeBelow, runHelper, type HelperDeps } from '../../../electron/main/machine-update/helper-mode';
import { at, machineDirs, signature, versionInfo, type MachineUpdateDirs } from './fixtures';

let root: string;
let dirs: MachineUpdateDirs;
beforeEach(() => {
  ({ root, dirs } = machineDirs('hallo-helper-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
const helperDirs = () => ({ inboxes: [dirs.inbox], staging: dirs.staging, log: dirs.log });
/** `--apply-update` on Windows, on the test's folders, installing nothing for real. */
const applyWith = (over: Partial<HelperDeps>) =>
  runHelper('apply', { platform: 'win32', exe: 'C:\\x.exe', env: {}, currentVersion: '0.1.0', dirs: helperDirs(), startInstaller: async () => 1, running: () => false, ...over });

const answer = (stdout: string, code = 0): RunResult => ({ code, stdout, stderr: '', timedOut: false, truncated: false });

describe('the app started to do one thing (helper mode)', () => {
  it('only its own two arguments start it; anything else is the app', () => {
    expect(helperModeOf(['C:\\hallo, agent.exe', '--apply-update'])).toBe('apply');
    expect(helperModeOf(['C:\\hallo, agent.exe', '--register-update-task'])).toBe('register');
    expect(helperModeOf(['C:\\hallo, agent.exe'])).toBeNull();
    expect(helperModeOf(['C:\\hallo, agent.exe', '--updated', '--apply-update=1'])).toBeNull();
  });

  it('does nothing off Windows', async () => {
    expect(await runHelper('apply', { platform: 'linux', exe: '/opt/x', env: {}, currentVersion: '0.1.0', dirs: helperDirs() })).toBe(1);
  });

  it('--apply-update: Windows PowerShell by full path, never a shell; the installer started; a line in the task log', async () => {
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.2.0~0a1b2c3d.exe'), 'installer');
    const calls: Array<{ file: string; args: readonly string[] }> = [];
    const started: string[][] = [];
    const code = await runHelper('apply', {
      platform: 'win32',
      exe: 'C:\\Program Files\\hallo, agent\\hallo, agent.exe',
      env: { SystemRoot: 'C:\\Windows' },
      currentVersion: '0.1.0',
      dirs: helperDirs(),
      run: async (file: string, args: readonly string[], _opts: RunOptions) => {
        calls.push({ file, args });
        const script = args[args.length - 1]!;
        return answer(script.includes('Authenticode') ? at(signature.hallo, join(dirs.staging, '0-hallo-agent-setup.exe')) : versionInfo('0.2.0'));
      },
      startInstaller: async (file, args) => {
        started.push([file, ...args]);
        return 4242;
      },
      running: () => false,
    });
    expect(code).toBe(0);
    expect(calls.map((call) => call.file)).toEqual(Array(2).fill('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'));
    expect(calls[0]!.args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-InputFormat', 'None', '-Command']);
    expect(started).toEqual([[join(dirs.staging, '0-hallo-agent-setup.exe'), '/S', '--updated']]);
    expect(readFileSync(dirs.log, 'utf8')).toMatch(/started 0\.2\.0: CN="hallo, B\.V\."/);
  });

  it('a refusal exits 1 and says why in the task log', async () => {
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.2.0~0a1b2c3d.exe'), 'installer');
    const code = await applyWith({ run: async () => answer(signature.notSigned) });
    expect(code).toBe(1);
    expect(readFileSync(dirs.log, 'utf8')).toMatch(/refused 0\.2\.0: signature-invalid: The file .* is not digitally signed/);
  });

  it('a run held up (PowerShell or a file never answering) ends at its time limit with exit 1 and a line in the log; Windows would let it run forever', async () => {
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.2.0~0a1b2c3d.exe'), 'installer');
    const code = await applyWith({ run: () => new Promise(() => {}), runDeadlineMs: 50 });
    expect(code).toBe(1);
    expect(readFileSync(dirs.log, 'utf8')).toMatch(/stopped after 0 s/);
  });

  it('--register-update-task: exit 0 once registered, 1 (and the reason logged) when Windows refused', async () => {
    const base = { platform: 'win32' as const, exe: 'C:\\Program Files\\hallo, agent\\hallo, agent.exe', env: { ProgramFiles: 'C:\\Program Files' }, currentVersion: '0.1.0', dirs: helperDirs() };
    expect(await runHelper('register', { ...base, run: async () => answer('') })).toBe(0);
    expect(await runHelper('register', { ...base, run: async () => ({ ...answer(''), code: 1, stderr: 'Access is denied.' }) })).toBe(1);
    expect(readFileSync(dirs.log, 'utf8')).toMatch(/register failed: .*Access is denied/);
  });
});

describe("SYSTEM follows no link a user made in their profile's path to the inbox", () => {
  it('a plain path: read; a link anywhere below the profile, or no inbox: not read', async () => {
    const { posix } = await import('node:path');
    const { mkdirSync, symlinkSync } = await import('node:fs');
    const profile = join(root, 'anna');
    const inbox = posix.join(profile, 'AppData', 'Local', 'hallo', 'agent-update-inbox');
    expect(await linkFreeBelow(profile, inbox, posix)).toBe(false);
    mkdirSync(inbox, { recursive: true });
    expect(await linkFreeBelow(profile, inbox, posix)).toBe(true);
    // "hallo" turned into a link to somewhere else (a share, another folder)
    const elsewhere = join(root, 'elsewhere', 'agent-update-inbox');
    mkdirSync(elsewhere, { recursive: true });
    rmSync(posix.join(profile, 'AppData', 'Local', 'hallo'), { recursive: true });
    symlinkSync(join(root, 'elsewhere'), posix.join(profile, 'AppData', 'Local', 'hallo'));
    expect(await linkFreeBelow(profile, inbox, posix)).toBe(false);
  });
});

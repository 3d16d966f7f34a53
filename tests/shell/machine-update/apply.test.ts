import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyInbox, MAX_INSTALLER_BYTES, productVersion, type ApplyDeps } from '../../../electron/main/machine-update/apply';
import type { MachineUpdateDirs } from '../../../electron/main/machine-update/places';
import { readTaskResult } from '../../../electron/main/machine-update/result';
import { at, signature } from './fixtures';

// The update task's run as SYSTEM, on folders of the test's own; PowerShell is played by what
// Windows prints (recorded outputs, tests/fixtures/machine-update/), the installer is not run.

let root: string;
let dirs: MachineUpdateDirs;
let started: Array<{ file: string; args: string[]; bytes: string }>;
let scripts: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hallo-machine-update-'));
  dirs = { inbox: join(root, 'inbox'), staging: join(root, 'staging'), result: join(root, 'result.json') };
  mkdirSync(dirs.inbox);
  started = [];
  scripts = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** What Windows says of the staged file: its signature (JSON) and the version in its resource. */
function windowsSays(opts: { signature?: string; version?: string; fails?: boolean }): Pick<ApplyDeps, 'powershell'> {
  return {
    async powershell(script) {
      scripts.push(script);
      if (opts.fails) return { ok: false, stdout: '', detail: 'powershell.exe: The term is not recognized' };
      const staged = join(dirs.staging, 'hallo-agent-setup.exe');
      if (script.includes('Get-AuthenticodeSignature')) return { ok: true, stdout: at(opts.signature ?? signature.hallo, staged), detail: '' };
      return { ok: true, stdout: `${opts.version ?? '0.2.0'}\r\n`, detail: '' };
    },
  };
}

function run(over: Partial<ApplyDeps> = {}) {
  return applyInbox({
    dirs,
    currentVersion: '0.1.0',
    publisherNames: ['hallo, B.V.'],
    startInstaller: async (file, args) => void started.push({ file, args, bytes: readFileSync(file, 'utf8') }),
    now: () => new Date('2026-12-07T03:00:00Z'),
    log: () => {},
    ...windowsSays({}),
    ...over,
  });
}

const leave = (name: string, bytes = `installer ${name}`) => writeFileSync(join(dirs.inbox, name), bytes);

describe('the update task (SYSTEM) installs only what Windows says is hallo,\'s and newer', () => {
  it('a signed, newer installer: a copy in staging is checked and started silently as an update; the inbox is emptied', async () => {
    leave('hallo-agent-0.2.0.exe', 'the real installer bytes');
    const outcome = await run();
    expect(started).toEqual([{ file: join(dirs.staging, 'hallo-agent-setup.exe'), args: ['/S', '--updated'], bytes: 'the real installer bytes' }]);
    expect(outcome).toMatchObject({ outcome: 'started', version: '0.2.0', reason: null });
    expect(readdirSync(dirs.inbox)).toEqual([]);
    // Both checks ran on the copy, not on the user's file.
    expect(scripts.every((script) => script.includes(join(dirs.staging, 'hallo-agent-setup.exe')))).toBe(true);
    expect(await readTaskResult(dirs.result)).toEqual(outcome);
  });

  it('an unsigned installer (recorded output) is refused: nothing started, nothing left in staging', async () => {
    leave('hallo-agent-0.2.0.exe');
    const outcome = await run(windowsSays({ signature: signature.notSigned }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'signature-invalid', version: '0.2.0' });
    expect(outcome.detail).toMatch(/not digitally signed/);
    expect(readdirSync(dirs.staging)).toEqual([]);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it("another publisher's valid signature is refused", async () => {
    leave('hallo-agent-0.2.0.exe');
    const outcome = await run(windowsSays({ signature: signature.otherPublisher }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ reason: 'signature-invalid' });
    expect(outcome.detail).toContain('CN=Duplia Ltd');
  });

  it('the signed version decides, not the name: an old signed installer named as new is refused (no downgrade)', async () => {
    leave('hallo-agent-9.9.9.exe');
    const outcome = await run(windowsSays({ version: '0.1.0' }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'older-version' });
    expect(outcome.detail).toBe('0.1.0 is not newer than 0.1.0');
  });

  it('a version resource it cannot read is not an installer of ours', async () => {
    leave('hallo-agent-0.2.0.exe');
    expect(await run(windowsSays({ version: '' }))).toMatchObject({ reason: 'not-an-installer' });
    expect(started).toEqual([]);
  });

  it('PowerShell that cannot run refuses (fails closed, unlike electron-updater, which passes the file)', async () => {
    leave('hallo-agent-0.2.0.exe');
    const outcome = await run(windowsSays({ fails: true }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ reason: 'signature-invalid' });
    expect(outcome.detail).toMatch(/could not be read/);
  });

  it('a signature PowerShell read at another path than the staged copy is refused', async () => {
    leave('hallo-agent-0.2.0.exe');
    const elsewhere: Partial<ApplyDeps> = {
      powershell: async (script) => ({ ok: true, stdout: script.includes('Authenticode') ? at(signature.hallo, 'C:\\Users\\x\\evil.exe') : '0.2.0', detail: '' }),
    };
    expect(await run(elsewhere)).toMatchObject({ reason: 'signature-invalid' });
    expect(started).toEqual([]);
  });

  it('a link in the inbox (to a file the user may not read) is never copied: staging stays empty, PowerShell is not asked', async () => {
    const secret = join(root, 'SAM');
    writeFileSync(secret, 'secrets of the machine');
    symlinkSync(secret, join(dirs.inbox, 'hallo-agent-0.2.0.exe'));
    const outcome = await run();
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not-an-installer' });
    expect(readdirSync(dirs.staging)).toEqual([]);
    expect(scripts).toEqual([]);
    expect(readdirSync(dirs.inbox)).toEqual([]);
    expect(readFileSync(secret, 'utf8')).toBe('secrets of the machine');
  });

  it('a file too large to be an installer is not copied', async () => {
    leave('hallo-agent-0.2.0.exe', '');
    truncateSync(join(dirs.inbox, 'hallo-agent-0.2.0.exe'), MAX_INSTALLER_BYTES + 1); // sparse
    expect(await run()).toMatchObject({ reason: 'not-an-installer' });
    expect(readdirSync(dirs.staging)).toEqual([]);
    expect(scripts).toEqual([]);
  });

  it('files not named as the agent names them are not looked at', async () => {
    leave('setup.exe');
    leave('hallo-agent-0.2.0.exe.part');
    expect(await run()).toMatchObject({ outcome: 'nothing' });
    expect(readdirSync(dirs.inbox).sort()).toEqual(['hallo-agent-0.2.0.exe.part', 'setup.exe']);
  });

  it('several agents left installers: the newest that passes is started, the rest are cleared', async () => {
    leave('hallo-agent-0.2.0.exe', 'two');
    leave('hallo-agent-0.3.0.exe', 'three');
    const outcome = await run(windowsSays({ version: '0.3.0' }));
    expect(started.map((s) => s.bytes)).toEqual(['three']);
    expect(outcome).toMatchObject({ outcome: 'started', version: '0.3.0' });
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('an installer that cannot be started: install-failed, said in the result', async () => {
    leave('hallo-agent-0.2.0.exe');
    const outcome = await run({ startInstaller: () => Promise.reject(new Error('spawn EACCES')) });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'install-failed' });
    expect(outcome.detail).toContain('EACCES');
  });

  it('an empty inbox: nothing to do, and the result says so', async () => {
    expect(await run()).toMatchObject({ outcome: 'nothing' });
    expect(await readTaskResult(dirs.result)).toMatchObject({ outcome: 'nothing' });
  });
});

describe('productVersion (the installer\'s ProductVersion: package.json\'s version)', () => {
  it.each([
    ['0.2.0', '0.2.0'],
    ['0.2.0.0', '0.2.0'],
    ['1.4.0-beta.2', '1.4.0-beta.2'],
    [' 2.0.1\r\n', '2.0.1'],
    ['0.2.0.17', null],
    ['', null],
    ['hallo', null],
  ])('%j reads as %j', (text, version) => {
    expect(productVersion(text)).toBe(version);
  });
});

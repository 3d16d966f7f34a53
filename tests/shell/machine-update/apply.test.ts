import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyInbox, MAX_INSTALLER_BYTES, productVersion, type ApplyDeps } from '../../../electron/main/machine-update/apply';
import { at, machineDirs, signature, versionInfo, type MachineUpdateDirs } from './fixtures';

// The update task's run as SYSTEM, on folders of the test's own; PowerShell is played by what
// Windows prints (recorded outputs, tests/fixtures/machine-update/), the installer is not run.

let root: string;
let dirs: MachineUpdateDirs;
let started: Array<{ file: string; args: string[]; env: { TEMP: string; TMP: string }; bytes: string }>;
let scripts: string[];
let alive: Set<number>;

beforeEach(() => {
  ({ root, dirs } = machineDirs('hallo-machine-update-'));
  started = [];
  scripts = [];
  alive = new Set();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const STAGED = () => join(dirs.staging, '0-hallo-agent-setup.exe');

/** What Windows says of the staged file: its signature (JSON) and its version resource (JSON). */
function windowsSays(opts: { signature?: string; version?: string; productName?: string; fails?: boolean }): Pick<ApplyDeps, 'powershell'> {
  return {
    async powershell(script) {
      scripts.push(script);
      if (opts.fails) return { ok: false, stdout: '', detail: 'powershell.exe: The term is not recognized' };
      if (script.includes('Get-AuthenticodeSignature')) return { ok: true, stdout: at(opts.signature ?? signature.hallo, STAGED()), detail: '' };
      return { ok: true, stdout: `${versionInfo(opts.version ?? '0.2.0', opts.productName)}\r\n`, detail: '' };
    },
  };
}

function run(over: Partial<ApplyDeps> = {}) {
  return applyInbox({
    inboxes: [dirs.inbox],
    staging: dirs.staging,
    currentVersion: '0.1.0',
    publisherNames: ['hallo, B.V.'],
    startInstaller: async (file, args, env) => {
      started.push({ file, args, env, bytes: readFileSync(file, 'utf8') });
      alive.add(4242);
      return 4242;
    },
    running: (pid) => alive.has(pid),
    shuffle: (items) => items,
    now: () => new Date('2026-12-07T03:00:00Z'),
    log: () => {},
    ...windowsSays({}),
    ...over,
  });
}

const leave = (name: string, bytes = `installer ${name}`) => writeFileSync(join(dirs.inbox, name), bytes);

describe("the update task (SYSTEM) installs only what Windows says is hallo,'s, this product, and newer", () => {
  it('a signed, newer installer: its copy in SYSTEM\'s folder is checked and started silently as an update, with a TEMP of SYSTEM\'s own', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe', 'the real installer bytes');
    const outcome = await run();
    expect(started).toEqual([
      { file: STAGED(), args: ['/S', '--updated'], env: { TEMP: join(dirs.staging, 'tmp'), TMP: join(dirs.staging, 'tmp') }, bytes: 'the real installer bytes' },
    ]);
    expect(outcome).toEqual({ outcome: 'started', version: '0.2.0', reason: null, detail: 'CN="hallo, B.V.", O="hallo, B.V.", L=Amsterdam, C=NL' });
    // Both checks ran on the copy, not on the user's file.
    expect(scripts).toHaveLength(2);
    expect(scripts.every((script) => script.includes(STAGED()))).toBe(true);
  });

  it('never writes, renames or deletes in the inbox: the users\' agents keep it tidy', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    leave('hallo-agent-0.3.0~11111111.exe');
    await run(windowsSays({ signature: signature.notSigned }));
    expect(readdirSync(dirs.inbox).sort()).toEqual(['hallo-agent-0.2.0~0a1b2c3d.exe', 'hallo-agent-0.3.0~11111111.exe']);
  });

  it('an unsigned installer (recorded output) is refused: nothing started, its copy gone', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    const outcome = await run(windowsSays({ signature: signature.notSigned }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'signature-invalid', version: '0.2.0' });
    expect(outcome.detail).toMatch(/not digitally signed/);
    expect(existsSync(STAGED())).toBe(false);
  });

  it("another publisher's valid signature (recorded) is refused", async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    const outcome = await run(windowsSays({ signature: signature.otherPublisher }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ reason: 'signature-invalid' });
    expect(outcome.detail).toContain('CN=Duplia Ltd');
  });

  it("another program signed by hallo, is not this app's installer", async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    expect(await run(windowsSays({ productName: 'hallo, remote console' }))).toMatchObject({ outcome: 'refused', reason: 'not-an-installer' });
    expect(started).toEqual([]);
  });

  it('the signed version decides, not the name: an old signed installer named as new is refused (no downgrade)', async () => {
    leave('hallo-agent-9.9.9~0a1b2c3d.exe');
    const outcome = await run(windowsSays({ version: '0.1.0' }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'older-version' });
    expect(outcome.detail).toBe('0.1.0 is not newer than 0.1.0');
  });

  it('names that claim this version or an older one are not even copied', async () => {
    leave('hallo-agent-0.1.0~0a1b2c3d.exe');
    leave('hallo-agent-0.0.9~0a1b2c3d.exe');
    expect(await run()).toMatchObject({ outcome: 'nothing' });
    expect(scripts).toEqual([]);
  });

  it('a version resource it cannot read is not an installer of ours', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    const unreadable: Pick<ApplyDeps, 'powershell'> = {
      powershell: async (script) => ({ ok: true, stdout: script.includes('Authenticode') ? at(signature.hallo, STAGED()) : '', detail: '' }),
    };
    expect(await run(unreadable)).toMatchObject({ reason: 'not-an-installer' });
    expect(started).toEqual([]);
  });

  it('PowerShell that cannot run refuses (fails closed, unlike electron-updater, which passes the file)', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    const outcome = await run(windowsSays({ fails: true }));
    expect(started).toEqual([]);
    expect(outcome).toMatchObject({ reason: 'signature-invalid' });
    expect(outcome.detail).toMatch(/could not be read/);
  });

  it('a signature PowerShell read at another path than the copy is refused', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    const elsewhere: Pick<ApplyDeps, 'powershell'> = {
      powershell: async (script) => ({ ok: true, stdout: script.includes('Authenticode') ? at(signature.hallo, 'C:\\Users\\x\\evil.exe') : versionInfo('0.2.0'), detail: '' }),
    };
    expect(await run(elsewhere)).toMatchObject({ reason: 'signature-invalid' });
    expect(started).toEqual([]);
  });

  it('a link in the inbox (to a file the user may not read) is not copied, and the file it points at is untouched', async () => {
    const secret = join(root, 'SAM');
    writeFileSync(secret, 'secrets of the machine');
    symlinkSync(secret, join(dirs.inbox, 'hallo-agent-0.2.0~0a1b2c3d.exe'));
    const outcome = await run();
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not-an-installer' });
    expect(existsSync(STAGED())).toBe(false);
    expect(scripts).toEqual([]);
    expect(readFileSync(secret, 'utf8')).toBe('secrets of the machine');
  });

  it('a file too large to be an installer is not copied', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe', '');
    truncateSync(join(dirs.inbox, 'hallo-agent-0.2.0~0a1b2c3d.exe'), MAX_INSTALLER_BYTES + 1); // sparse
    expect(await run()).toMatchObject({ reason: 'not-an-installer' });
    expect(existsSync(STAGED())).toBe(false);
    expect(scripts).toEqual([]);
  });

  it('files not named as the agent names them are not looked at', async () => {
    leave('setup.exe');
    leave('hallo-agent-0.2.0~0a1b2c3d.exe.part');
    leave('hallo-agent-0.2.0.exe');
    expect(await run()).toMatchObject({ outcome: 'nothing' });
  });

  it('several left: the one left last is tried first, however many others claim a higher version', async () => {
    leave('hallo-agent-99.0.1~00000000.exe', 'junk');
    leave('hallo-agent-99.0.2~00000000.exe', 'junk');
    leave('hallo-agent-0.3.0~11111111.exe', 'three');
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const junk of ['hallo-agent-99.0.1~00000000.exe', 'hallo-agent-99.0.2~00000000.exe']) utimesSync(join(dirs.inbox, junk), hourAgo, hourAgo);
    const outcome = await run(windowsSays({ version: '0.3.0' }));
    expect(started.map((s) => s.bytes)).toEqual(['three']);
    expect(outcome).toMatchObject({ outcome: 'started', version: '0.3.0' });
  });

  it('asked again while the installer it started still runs: waits (the exe must not be held open), then goes on once it ended', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    await run();
    expect(await run()).toMatchObject({ outcome: 'busy' });
    expect(started).toHaveLength(1);
    alive.clear();
    expect(await run()).toMatchObject({ outcome: 'started' });
  });

  it('an installer that cannot be started: install-failed', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    const outcome = await run({ startInstaller: () => Promise.reject(new Error('spawn EACCES')) });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'install-failed' });
    expect(outcome.detail).toContain('EACCES');
  });

  it('an empty inbox: nothing to do', async () => {
    expect(await run()).toMatchObject({ outcome: 'nothing' });
  });
});

describe("productVersion (the installer's ProductVersion: package.json's version)", () => {
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

describe('the same refused file is not checked again; a passing failure is', () => {
  it('a file refused for what it is (unsigned) is skipped at the next run; a new file (another agent left it again) is checked', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    await run(windowsSays({ signature: signature.notSigned }));
    expect(scripts).toHaveLength(1);
    expect(await run(windowsSays({ signature: signature.notSigned }))).toMatchObject({ outcome: 'nothing' });
    expect(scripts).toHaveLength(1);
    leave('hallo-agent-0.2.0~99999999.exe');
    await run();
    expect(started).toHaveLength(1);
  });

  it('PowerShell not running is no verdict on the file: it is checked again next time', async () => {
    leave('hallo-agent-0.2.0~0a1b2c3d.exe');
    await run(windowsSays({ fails: true }));
    expect(await run()).toMatchObject({ outcome: 'started' });
  });

  it("one file per user's inbox a run, the one left last: a user who floods their own inbox holds up no one else's", async () => {
    const flooder = join(root, 'flooder-inbox');
    mkdirSync(flooder);
    for (let n = 1; n <= 20; n++) writeFileSync(join(flooder, `hallo-agent-99.0.${n}~00000000.exe`), 'junk');
    leave('hallo-agent-0.2.0~0a1b2c3d.exe', 'the real one');
    const copiedFrom: string[] = [];
    const outcome = await run({
      inboxes: [flooder, dirs.inbox],
      copy: async (source, target) => {
        copiedFrom.push(source);
        writeFileSync(target, readFileSync(source));
        return 'ok';
      },
      powershell: async (script) => {
        scripts.push(script);
        const path = /-LiteralPath '([^']+)'/.exec(script)![1]!;
        const bytes = readFileSync(path, 'utf8');
        if (script.includes('Authenticode')) return { ok: true, stdout: at(bytes === 'junk' ? signature.notSigned : signature.hallo, path), detail: '' };
        return { ok: true, stdout: versionInfo('0.2.0'), detail: '' };
      },
    });
    expect(outcome).toMatchObject({ outcome: 'started', version: '0.2.0' });
    expect(started.map((s) => s.bytes)).toEqual(['the real one']);
    expect(copiedFrom).toHaveLength(2); // one of the flood, then the real one
  });

  it('a file someone holds so that reading it never ends is left behind after the time limit, and the next inbox is tried', async () => {
    const holder = join(root, 'holder-inbox');
    mkdirSync(holder);
    writeFileSync(join(holder, 'hallo-agent-9.0.0~00000000.exe'), 'held');
    leave('hallo-agent-0.2.0~0a1b2c3d.exe', 'the real one');
    const outcome = await run({
      inboxes: [holder, dirs.inbox],
      copyTimeoutMs: 50,
      copy: async (source, target) => {
        if (source.startsWith(holder)) return new Promise<never>(() => {}); // an oplock never acknowledged
        writeFileSync(target, readFileSync(source));
        return 'ok';
      },
      powershell: async (script) => {
        scripts.push(script);
        const path = /-LiteralPath '([^']+)'/.exec(script)![1]!;
        return { ok: true, stdout: script.includes('Authenticode') ? at(signature.hallo, path) : versionInfo('0.2.0'), detail: '' };
      },
    });
    expect(outcome).toMatchObject({ outcome: 'started', version: '0.2.0' });
    expect(started.map((s) => [s.file, s.bytes])).toEqual([[join(dirs.staging, '1-hallo-agent-setup.exe'), 'the real one']]);
  });
});

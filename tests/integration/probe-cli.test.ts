import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run probe -- …` as a technician runs it: the real command, its stdout, stderr and exit code.

const TSX = resolve('node_modules/.bin/tsx');
const MAIN = resolve('electron/probe/main.ts');
const FIXTURES = resolve('tests/fixtures/updates');

async function probe(...args: string[]) {
  const child = spawn(TSX, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'probe-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

describe('npm run probe -- parse', () => {
  it('apt-simulate: the agent’s items with their words, and the packages it found', async () => {
    const { code, stdout, stderr } = await probe('parse', 'apt-simulate', join(FIXTURES, 'debian-12/apt-get-s-upgrade.de.txt'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report.items).toEqual([
      expect.objectContaining({ check: 'updates', severity: 'attention', code: 'health.updates.security', params: { count: 144, security: expect.any(Number) } }),
    ]);
    expect(report.items[0].says.nl).toMatch(/^Er staan updates klaar \(144\), waaronder beveiligingsupdates \(\d+\)\.$/);
    expect(report.found.packages).toContain('openssl');
  });

  it('needs-restarting: the German answer is a restart with the package that asked for it', async () => {
    const { code, stdout } = await probe('parse', 'needs-restarting', join(FIXTURES, 'dnf-4.14-on-debian-12/needs-restarting-r.reboot.de.txt'));
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.items[0]).toMatchObject({ check: 'restart', severity: 'attention', code: 'health.restart.required' });
    expect(report.found).toEqual({ restartRequired: true, reasons: [{ code: 'core-libraries', soft: false, packages: ['glibc'] }] });
  });

  it('wua-search: KB numbers and every restart reason, from a document saved by PowerShell as UTF-16', async () => {
    const json = readFileSync(join(FIXTURES, 'windows-11-23h2/wua-search.de.json'), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const { code, stdout } = await probe('parse', 'wua-search', file('wua.json', utf16));
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.found.kb).toEqual(['KB5036893', 'KB2267602', 'KB890830']);
    expect(report.found.reasons.map((r: { code: string }) => r.code)).toEqual(['servicing', 'windows-update', 'update-agent', 'file-rename']);
    expect(report.items.map((i: { severity: string }) => i.severity)).toEqual(['attention', 'attention']);
  });

  it('pmset-assertions: whether the restart prompt would wait, and for which app', async () => {
    const { code, stdout } = await probe('parse', 'pmset-assertions', join(FIXTURES, 'macos-10.12/pmset-assertions.video.txt'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ kind: 'pmset-assertions', readable: true, items: [], found: { busy: true, reason: 'display-awake', app: 'WWDC' } });
  });

  it('garbage: severity unknown and the reason in one line, exit 3, no stack trace', async () => {
    const { code, stdout, stderr } = await probe('parse', 'softwareupdate-list', file('garbage.txt', 'Segmentation fault (core dumped)\n'));
    expect({ code, stderr }).toEqual({ code: 3, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report.items).toEqual([expect.objectContaining({ severity: 'unknown', code: 'health.unknown', params: { reason: 'error' } })]);
    expect(report.found.problem).toMatchObject({ code: 'unreadable', detail: '“Segmentation fault (core dumped)”' });
    expect(report.found.problem.says.en).toBe('The output of softwareupdate cannot be read: “Segmentation fault (core dumped)”');
  });

  it('a missing file, an unknown kind or no arguments: one line on stderr and a documented exit code', async () => {
    const missing = await probe('parse', 'apt-simulate', join(scratch, 'nope.txt'));
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `probe: ${join(scratch, 'nope.txt')}: no such file\n` });
    const kind = await probe('parse', 'yum', file('x.txt', 'x'));
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/^probe: unknown kind "yum"; kinds: wua-search, apt-simulate, /);
    const bare = await probe();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('usage: probe parse <kind> <file>');
    for (const run of [missing, kind, bare]) expect(run.stderr.trimEnd().split('\n')).toHaveLength(1); // one line, no stack
  });
});

describe('npm run probe -- run updates', () => {
  // This machine is Debian 12: its provider is apt, run for real (apt-get -s upgrade, seconds).
  it.runIf(process.platform === 'linux')(
    'runs this machine’s provider and prints its items and its check',
    async () => {
      const { code, stdout, stderr } = await probe('run', 'updates');
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const { items, check } = JSON.parse(stdout);
      expect(check.provider).toBe('apt');
      expect(Date.now() - Date.parse(check.checkedAt)).toBeLessThan(120_000);
      expect(items.map((i: { check: string }) => i.check)).toEqual(['updates', 'restart']);
      expect(items[0].code).toMatch(/^health\.updates\.(none|pending|security)$/);
      expect(check.pending.value.total).toBe(check.pending.value.updates.length);
    },
    120_000,
  );
});

describe('npm run probe -- run busy', () => {
  it.runIf(process.platform === 'linux')('says that Linux offers nothing to read, so the prompt never waits for "busy" here', async () => {
    const { code, stdout, stderr } = await probe('run', 'busy');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ platform: 'linux', supported: false });
  });
});

describe('npm run probe -- parse and run checks', () => {
  it('w32tm-status, German /verbose output: the time line with its severity, and what was read', async () => {
    const { code, stdout, stderr } = await probe('parse', 'w32tm-status', resolve('tests/fixtures/checks/windows-server-2025/w32tm-status.verbose-local-cmos.de.txt'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ kind: 'w32tm-status', readable: true, found: { synchronised: false } });
    expect(report.items).toEqual([expect.objectContaining({ id: 'time', severity: 'attention', code: 'health.time.not-synced' })]);
  });

  it('garbage for a check: severity unknown, exit 3, nothing on stderr', async () => {
    const { code, stdout, stderr } = await probe('parse', 'ufw-status', file('ufw-garbage.txt', '<html><body>502 Bad Gateway</body></html>\n'));
    expect({ code, stderr }).toEqual({ code: 3, stderr: '' });
    expect(JSON.parse(stdout).items).toEqual([expect.objectContaining({ severity: 'unknown', code: 'health.unknown', params: { reason: 'unreadable' } })]);
  });

  it("run checks: this machine's items, findings and probe runs", async () => {
    const { code, stdout, stderr } = await probe('run', 'checks');
    expect(stderr).toBe('');
    expect([0, 3]).toContain(code);
    const report = JSON.parse(stdout);
    expect(report.platform).toBe(process.platform);
    expect(report.items.map((i: { check: string }) => i.check)).toContain('temp-files');
    expect(report.probes).toEqual(expect.arrayContaining([expect.objectContaining({ probe: 'temp-size' })]));
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManagedConfig } from '../../electron/agent/config/managed-config';
import { debConfig, renderDebScripts } from './deb-scripts';

// The deb's managed configuration (README "Deployment"): preseeded debconf answers
//   echo "hallo-agent hallo-agent/api-url string https://…" | debconf-set-selections
// which after-install.sh (as electron-builder renders it) writes with hallo_write_config.

let work: string;
let afterInstall: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hallo-deb-config-'));
  afterInstall = readFileSync((await renderDebScripts(debConfig.deb, join(work, 'scripts'))).afterInstall, 'utf8');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** hallo_write_config as the rendered after-install defines it. */
function writeConfigFunction(): string {
  const fn = /^hallo_write_config\(\) \{\n[\s\S]*?^\}\n/m.exec(afterInstall)?.[0];
  expect(fn, 'hallo_write_config in the rendered after-install').toBeDefined();
  return fn!;
}

/** Runs the rendered script's hallo_write_config with bash, as its postinst would. */
function writeConfig(url: string, code: string, file: string) {
  const fn = writeConfigFunction();
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `${fn}\nhallo_write_config "$@"`, 'postinst', url, code, file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: work } });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

/** A long value, shortened for the test's name. */
const short = (value: string) => (value.length > 60 ? `${value.slice(0, 40)}… (${value.length} characters)` : value);

function templates(): Map<string, string> {
  const text = readFileSync(resolve('build/linux/debconf-templates'), 'utf8');
  return new Map(text.split(/\n\n+/).map((block) => [/^Template: (.+)$/m.exec(block)![1]!, /^Type: (.+)$/m.exec(block)![1]!]));
}

describe('deb: debconf answers to /etc/hallo-agent/config.json', () => {
  it('electron-builder.yml hands fpm the debconf config script and templates, and depends on debconf', () => {
    expect(debConfig.deb.fpm).toEqual(['--deb-config', 'build/linux/debconf-config.sh', '--deb-templates', 'build/linux/debconf-templates', '--depends', 'debconf (>= 0.5) | debconf-2.0']);
    expect(templates()).toEqual(new Map([['hallo-agent/api-url', 'string'], ['hallo-agent/enrollment-code', 'string']]));
    const config = readFileSync(resolve('build/linux/debconf-config.sh'), 'utf8');
    for (const name of templates().keys()) {
      expect(config).toContain(`db_input low ${name}`);
      expect(afterInstall).toContain(`db_get ${name}`);
    }
    // What the agent reads on Linux (electron/agent/config/managed-path.ts).
    expect(afterInstall).toContain('hallo_write_config "$hallo_api_url" "$hallo_enrollment_code" /etc/hallo-agent/config.json || exit 1');
    // debconf speaks over stdout: it is stopped before electron-builder's steps may print.
    expect(afterInstall.indexOf('db_stop')).toBeLessThan(afterInstall.indexOf('update-alternatives'));
  });

  it('writes config.json (0644) that the agent reads as given', async () => {
    const file = join(work, 'root-ok', 'etc/hallo-agent/config.json');
    const run = writeConfig('https://agent.hallo.eu/v1', 'ABCD-1234-EF', file);
    expect(run).toMatchObject({ status: 0, stderr: '', stdout: '' });
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    const read = await loadManagedConfig([file], {});
    expect(read.problems).toEqual([]);
    expect(read.config).toEqual({ apiUrl: 'https://agent.hallo.eu/v1', enrollmentCode: 'ABCD-1234-EF' });
  });

  // Debian's own debconf, its database in a temporary folder (DEBCONF_SYSTEMRC), so that this
  // machine's is never touched: the README's preseed lines, then the after-install's debconf lines.
  it.skipIf(!existsSync('/usr/share/debconf/confmodule') || !existsSync('/usr/bin/debconf-set-selections'))(
    'preseeded with debconf-set-selections, the after-install reads the answers and writes them',
    async () => {
      const db = join(work, 'debconf');
      mkdirSync(db);
      const rc = join(db, 'debconf.conf');
      writeFileSync(rc, `Config: configdb\nTemplates: templatedb\n\nName: configdb\nDriver: File\nFilename: ${db}/config.dat\n\nName: templatedb\nDriver: File\nFilename: ${db}/templates.dat\n`);
      const env = { PATH: process.env.PATH ?? '', HOME: work, DEBCONF_SYSTEMRC: rc, DEBIAN_FRONTEND: 'noninteractive', DPKG_MAINTSCRIPT_PACKAGE: 'hallo-agent' };
      const readme = readFileSync(resolve('README.md'), 'utf8');
      const preseed = [...readme.matchAll(/^echo "(hallo-agent hallo-agent\/[^"]+)" \| sudo debconf-set-selections$/gm)].map((m) => m[1]!);
      expect(preseed).toEqual(['hallo-agent hallo-agent/api-url string https://agent.hallo.eu/v1', 'hallo-agent hallo-agent/enrollment-code string ABCD-1234-EF']);
      for (const line of preseed) expect(spawnSync('/usr/bin/debconf-set-selections', { input: `${line}\n`, env, encoding: 'utf8' }).status).toBe(0);

      // The after-install's debconf lines as they are, only with the file under a temporary root.
      const block = /^if \[ -e \/usr\/share\/debconf\/confmodule \]; then\n[\s\S]*?^fi\n/m.exec(afterInstall)?.[0];
      expect(block).toContain('db_stop');
      expect(block).toContain(' /etc/hallo-agent/config.json || exit 1'); // replaced below: this machine's /etc stays untouched
      const file = join(work, 'root-debconf', 'etc/hallo-agent/config.json');
      const postinst = join(db, 'hallo-agent.postinst');
      writeFileSync(postinst, `#!/bin/bash\n${writeConfigFunction()}\n${block!.replace(' /etc/hallo-agent/config.json ', ` "${file}" `)}`);
      chmodSync(postinst, 0o755);
      const run = spawnSync(postinst, ['configure'], { env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const read = await loadManagedConfig([file], {});
      expect(read).toEqual({ config: { apiUrl: 'https://agent.hallo.eu/v1', enrollmentCode: 'ABCD-1234-EF' }, files: [file], problems: [] });
    },
  );

  it('with neither answer nothing is written', () => {
    const file = join(work, 'root-none', 'etc/hallo-agent/config.json');
    expect(writeConfig('', '', file)).toMatchObject({ status: 0, stderr: '' });
    expect(existsSync(file)).toBe(false);
  });

  it('an existing config.json is left as it is', () => {
    const dir = join(work, 'root-kept', 'etc/hallo-agent');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'config.json');
    const mine = '{ "apiUrl": "https://old.hallo.eu/v1", "language": "en" }\n';
    writeFileSync(file, mine);
    const run = writeConfig('https://agent.hallo.eu/v1', 'ABCD-1234-EF', file);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('exists: left as it is');
    expect(readFileSync(file, 'utf8')).toBe(mine);
  });

  it('a file that cannot be written fails the install with a message, and leaves nothing half-written', () => {
    const root = join(work, 'root-blocked');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'etc'), 'a file where the folder should be');
    const run = writeConfig('https://agent.hallo.eu/v1', 'ABCD-1234-EF', join(root, 'etc/hallo-agent/config.json'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('could not write');
  });

  it.each([
    ['https://agent.hallo.eu/v1', '', 'go together'],
    ['', 'ABCD-1234', 'go together'],
    ['http://agent.hallo.eu/v1', 'ABCD-1234', 'must be an https URL'],
    ['https://', 'ABCD-1234', 'must be an https URL'],
    ['https://agent.hallo.eu/v1","enrollmentCode":"X', 'ABCD-1234', 'must be an https URL'],
    ['https://agent.hallo.eu\\v1', 'ABCD-1234', 'must be an https URL'],
    ['https://user:pw@agent.hallo.eu/v1', 'ABCD-1234', 'must be an https URL'],
    ['https://agent.hallo.eu/v1\nX', 'ABCD-1234', 'must be an https URL'],
    [`https://agent.hallo.eu/${'a'.repeat(2030)}`, 'ABCD-1234', 'must be an https URL'],
    ['https://agent.hallo.eu/v1', 'ABC', '4 to 64'],
    ['https://agent.hallo.eu/v1', 'ABCD 1234', '4 to 64'],
    ['https://agent.hallo.eu/v1', 'ABCD-1234\n', '4 to 64'],
    ['https://agent.hallo.eu/v1', 'A'.repeat(65), '4 to 64'],
  ].map(([url, code, message]) => [short(url!), short(code!), url, code, message]))('%j + %j: refused with a message, nothing written', (_url, _code, url, code, message) => {
    const file = join(work, `root-bad-${Math.random().toString(16).slice(2)}`, 'etc/hallo-agent/config.json');
    const run = writeConfig(url!, code!, file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});

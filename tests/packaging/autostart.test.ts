import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MACHINE_AUTOSTART_MARKER } from '../../electron/main/login';
import { loadBuilderConfig } from './builder-config';
import { renderDebScripts } from './deb-scripts';
import { macro } from './nsis-script';

// Start at login for every user of a managed workstation: HKLM Run from the NSIS installer
// (build/installer.nsh), /etc/xdg/autostart from the deb's scripts (build/linux/*.sh). The shell's
// own part (electron/main/login.ts) is tested in tests/shell/index.test.ts.

const config = loadBuilderConfig() as {
  productName: string;
  nsis: { include?: string };
  linux: Record<string, unknown> & { executableName: string };
  deb: Record<string, unknown> & { afterInstall?: string; afterRemove?: string };
};
const RUN_KEY = String.raw`"Software\Microsoft\Windows\CurrentVersion\Run"`;

describe('Windows (NSIS): HKLM Run', () => {
  const templates = resolve('node_modules/app-builder-lib/templates/nsis');
  const nsh = readFileSync(resolve(config.nsis.include ?? 'missing'), 'utf8');

  it('electron-builder.yml includes build/installer.nsh, whose macros electron-builder inserts', () => {
    expect(config.nsis.include).toBe('build/installer.nsh');
    expect(readFileSync(join(templates, 'installSection.nsh'), 'utf8')).toContain('!insertmacro customInstall\n');
    expect(readFileSync(join(templates, 'uninstaller.nsh'), 'utf8')).toContain('!insertmacro customUnInstall\n');
    expect(readFileSync(join(templates, 'common.nsh'), 'utf8')).toContain('!define APP_EXECUTABLE_FILENAME');
  });

  it('install writes "hallo agent" = the quoted path of the exe; uninstall deletes it', () => {
    const install = macro(nsh, 'customInstall');
    const uninstall = macro(nsh, 'customUnInstall');
    expect(install).toContain(`WriteRegStr HKLM ${RUN_KEY} "hallo agent" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}"'`);
    expect(uninstall).toContain(`DeleteRegValue HKLM ${RUN_KEY} "hallo agent"`);
    // Nothing per user: that would start the agent twice.
    expect(install + uninstall).not.toMatch(/\bHKCU\b|HKEY_CURRENT_USER|SHELL_CONTEXT/);
  });

  it('install leaves the marker the shell looks for; uninstall removes it', () => {
    const marker = `"$INSTDIR\\resources\\${MACHINE_AUTOSTART_MARKER}"`;
    expect(macro(nsh, 'customInstall')).toContain(`FileOpen $0 ${marker} w`);
    expect(macro(nsh, 'customUnInstall')).toContain(`Delete ${marker}`);
  });
});

describe('Linux (deb): /etc/xdg/autostart', () => {
  let work: string;
  let scripts: { afterInstall: string; afterRemove: string };
  let defaults: { afterInstall: string; afterRemove: string };
  let stubs: string;

  /** Runs a rendered script under a staged root, with the system tools it might call stubbed. */
  function run(script: string, root: string, ...args: string[]): string[] {
    const log = join(work, 'system-calls.log');
    writeFileSync(log, '');
    execFileSync('bash', [script, ...args], {
      env: { PATH: `${stubs}:${process.env.PATH ?? ''}`, HALLO_AGENT_DESTDIR: root, STUB_LOG: log },
      stdio: 'pipe',
    });
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'hallo-autostart-'));
    stubs = join(work, 'bin');
    mkdirSync(stubs);
    // Should the scripts ever go past their staged-root guard, these record it instead of
    // changing this machine.
    // (apparmor_status answers "not enabled", so that no profile is copied either.)
    for (const tool of ['update-alternatives', 'unshare', 'apparmor_status', 'apparmor_parser', 'update-desktop-database', 'update-mime-database', 'ln']) {
      const status = tool === 'apparmor_status' ? 1 : 0;
      writeFileSync(join(stubs, tool), `#!/bin/sh\necho "${tool} $*" >> "$STUB_LOG"\nexit ${status}\n`);
      chmodSync(join(stubs, tool), 0o755);
    }
    scripts = await renderDebScripts(config.deb, join(work, 'ours'));
    const { afterInstall: _i, afterRemove: _r, ...withoutOurs } = config.deb;
    defaults = await renderDebScripts(withoutOurs, join(work, 'defaults'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('electron-builder.yml hands the deb our after-install and after-remove scripts', () => {
    expect(config.deb.afterInstall).toBe('build/linux/after-install.sh');
    expect(config.deb.afterRemove).toBe('build/linux/after-remove.sh');
    expect(readFileSync(scripts.afterInstall, 'utf8')).toContain('/etc/xdg/autostart');
    expect(readFileSync(scripts.afterRemove, 'utf8')).toContain('/etc/xdg/autostart');
  });

  it('they keep every step of electron-builder’s own scripts (the /usr/bin link, chrome-sandbox, AppArmor)', () => {
    for (const name of ['afterInstall', 'afterRemove'] as const) {
      const own = readFileSync(defaults[name], 'utf8').replace(/^#!.*\n/, '').trimEnd();
      expect(own.length).toBeGreaterThan(100);
      expect(readFileSync(scripts[name], 'utf8')).toContain(own);
    }
  });

  it('after-install writes /etc/xdg/autostart/hallo-agent.desktop, starting the installed app', () => {
    const root = join(work, 'root-install');
    expect(run(scripts.afterInstall, root, 'configure')).toEqual([]);
    const entry = join(root, 'etc/xdg/autostart/hallo-agent.desktop');
    expect(statSync(entry).mode & 0o777).toBe(0o644);
    const lines = readFileSync(entry, 'utf8').split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    // Where electron-builder installs a deb: /opt/<sanitized product name>/<executable>.
    expect(lines).toEqual(expect.arrayContaining(['Type=Application', 'Name=hallo, agent', 'Exec="/opt/hallo, agent/hallo-agent"', 'Terminal=false']));
    expect(lines.some((line) => line.includes('$'))).toBe(false);

    // Installing again (dpkg-reconfigure, an upgrade) leaves one good entry.
    expect(run(scripts.afterInstall, root, 'configure')).toEqual([]);
    expect(readFileSync(entry, 'utf8')).toBe(lines.join('\n'));
  });

  it('after-remove deletes the entry, and does not fail when it is already gone', () => {
    const root = join(work, 'root-remove');
    run(scripts.afterInstall, root, 'configure');
    const entry = join(root, 'etc/xdg/autostart/hallo-agent.desktop');
    expect(existsSync(entry)).toBe(true);
    expect(run(scripts.afterRemove, root, 'remove')).toEqual([]);
    expect(existsSync(entry)).toBe(false);
    expect(run(scripts.afterRemove, root, 'purge')).toEqual([]);
  });
});

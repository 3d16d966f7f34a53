import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManagedConfig } from '../../electron/agent/config/managed-config';
import { loadBuilderConfig } from './builder-config';
import { Refused, runCustomInit } from './nsis-run';
import { defines, installerScript, macro, nsisString } from './nsis-script';

// The NSIS installer's managed configuration (build/installer.nsh, README "Deployment"):
//   hallo-agent-<version>-win-<arch>.exe /S /APIURL="https://…" /ENROLLMENTCODE=…
// customInit (the script's own lines, run by nsis-run.ts) checks the arguments; customInstall's
// FileWrite lines, with the arguments put in, must be a config.json that the agent reads.

const script = installerScript();
const install = macro(script, 'customInstall');
const work = mkdtempSync(join(tmpdir(), 'hallo-nsis-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the installer writes for these arguments: customInstall's FileWrite lines of the config. */
function writtenConfig(vars: Record<string, string>): string {
  const lines = install.split('\n');
  const from = lines.findIndex((line) => line.includes('config.json.tmp" w'));
  const to = lines.findIndex((line, at) => at > from && line.trim().startsWith('FileClose'));
  expect(from).toBeGreaterThan(0);
  return lines
    .slice(from + 1, to)
    .map((line) => /^\s*FileWrite \$0 '(.*)'$/.exec(line)?.[1] ?? expect.unreachable(`not a FileWrite: ${line}`))
    .map((text) => nsisString(text, vars))
    .join('');
}

async function agentReads(text: string) {
  const file = join(work, `config-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(file, text);
  return loadManagedConfig([file], {});
}

describe('NSIS: /APIURL and /ENROLLMENTCODE', () => {
  it('electron-builder builds the NSIS installer with build/installer.nsh', () => {
    expect((loadBuilderConfig().nsis as { include: string }).include).toBe('build/installer.nsh');
  });

  it.each([
    ['/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE=ABCD-1234-EF', 'https://agent.hallo.eu/v1', 'ABCD-1234-EF'],
    ['/S /enrollmentcode=k3y-9 /apiurl="https://api.klant.nl:8443/hallo/v1/"', 'https://api.klant.nl:8443/hallo/v1', 'k3y-9'],
    ['/S /APIURL=\'https://agent.hallo.eu/%7Eklant\' /ENROLLMENTCODE=ABCD /D=C:\\Program Files\\hallo agent', 'https://agent.hallo.eu/%7Eklant', 'ABCD'],
  ])('%s writes a config.json the agent reads as given', async (params, apiUrl, enrollmentCode) => {
    const vars = runCustomInit(script, params);
    const text = writtenConfig(vars);
    expect(JSON.parse(text)).toEqual({ apiUrl: vars.halloApiUrl, enrollmentCode: vars.halloEnrollmentCode });
    const read = await agentReads(text);
    expect(read.problems).toEqual([]);
    expect(read.config).toEqual({ apiUrl, enrollmentCode });
  });

  it('the README’s command line is one the script accepts', async () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const params = /^hallo-agent-[\d.]+-win-x64\.exe (\/S .+)$/m.exec(readme)?.[1];
    expect(params).toBe('/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE=ABCD-1234-EF');
    const read = await agentReads(writtenConfig(runCustomInit(script, params!)));
    expect(read.config).toEqual({ apiUrl: 'https://agent.hallo.eu/v1', enrollmentCode: 'ABCD-1234-EF' });
  });

  it('with neither argument (an update, a repair) nothing is written', () => {
    const vars = runCustomInit(script, '/S --updated');
    expect(vars).toMatchObject({ halloApiUrl: '', halloEnrollmentCode: '' });
    // customInstall writes only when an API URL was given, and the folder's rights were set (nsis-update-task.test.ts).
    expect(install).toMatch(/\$\{ElseIf\} \$halloApiUrl != ""\s+\$\{If\} \$\{FileExists\} "\$R0\\\$\{HALLO_CONFIG_DIR\}\\config\.json"/);
    expect(install).toMatch(/\$\{If\} \$halloApiUrl != ""\s+\$\{AndIf\} \$halloAclOk != 1\s+DetailPrint "the configuration folder's rights could not be set: config.json not written"\s+SetErrorLevel \$\{HALLO_CONFIG_NOT_WRITTEN_EXIT\}/);
    expect(defines(script).HALLO_CONFIG_NOT_WRITTEN_EXIT).toBe('3');
  });

  it.each([
    ['/S /APIURL="https://agent.hallo.eu/v1"', 'go together'],
    ['/S /ENROLLMENTCODE=ABCD-1234', 'go together'],
    // Unquoted, GetOptions ends the value at the first "/": "https:" is refused, with the fix.
    ['/S /APIURL=https://agent.hallo.eu/v1 /ENROLLMENTCODE=ABCD-1234', 'in quotes'],
    ['/S /APIURL="http://agent.hallo.eu/v1" /ENROLLMENTCODE=ABCD-1234', 'https URL'],
    ['/S /APIURL="https://" /ENROLLMENTCODE=ABCD-1234', 'https URL'],
    [`/S /APIURL="https://agent.hallo.eu/${'a'.repeat(2048)}" /ENROLLMENTCODE=ABCD-1234`, 'https URL'],
    ['/S /APIURL=\'https://agent.hallo.eu/v1","enrollmentCode":"X\' /ENROLLMENTCODE=ABCD-1234', 'only letters, digits and - . _ ~ : / %'],
    ['/S /APIURL="https://agent.hallo.eu\\v1" /ENROLLMENTCODE=ABCD-1234', 'only letters'],
    ['/S /APIURL="https://user:pw@agent.hallo.eu/v1" /ENROLLMENTCODE=ABCD-1234', 'only letters'],
    ['/S /APIURL="https://agent.hallo.eu/v1?x=1" /ENROLLMENTCODE=ABCD-1234', 'only letters'],
    ['/S /APIURL="https://agent.hallo.eu/v1\t" /ENROLLMENTCODE=ABCD-1234', 'only letters'],
    ['/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE=ABC', '4 to 64 characters'],
    [`/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE=${'A'.repeat(65)}`, '4 to 64 characters'],
    ['/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE="ABCD 1234"', 'only letters, digits and -'],
    ['/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE=ABCD_1234', 'only letters, digits and -'],
    ['/S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE="AB\\"CD"', 'only letters, digits and -'],
  ].map(([params, reason]) => [params!.length > 100 ? `${params!.slice(0, 60)}… (${params!.length} characters)` : params, reason, params]))('%s is refused before anything is installed (%s)', (_title, reason, params) => {
    expect(() => runCustomInit(script, params!)).toThrow(Refused);
    expect(() => runCustomInit(script, params!)).toThrow(reason!);
  });

  it('refusing exits with code 2 (what Intune and GPO report), without installing', () => {
    const refuse = macro(script, 'halloRefuse');
    expect(defines(script).HALLO_BAD_ARGUMENTS_EXIT).toBe('2');
    expect(refuse).toContain('SetErrorLevel ${HALLO_BAD_ARGUMENTS_EXIT}');
    expect(refuse).toMatch(/\n\s*Quit\s*$/);
    expect(refuse).toContain('/SD IDOK'); // silent: no dialog waits for a click
  });

  it('no character the checks let through can break the JSON', () => {
    const { HALLO_URL_CHARS: url, HALLO_CODE_CHARS: code } = defines(script);
    for (const c of nsisString(url!) + nsisString(code!)) expect(c).toMatch(/^[A-Za-z0-9\-._~:/%]$/);
  });

  it('an existing config.json is left as it is; a new one is written beside it and renamed', () => {
    const exists = install.indexOf('${If} ${FileExists} "$R0\\${HALLO_CONFIG_DIR}\\config.json"');
    const write = install.indexOf('FileOpen $0 "$R0\\${HALLO_CONFIG_DIR}\\config.json.tmp" w');
    const orElse = install.indexOf('${Else}', exists);
    expect(exists).toBeGreaterThan(0);
    expect(orElse).toBeGreaterThan(exists);
    expect(write).toBeGreaterThan(orElse);
    expect(install).toContain('Rename "$R0\\${HALLO_CONFIG_DIR}\\config.json.tmp" "$R0\\${HALLO_CONFIG_DIR}\\config.json"');
    expect(defines(script).HALLO_CONFIG_DIR).toBe('hallo\\agent');
    expect(install).toContain('ReadEnvStr $R0 ProgramData');
  });

  it('the folder: inheritance cut; SYSTEM and Administrators write, Users only read (by SID, any language)', () => {
    const icacls = install.split('\n').find((line) => line.includes('icacls.exe') && line.includes('${HALLO_CONFIG_DIR}" /inheritance:r'));
    expect(icacls?.trim()).toBe(
      `nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\\${HALLO_CONFIG_DIR}" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /L'`,
    );
    // Set before the file is written, so that it inherits them.
    expect(install.indexOf('icacls.exe')).toBeLessThan(install.indexOf('config.json.tmp'));
  });

  // Debian's makensis (apt `nsis`) compiles the include as electron-builder does (-WX: warnings
  // are errors), in the installer and in the uninstaller build. .ci/run installs it.
  it.skipIf(!existsSync('/usr/bin/makensis'))('compiles with makensis -WX (installer and uninstaller builds)', () => {
    const harness = join(work, 'harness.nsi');
    writeFileSync(
      harness,
      [
        'Unicode true',
        `OutFile "${join(work, 'harness.exe')}"`,
        '!define APP_EXECUTABLE_FILENAME "hallo, agent.exe"',
        // electron-builder generates ${isUpdated} (a LogicLib test of --updated with StdUtils);
        // a stand-in of the same shape here.
        '!include LogicLib.nsh',
        '!macro _isUpdated _a _b _t _f',
        '  StrCmp "$CMDLINE" "--updated" `${_t}` `${_f}`',
        '!macroend',
        '!define isUpdated `"" isUpdated ""`',
        `!include "${join(process.cwd(), 'build/installer.nsh')}"`,
        '!ifndef BUILD_UNINSTALLER',
        'Function .onInit',
        '  !insertmacro customInit',
        'FunctionEnd',
        'Section',
        '  !insertmacro customInstall',
        'SectionEnd',
        '!else',
        'Section',
        '  !insertmacro customUnInstall',
        'SectionEnd',
        '!endif',
        '',
      ].join('\n'),
    );
    for (const extra of [[], ['-DBUILD_UNINSTALLER']]) execFileSync('/usr/bin/makensis', ['-WX', '-V2', ...extra, harness], { stdio: 'pipe' });
  });
});

import { describe, expect, it } from 'vitest';
import { HELPER_ARGS, START_TASK, UPDATE_TASK, UPDATE_TASK_MARKER } from '../../electron/main/machine-update/places';
import { Refused, runCustomInit } from './nsis-run';
import { defines, installerScript, macro } from './nsis-script';

// Self-update without an administrator, the installer's part (build/installer.nsh;
// electron/main/machine-update/README.md): the folders and their rights, the tasks registered by
// the app itself, the marker only when that worked, the agent started again after an update.

const script = installerScript();
const defs = defines(script);
const install = macro(script, 'customInstall');
const uninstall = macro(script, 'customUnInstall');
const lines = (body: string) => body.split('\n').map((line) => line.trim());
const expand = (line: string) => line.replace(/\$\{(HALLO_\w+)\}/g, (_, name: string) => defs[name] ?? `\${${name}}`);
const installLines = lines(install).map(expand);
const uninstallLines = lines(uninstall).map(expand);
const at = (body: string[], text: string) => body.findIndex((line) => line.includes(text));

describe('NSIS: the update task', () => {
  it('names what the app names (places.ts)', () => {
    expect(expand('${HALLO_UPDATE_TASK}')).toBe(UPDATE_TASK);
    expect(expand('${HALLO_START_TASK}')).toBe(START_TASK);
    expect(defs.HALLO_UPDATE_TASK_MARKER).toBe(UPDATE_TASK_MARKER);
    expect(installLines).toContain(`ExecWait '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" ${HELPER_ARGS.register}' $R1`);
  });

  it('the inbox: Users may add and remove files (the only place they may write); made after the folder\'s own rights', () => {
    const inbox = installLines.find((line) => line.includes('icacls.exe') && line.includes('\\updates\\inbox'));
    expect(inbox).toBe(`nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\hallo\\agent\\updates\\inbox" /grant:r *S-1-5-32-545:(OI)(CI)M'`);
    expect(at(installLines, 'CreateDirectory "$R0\\hallo\\agent\\updates\\inbox"')).toBeGreaterThan(at(installLines, '/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'));
    // SYSTEM's copy is in its own profile (places.ts), not under ProgramData.
    expect(install).not.toContain('staging');
  });

  it('a folder a user made before the install is taken over: Administrators own everything under hallo, what is inside is reset, every icacls checked', () => {
    const icacls = installLines.filter((line) => line.startsWith('nsExec::') && line.includes('icacls.exe'));
    expect(icacls.slice(0, 3)).toEqual([
      `nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\hallo" /setowner *S-1-5-32-544 /T /C /L'`,
      `nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\hallo\\agent" /reset /T /C /L'`,
      `nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\hallo\\agent" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'`,
    ]);
    // After each: its exit code, and a failure keeps the app from being made to update itself.
    for (const line of icacls) {
      const after = installLines.indexOf(line);
      expect(installLines.slice(after + 1, after + 5)).toEqual(['Pop $R1', '${If} $R1 != 0', 'StrCpy $halloAclOk 0', '${EndIf}']);
    }
  });

  it('registered only when the rights were set; the marker removed first and written only when registering exited 0', () => {
    const marker = `"$INSTDIR\\resources\\${UPDATE_TASK_MARKER}"`;
    const removed = at(installLines, `Delete ${marker}`);
    const guard = at(installLines, '${If} $halloAclOk == 1');
    const registered = at(installLines, `ExecWait '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" ${HELPER_ARGS.register}' $R1`);
    const written = at(installLines, `FileOpen $0 ${marker} w`);
    expect(removed).toBeGreaterThan(at(installLines, '/grant:r *S-1-5-32-545:(OI)(CI)M'));
    expect(guard).toBeGreaterThan(removed);
    expect(registered).toBe(guard + 2);
    expect(installLines[written - 1]).toBe('${If} $R1 == 0');
    expect(installLines[removed + 1]).toBe(`StrCpy $R1 "not tried: the folders' rights were not set"`);
  });

  it('after an update (the task ran it with --updated) the agent is started by the start task, never by --force-run as SYSTEM', () => {
    const updated = at(installLines, '${If} ${isUpdated}');
    expect(installLines[updated + 1]).toBe(`nsExec::ExecToLog '"$SYSDIR\\schtasks.exe" /run /tn "${START_TASK}"'`);
    expect(lines(script).filter((line) => !line.startsWith(';')).join('\n')).not.toContain('--force-run');
  });

  it('uninstall removes both tasks, but not during an update (the update task is running it)', () => {
    const guard = at(uninstallLines, '${IfNot} ${isUpdated}');
    const end = uninstallLines.indexOf('${EndIf}', guard);
    const guarded = uninstallLines.slice(guard, end).join('\n');
    expect(guarded).toContain(`schtasks.exe" /delete /tn "${UPDATE_TASK}" /f`);
    expect(guarded).toContain(`schtasks.exe" /delete /tn "${START_TASK}" /f`);
    expect(uninstallLines).toContain(`Delete "$INSTDIR\\resources\\${UPDATE_TASK_MARKER}"`);
  });
});

describe('NSIS: no link under %ProgramData%\\hallo (before anything is installed)', () => {
  const env = { ProgramData: 'C:\\ProgramData' };
  it.each([['C:\\ProgramData\\hallo'], ['C:\\ProgramData\\hallo\\agent'], ['C:\\ProgramData\\hallo\\agent\\updates'], ['C:\\ProgramData\\hallo\\agent\\updates\\inbox']])(
    'a junction at %s: refused, exit 2, with the reason',
    (link) => {
      expect(() => runCustomInit(script, '/S', { env, isLink: (path) => (path === link ? true : false) })).toThrow(
        new Refused('a folder under %ProgramData%\\hallo is a link (junction): remove it, then install again.'),
      );
    },
  );

  it('plain folders, or none yet (a first install): installed', () => {
    expect(() => runCustomInit(script, '/S', { env, isLink: () => false })).not.toThrow();
    expect(() => runCustomInit(script, '/S', { env, isLink: () => null })).not.toThrow();
  });

  it('ProgramData not in the environment: the Windows folder\'s', () => {
    const asked: string[] = [];
    runCustomInit(script, '/S', {
      isLink: (path) => {
        asked.push(path);
        return null;
      },
    });
    expect(asked[0]).toBe('C:\\Windows\\..\\ProgramData\\hallo');
  });
});

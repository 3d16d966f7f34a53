import { describe, expect, it } from 'vitest';
import { HELPER_ARGS, START_TASK, UPDATE_TASK, UPDATE_TASK_MARKER } from '../../electron/main/machine-update/places';
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

  it('the inbox: Users may add files; staging: SYSTEM and Administrators only, not even read by Users', () => {
    const inbox = installLines.find((line) => line.includes('icacls.exe') && line.includes('\\updates\\inbox'));
    expect(inbox).toBe(`nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\hallo\\agent\\updates\\inbox" /grant:r *S-1-5-32-545:(OI)(CI)M'`);
    const staging = installLines.find((line) => line.includes('icacls.exe') && line.includes('\\updates\\staging'));
    expect(staging).toBe(`nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "$R0\\hallo\\agent\\updates\\staging" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F'`);
    // Made after the configuration folder's rights are set, so that they inherit them.
    expect(at(installLines, 'CreateDirectory "$R0\\hallo\\agent\\updates\\inbox"')).toBeGreaterThan(at(installLines, '/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'));
  });

  it('the marker is removed first and written only when registering succeeded (no errors, exit 0)', () => {
    const marker = `"$INSTDIR\\resources\\${UPDATE_TASK_MARKER}"`;
    const removed = at(installLines, `Delete ${marker}`);
    const registered = at(installLines, `ExecWait '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" ${HELPER_ARGS.register}'`);
    const written = at(installLines, `FileOpen $0 ${marker} w`);
    expect(removed).toBeGreaterThan(-1);
    expect(registered).toBeGreaterThan(removed);
    expect(installLines.slice(registered + 1, written)).toEqual(['${If} ${Errors}', '${OrIf} $R1 != 0', 'DetailPrint "the update tasks were not registered ($R1): the agent will not update itself"', '${Else}']);
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

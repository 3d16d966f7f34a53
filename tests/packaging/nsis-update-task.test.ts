import { describe, expect, it } from 'vitest';
import { HELPER_ARGS, START_TASK, UPDATE_TASK, UPDATE_TASK_MARKER } from '../../electron/main/machine-update/places';
import { runFunction } from './nsis-run';
import { defines, installerScript, macro } from './nsis-script';

// Self-update without an administrator, the installer's part (build/installer.nsh;
// electron/main/machine-update/README.md): the folders locked from the top down, links removed,
// the tasks registered by the app itself, the marker only when all of that worked, the agent
// started again after an update. Its link functions run by nsis-run.ts; makensis compiles it all
// (nsis-config.test.ts).

const script = installerScript();
const defs = defines(script);
const lines = (body: string) => body.split('\n').map((line) => line.trim());
const expand = (line: string) => line.replace(/\$\{(HALLO_\w+)\}/g, (_, name: string) => defs[name] ?? `\${${name}}`);
const installLines = lines(macro(script, 'customInstall')).map(expand);
const uninstallLines = lines(macro(script, 'customUnInstall')).map(expand);
const at = (text: string) => installLines.findIndex((line) => line.includes(text));
const icacls = (path: string, args: string) => `nsExec::ExecToLog '"$SYSDIR\\icacls.exe" "${path}" ${args}'`;
const HALLO = '$R0\\hallo';
const AGENT = '$R0\\hallo\\agent';
const LOCKED = '/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX';

describe('NSIS: the configuration folder locked from the top down', () => {
  it('names what the app names (places.ts)', () => {
    expect(expand('${HALLO_UPDATE_TASK}')).toBe(UPDATE_TASK);
    expect(expand('${HALLO_START_TASK}')).toBe(START_TASK);
    expect(defs.HALLO_UPDATE_TASK_MARKER).toBe(UPDATE_TASK_MARKER);
  });

  it('hallo first: no link, owner Administrators, its ACL reset then its own, and checked again for a link put in between; only then hallo\\agent', () => {
    const order = [
      'StrCpy $R2 "$R0\\hallo"',
      icacls(HALLO, '/setowner *S-1-5-32-544 /L'),
      icacls(HALLO, '/reset /L'),
      icacls(HALLO, `${LOCKED} /L`),
      'Call halloStillNoLink',
      `StrCpy $R2 "${AGENT}"`,
      icacls(AGENT, '/setowner *S-1-5-32-544 /T /C /L'),
      icacls(AGENT, '/reset /T /C /L'),
      icacls(AGENT, `${LOCKED} /L`),
    ].map((line) => installLines.indexOf(line));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(installLines[order[8]! + 5]).toBe('Call halloStillNoLink');
    // Each folder is freed of links right after it is named, before icacls touches it.
    for (const path of [HALLO, AGENT]) expect(installLines[installLines.indexOf(`StrCpy $R2 "${path}"`) + 1]).toBe('Call halloNoLink');
    // Every icacls there acts on a link itself, never where it points.
    expect(installLines.filter((line) => line.includes('icacls.exe') && line.includes('$R0\\hallo')).every((line) => line.endsWith(" /L'"))).toBe(true);
  });

  it('every icacls is checked: a failure keeps config.json from being written', () => {
    const calls = installLines.filter((line) => line.startsWith('nsExec::') && line.includes('icacls.exe'));
    expect(calls).toHaveLength(6);
    for (const line of calls) {
      const after = installLines.indexOf(line);
      expect(installLines.slice(after + 1, after + 5)).toEqual(['Pop $R1', '${If} $R1 != 0', 'StrCpy $halloAclOk 0', '${EndIf}']);
    }
    // Each step only after the ones before succeeded.
    expect(installLines.filter((line) => line === '${If} $halloAclOk == 1')).toHaveLength(5);
  });

  it('no folder of its own for updates: each user\'s inbox is in their own profile (places.ts), SYSTEM\'s copy in its own', () => {
    expect(installLines.join('\n')).not.toMatch(/inbox|staging/i);
  });
});

describe('NSIS: a link where a folder should be (run: halloNoLink, halloStillNoLink)', () => {
  const world = (links: Set<string>, refuse = false) => {
    const done: string[] = [];
    return {
      done,
      isLink: (path: string) => links.has(path),
      removeDir: (path: string) => {
        done.push(`RMDir ${path}`);
        if (!refuse) links.delete(path);
        return !refuse;
      },
      createDir: (path: string) => void done.push(`CreateDirectory ${path}`),
    };
  };
  const path = 'C:\\ProgramData\\hallo\\agent';

  it('a junction is removed (the link itself) and the folder made; nothing else changes', () => {
    const w = world(new Set([path]));
    const vars = runFunction(script, 'halloNoLink', { R2: path, halloAclOk: '1' }, w);
    expect(w.done).toEqual([`RMDir ${path}`, `CreateDirectory ${path}`]);
    expect(vars.halloAclOk).toBe('1');
  });

  it('a plain folder, or none yet: only made', () => {
    for (const isLink of [() => false, () => null]) {
      const w = { ...world(new Set()), isLink };
      runFunction(script, 'halloNoLink', { R2: path, halloAclOk: '1' }, w);
      expect(w.done).toEqual([`CreateDirectory ${path}`]);
    }
  });

  it('a junction Windows will not remove: no self-update (the install goes on; the marker is not written)', () => {
    const vars = runFunction(script, 'halloNoLink', { R2: path, halloAclOk: '1' }, world(new Set([path]), true));
    expect(vars.halloAclOk).toBe('0');
  });

  it('a folder made by someone else (owner not Administrators or SYSTEM) is moved aside whole and made afresh', () => {
    const done: string[] = [];
    const owner = (sid: string) => ({
      exec: (command: string) => {
        done.push(command);
        return { code: 0, output: `${sid}\r\n` };
      },
      rename: (from: string, to: string) => {
        done.push(`Rename ${from} ${to}`);
        return true;
      },
      createDir: (dir: string) => void done.push(`CreateDirectory ${dir}`),
    });
    const vars = runFunction(script, 'halloFreshUnlessOurs', { R2: 'C:\\ProgramData\\hallo', halloAclOk: '1' }, owner('S-1-5-21-1004336348-1177238915-682003330-1001'));
    expect(done[0]).toBe(
      `"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -NonInteractive -Command "(Get-Acl -LiteralPath 'C:\\ProgramData\\hallo').GetOwner([Security.Principal.SecurityIdentifier]).Value"`,
    );
    expect(done.slice(1)).toEqual(['Rename C:\\ProgramData\\hallo C:\\ProgramData\\hallo.untrusted-123456', 'CreateDirectory C:\\ProgramData\\hallo']);
    expect(vars.halloAclOk).toBe('1');
  });

  it.each([['S-1-5-32-544'], ['S-1-5-18']])('a folder owned by %s (an elevated installer, SYSTEM) is kept', (sid) => {
    const done: string[] = [];
    runFunction(script, 'halloFreshUnlessOurs', { R2: 'C:\\ProgramData\\hallo', halloAclOk: '1' }, {
      exec: () => ({ code: 0, output: `${sid}\r\n` }),
      rename: (from) => {
        done.push(`Rename ${from}`);
        return true;
      },
    });
    expect(done).toEqual([]);
  });

  it('the owner unreadable counts as someone else\'s; a folder that cannot be moved (held open): nothing is trusted to it', () => {
    const vars = runFunction(script, 'halloFreshUnlessOurs', { R2: 'C:\\ProgramData\\hallo', halloAclOk: '1' }, {
      exec: () => ({ code: 1, output: 'Get-Acl : Access is denied' }),
      rename: () => false,
    });
    expect(vars.halloAclOk).toBe('0');
  });

  it('a link found after locking was put in between: no self-update', () => {
    expect(runFunction(script, 'halloStillNoLink', { R2: 'C:\\ProgramData\\hallo', halloAclOk: '1' }, world(new Set(['C:\\ProgramData\\hallo']))).halloAclOk).toBe('0');
    expect(runFunction(script, 'halloStillNoLink', { R2: 'C:\\ProgramData\\hallo', halloAclOk: '1' }, world(new Set())).halloAclOk).toBe('1');
  });
});

describe('NSIS: the tasks', () => {
  it('registered by the app; the marker removed first and written only when registering exited 0; otherwise the tasks go', () => {
    const marker = `"$INSTDIR\\resources\\${UPDATE_TASK_MARKER}"`;
    const removed = at(`Delete ${marker}`);
    const registered = at(`ExecWait '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" ${HELPER_ARGS.register}' $R1`);
    const written = at(`FileOpen $0 ${marker} w`);
    expect(registered).toBe(removed + 2);
    expect(installLines[written - 1]).toBe('${If} $R1 == 0');
    const otherwise = installLines.slice(installLines.indexOf('${Else}', written), installLines.indexOf('${EndIf}', written)).join('\n');
    expect(otherwise).toContain(`schtasks.exe" /delete /tn "${UPDATE_TASK}" /f`);
    expect(otherwise).toContain(`schtasks.exe" /delete /tn "${START_TASK}" /f`);
  });

  it('after an update (the task ran it with --updated) the agent is started by the start task, never by --force-run as SYSTEM', () => {
    const updated = at('${If} ${isUpdated}');
    expect(installLines[updated + 1]).toBe(`nsExec::ExecToLog '"$SYSDIR\\schtasks.exe" /run /tn "${START_TASK}"'`);
    expect(lines(script).filter((line) => !line.startsWith(';')).join('\n')).not.toContain('--force-run');
  });

  it('uninstall removes both tasks, but not during an update (the update task is running it)', () => {
    const guard = uninstallLines.indexOf('${IfNot} ${isUpdated}');
    const guarded = uninstallLines.slice(guard, uninstallLines.indexOf('${EndIf}', guard)).join('\n');
    expect(guarded).toContain(`schtasks.exe" /delete /tn "${UPDATE_TASK}" /f`);
    expect(guarded).toContain(`schtasks.exe" /delete /tn "${START_TASK}" /f`);
    expect(uninstallLines).toContain(`Delete "$INSTDIR\\resources\\${UPDATE_TASK_MARKER}"`);
  });
});

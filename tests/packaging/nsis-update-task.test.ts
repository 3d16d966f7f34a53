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

  it('hallo first (made in one step, or moved aside and made anew), owner and ACL set with /L and checked for a link; only then hallo\\agent', () => {
    const order = [
      'Call halloConfigFolder',
      icacls(HALLO, '/setowner *S-1-5-32-544 /L'),
      icacls(HALLO, `${LOCKED} /L`),
      'Call halloStillNoLink',
      `StrCpy $R2 "${AGENT}"`,
      icacls(AGENT, '/setowner *S-1-5-32-544 /T /C /L'),
      icacls(AGENT, '/reset /T /C /L'),
      icacls(AGENT, `${LOCKED} /L`),
    ].map((line) => installLines.indexOf(line));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // hallo is never reset: that would let it inherit ProgramData's rights (Users may create) for a moment.
    expect(installLines).not.toContain(icacls(HALLO, '/reset /L'));
    expect(installLines[installLines.indexOf(`StrCpy $R2 "${AGENT}"`) + 1]).toBe('Call halloNoLink');
    // Every icacls there acts on a link itself, never where it points.
    expect(installLines.filter((line) => line.includes('icacls.exe') && line.includes('$R0\\hallo')).every((line) => line.endsWith(" /L'"))).toBe(true);
  });

  it('made in one step with its final rights: owner Administrators; SYSTEM and Administrators full, Users read; nothing inherited', () => {
    expect(defs.HALLO_FOLDER_SDDL).toBe('O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)');
    const make = lines(/^Function halloMakeOurs\s*$([\s\S]*?)^FunctionEnd/m.exec(script)![1]!);
    expect(make).toContain(`System::Call 'advapi32::ConvertStringSecurityDescriptorToSecurityDescriptorW(w "\${HALLO_FOLDER_SDDL}", i 1, *p .R6, p 0) i .R7'`);
    expect(make).toContain(`System::Call 'kernel32::CreateDirectoryW(w R2, p R8) i .R7'`);
  });

  it('every icacls is checked: a failure keeps config.json from being written', () => {
    const calls = installLines.filter((line) => line.startsWith('nsExec::') && line.includes('icacls.exe'));
    expect(calls).toHaveLength(5);
    for (const line of calls) {
      const after = installLines.indexOf(line);
      expect(installLines.slice(after + 1, after + 5)).toEqual(['Pop $R1', '${If} $R1 != 0', 'StrCpy $halloAclOk 0', '${EndIf}']);
    }
    // Each step only after the ones before succeeded.
    expect(installLines.filter((line) => line === '${If} $halloAclOk == 1')).toHaveLength(3);
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

  describe('halloConfigFolder: %ProgramData%\\hallo trusted only when an earlier install made it (HKLM) and it is a plain folder', () => {
    const KEY = 'HKLM\\SOFTWARE\\hallo\\agent\\ConfigFolderMade';
    function machine(opts: { made?: boolean; there: 'folder' | 'link' | 'none'; owner?: string; refuse?: boolean; makeFails?: boolean }) {
      const done: string[] = [];
      const registry = new Map(opts.made ? [[KEY, '1']] : []);
      const world = {
        registry,
        // Get-Acl's owner SID, as PowerShell prints it.
        exec: () => ({ code: 0, output: `${opts.owner ?? 'S-1-5-32-544'}\r\n` }),
        isLink: () => (opts.there === 'none' ? null : opts.there === 'link'),
        removeDir: (dir: string) => (done.push(`RMDir ${dir}`), !opts.refuse),
        rename: (from: string, to: string) => (done.push(`Rename ${from} ${to}`), !opts.refuse),
        stand: {
          halloMakeOurs: (vars: Record<string, string>) => {
            done.push(`made ${vars.R2} in one step`);
            vars.R3 = opts.makeFails ? '0' : '1';
          },
        },
      };
      const vars = runFunction(script, 'halloConfigFolder', { R0: 'C:\\ProgramData', halloAclOk: '1' }, world);
      return { done, vars, registry };
    }

    it('made by an earlier install and a plain folder: kept as it is (the admin\'s config.json with it)', () => {
      expect(machine({ made: true, there: 'folder' })).toMatchObject({ done: [], vars: { halloAclOk: '1' } });
    });

    it.each([['S-1-5-18'], ['S-1-5-32-544']])('made by an earlier install, plain, owned by %s: kept', (owner) => {
      expect(machine({ made: true, there: 'folder', owner }).done).toEqual([]);
    });

    it('made by an earlier install, but now owned by a user (an admin removed it, a user made one in its place): moved aside and made anew', () => {
      expect(machine({ made: true, there: 'folder', owner: 'S-1-5-21-1004336348-1177238915-682003330-1001' }).done).toEqual([
        'Rename C:\\ProgramData\\hallo C:\\ProgramData\\hallo.untrusted-123456',
        'made C:\\ProgramData\\hallo in one step',
      ]);
    });

    it('a first install, nothing there: made in one step, and noted in HKLM', () => {
      const { done, vars, registry } = machine({ there: 'none' });
      expect(done).toEqual(['made C:\\ProgramData\\hallo in one step']);
      expect(vars.halloAclOk).toBe('1');
      expect(registry.get(KEY)).toBe('1');
    });

    it('a folder someone made first: moved aside whole (rights, links, config.json and all), then made anew', () => {
      expect(machine({ there: 'folder' }).done).toEqual(['Rename C:\\ProgramData\\hallo C:\\ProgramData\\hallo.untrusted-123456', 'made C:\\ProgramData\\hallo in one step']);
    });

    it('a link, even where an earlier install had made the folder: the link removed, the folder made anew', () => {
      expect(machine({ made: true, there: 'link' }).done).toEqual(['RMDir C:\\ProgramData\\hallo', 'made C:\\ProgramData\\hallo in one step']);
    });

    it('what is there cannot be moved (held open), or something appears before it is made: nothing is trusted to it', () => {
      expect(machine({ there: 'folder', refuse: true })).toMatchObject({ vars: { halloAclOk: '0' } });
      expect(machine({ there: 'folder', refuse: true }).done).toHaveLength(1);
      const raced = machine({ there: 'none', makeFails: true });
      expect(raced.vars.halloAclOk).toBe('0');
      expect(raced.registry.has(KEY)).toBe(false);
    });
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

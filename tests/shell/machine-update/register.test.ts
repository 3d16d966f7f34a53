import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunOptions, RunResult } from '../../../electron/agent/platform/run';
import { HELPER_ARGS, START_TASK, UPDATE_TASK } from '../../../electron/main/machine-update/places';
import { inProgramFiles, registerUpdateTasks, START_TASK_SDDL, UPDATE_TASK_SDDL, utf16le } from '../../../electron/main/machine-update/register';
import { startTaskXml, updateTaskXml } from '../../../electron/main/machine-update/task-xml';

const EXE = 'C:\\Program Files\\hallo, agent\\hallo, agent.exe';

describe('the tasks as Task Scheduler XML', () => {
  it('the update task: SYSTEM runs the app with --apply-update, at startup and on demand, one at a time', () => {
    const xml = updateTaskXml(EXE, HELPER_ARGS.apply);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-16"\?>\n<Task version="1.2" xmlns="http:\/\/schemas.microsoft.com\/windows\/2004\/02\/mit\/task">/);
    expect(xml).toContain('<UserId>S-1-5-18</UserId>');
    expect(xml).toContain('<BootTrigger>');
    // Fast startup resumes from hibernation without a boot: each logon runs it too.
    expect(xml).toContain('<LogonTrigger>');
    expect(xml).toContain('<AllowStartOnDemand>true</AllowStartOnDemand>');
    expect(xml).toContain('<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>');
    // A laptop on battery is updated too (Task Scheduler's defaults would not start it).
    expect(xml).toContain('<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>');
    expect(xml).toContain('<Command>"C:\\Program Files\\hallo, agent\\hallo, agent.exe"</Command>');
    expect(xml).toContain('<Arguments>--apply-update</Arguments>');
    expect(xml).not.toContain('<GroupId>');
  });

  it('the start task: the Users group (each logged-on user), no trigger, no time limit, one per user', () => {
    const xml = startTaskXml(EXE);
    expect(xml).toContain('<GroupId>S-1-5-32-545</GroupId>');
    expect(xml).toContain('<RunLevel>LeastPrivilege</RunLevel>');
    expect(xml).toMatch(/<Triggers><\/Triggers>/);
    expect(xml).toContain('<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>');
    expect(xml).toContain('<MultipleInstancesPolicy>Parallel</MultipleInstancesPolicy>');
    expect(xml).toContain('<Arguments></Arguments>');
  });

  it('an install folder with XML characters in it stays one path', () => {
    const xml = updateTaskXml('D:\\Apps & <Tools>\\hallo, agent.exe', HELPER_ARGS.apply);
    expect(xml).toContain('<Command>"D:\\Apps &amp; &lt;Tools&gt;\\hallo, agent.exe"</Command>');
  });

  it('written as UTF-16 little-endian with a BOM, as its declaration says', () => {
    const bytes = utf16le(startTaskXml(EXE));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(startTaskXml(EXE));
  });
});

describe('registerUpdateTasks (the installer, elevated)', () => {
  function recording(code = 0) {
    const calls: Array<{ file: string; args: readonly string[]; xml: Record<string, string> }> = [];
    const run = async (file: string, args: readonly string[], _opts: RunOptions): Promise<RunResult> => {
      // The XML files exist while PowerShell runs; read them as Task Scheduler would.
      const script = args[args.length - 1]!;
      const paths = [...script.matchAll(/-LiteralPath '([^']+)'/g)].map((m) => m[1]!);
      const xml = Object.fromEntries(paths.map((path) => [path.endsWith('update.xml') ? 'update' : 'start', readFileSync(path).subarray(2).toString('utf16le')]));
      calls.push({ file, args, xml });
      return { code, stdout: '', stderr: code ? 'Access is denied. (Exception from HRESULT: 0x80070005)' : '', timedOut: false, truncated: false };
    };
    return { calls, run };
  }

  it("registers both through Task Scheduler's API with their security descriptors: users may run the update task, not change it", async () => {
    const { calls, run } = recording();
    await registerUpdateTasks({ exe: EXE, env: { SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' }, run });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    const script = call!.args[call!.args.length - 1]!;
    expect(script).toContain(`RegisterTask('agent-update', $xml, 6, 'SYSTEM', $null, 5, '${UPDATE_TASK_SDDL}')`);
    // 0x16: create or update, and no entry added for the Users group the start task runs as.
    expect(script).toContain(`RegisterTask('agent-start', $xml, 22, $null, $null, 4, '${START_TASK_SDDL}')`);
    expect(script).toContain("GetFolder('\\hallo')");
    expect(UPDATE_TASK).toBe('\\hallo\\agent-update');
    expect(START_TASK).toBe('\\hallo\\agent-start');
    // SYSTEM and Administrators full; authenticated users read and execute (run), nothing else.
    expect(UPDATE_TASK_SDDL).toBe('D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;FRFX;;;AU)');
    expect(START_TASK_SDDL).not.toContain(';AU)');
    expect(call!.xml).toEqual({ update: updateTaskXml(EXE, '--apply-update'), start: startTaskXml(EXE) });
  });

  it('anywhere but Program Files (an install folder users may write) the tasks are not made: SYSTEM would run a file users can change', async () => {
    const { calls, run } = recording();
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
    for (const exe of ['C:\\hallo\\hallo, agent.exe', 'C:\\Program Files Evil\\hallo, agent.exe', 'C:\\Users\\anna\\hallo, agent.exe']) {
      await expect(registerUpdateTasks({ exe, env, run })).rejects.toThrow(/not installed in Program Files/);
    }
    expect(calls).toEqual([]);
    expect(inProgramFiles('c:\\program files (x86)\\hallo, agent\\hallo, agent.exe', env)).toBe(true);
    expect(inProgramFiles('C:\\Program Files\\..\\Users\\x.exe', env)).toBe(false);
  });

  it('a refusal stops the install of the tasks with what PowerShell said; its temporary files are gone', async () => {
    const { calls, run } = recording(1);
    await expect(registerUpdateTasks({ exe: EXE, env: { ProgramFiles: 'C:\\Program Files' }, run })).rejects.toThrow(/exit 1: Access is denied/);
    const script = calls[0]!.args[calls[0]!.args.length - 1]!;
    const file = /-LiteralPath '([^']+)'/.exec(script)![1]!;
    expect(existsSync(file)).toBe(false);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, win32 } from 'node:path';
import { windowsPowerShellPath } from '../../agent/platform/powershell-host';
import { runCommand } from '../../agent/platform/run';
import { HELPER_ARGS, START_TASK, UPDATE_TASK } from './places';
import { powershellArgs, psQuoted } from './powershell';
import type { Run } from './schtasks';
import { startTaskXml, updateTaskXml } from './task-xml';

// Registering the two tasks, by the installer (elevated: `hallo, agent.exe --register-update-task`,
// build/installer.nsh). Through Task Scheduler's COM API (ITaskFolder::RegisterTask) rather than
// `schtasks /create /xml`, because RegisterTask takes the task's security descriptor as an
// argument: who may run the task is then set by the documented call, not by an XML element
// schtasks may or may not carry over.

/**
 * The update task: SYSTEM and Administrators everything, authenticated users read and run it
 * (FR FX, as Microsoft's own user-runnable tasks have), which `schtasks /run` by an employee
 * needs. Nobody else can change what it runs.
 */
export const UPDATE_TASK_SDDL = 'D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;FRFX;;;AU)';
/** The start task: only SYSTEM and Administrators (the installer runs it). */
export const START_TASK_SDDL = 'D:(A;;FA;;;SY)(A;;FA;;;BA)';

/**
 * TASK_CREATE_OR_UPDATE (6), over an earlier version's; for the start task also
 * TASK_DONT_ADD_PRINCIPAL_ACE (0x10), or Task Scheduler would add an entry for its principal,
 * the Users group, to the descriptor above.
 */
const CREATE_OR_UPDATE = 6;
const DONT_ADD_PRINCIPAL_ACE = 0x10;

/**
 * SYSTEM runs the exe the task names: only from a folder users cannot write. The installer lets
 * an admin choose the folder; anywhere but Program Files the tasks are not made (and the app
 * leaves updates to the deployment tool, route.ts).
 */
export function inProgramFiles(exe: string, env: Record<string, string | undefined>): boolean {
  const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432].filter((root): root is string => !!root && win32.isAbsolute(root));
  const path = win32.normalize(exe).toLowerCase();
  return roots.some((root) => path.startsWith(`${win32.normalize(root).replace(/\\+$/, '').toLowerCase()}\\`));
}

/** Task Scheduler reads a task's XML as UTF-16 (its declaration says so): little-endian with a BOM. */
export const utf16le = (xml: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);

const leaf = (path: string) => path.slice(path.lastIndexOf('\\') + 1);
const folderOf = (path: string) => path.slice(0, path.lastIndexOf('\\')) || '\\';

/**
 * The script, on the two XML files: the update task as SYSTEM (TASK_LOGON_SERVICE_ACCOUNT, 5),
 * the start task for its group (TASK_LOGON_GROUP, 4, the XML's GroupId). Any error stops it with
 * a non-zero exit.
 */
export function registerScript(files: { update: string; start: string }): string {
  const folder = folderOf(UPDATE_TASK);
  return [
    "$ErrorActionPreference = 'Stop'",
    '$service = New-Object -ComObject Schedule.Service',
    '$service.Connect()',
    `try { $folder = $service.GetFolder(${psQuoted(folder)}) } catch { $folder = $service.GetFolder('\\').CreateFolder(${psQuoted(folder)}) }`,
    `$xml = Get-Content -LiteralPath ${psQuoted(files.update)} -Raw -Encoding Unicode`,
    `$null = $folder.RegisterTask(${psQuoted(leaf(UPDATE_TASK))}, $xml, ${CREATE_OR_UPDATE}, 'SYSTEM', $null, 5, ${psQuoted(UPDATE_TASK_SDDL)})`,
    `$xml = Get-Content -LiteralPath ${psQuoted(files.start)} -Raw -Encoding Unicode`,
    `$null = $folder.RegisterTask(${psQuoted(leaf(START_TASK))}, $xml, ${CREATE_OR_UPDATE | DONT_ADD_PRINCIPAL_ACE}, $null, $null, 4, ${psQuoted(START_TASK_SDDL)})`,
  ].join('; ');
}

export async function registerUpdateTasks(deps: { exe: string; env: Record<string, string | undefined>; run?: Run }): Promise<void> {
  if (!inProgramFiles(deps.exe, deps.env)) throw new Error(`not installed in Program Files (${deps.exe}): SYSTEM must not run a file users may change`);
  const run = deps.run ?? runCommand;
  const dir = await mkdtemp(join(tmpdir(), 'hallo-tasks-'));
  try {
    const files = { update: join(dir, 'update.xml'), start: join(dir, 'start.xml') };
    await writeFile(files.update, utf16le(updateTaskXml(deps.exe, HELPER_ARGS.apply)));
    await writeFile(files.start, utf16le(startTaskXml(deps.exe)));
    const result = await run(
      windowsPowerShellPath(deps.env),
      powershellArgs(registerScript(files)),
      { timeoutMs: 60_000, maxOutputBytes: 16 * 1024 },
    );
    if (result.code !== 0) throw new Error(`registering the tasks: exit ${result.code ?? 'none'}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

import { win32 } from 'node:path';
import { windowsSystemRoot } from '../../agent/platform/os';

// Where a per-machine Windows install updates itself without an administrator (README.md in this
// folder): the folders, the two tasks the installer registers (build/installer.nsh) and the marker.

/** SYSTEM's task: installs a verified installer a user's agent left; run by the agent, at startup and at logon. */
export const UPDATE_TASK = String.raw`\hallo\agent-update`;
/** The logged-on users' task: starts the agent again in their sessions after an update. */
export const START_TASK = String.raw`\hallo\agent-start`;

/** Written into the app's resources folder once both tasks are registered: the app then updates through them. */
export const UPDATE_TASK_MARKER = 'update-task';

/** The arguments the installer and the tasks start the app with (index.ts hands them to helper-mode.ts). */
export const HELPER_ARGS = {
  apply: '--apply-update',
  register: '--register-update-task',
} as const;

/** The inbox, beside the app's exe (the installer makes it; build/installer.nsh). */
export const INBOX_FOLDER = 'update-inbox';

export interface MachineUpdateDirs {
  /**
   * Users may add files here (the agent's downloaded installer), and change or remove files in it;
   * SYSTEM only reads, and trusts nothing. In the install folder under Program Files: no user can
   * make it before the install, nor remove, rename or replace it after (ProgramData lets any user
   * make a folder first and keep it).
   */
  inbox: string;
  /** SYSTEM's own (in its profile: SYSTEM's and Administrators' alone): the copy that is checked and run. */
  staging: string;
  /** What the task did, for admins (in SYSTEM's folder: SYSTEM writes nothing where users may). */
  log: string;
}

/** `exe`: the app's own executable (process.execPath), in the install folder. */
export function machineUpdateDirs(env: Record<string, string | undefined>, exe: string): MachineUpdateDirs {
  // Not %TEMP% for SYSTEM's copy: C:\Windows\Temp, where users may write.
  const own = win32.join(windowsSystemRoot(env), 'System32', 'config', 'systemprofile', 'AppData', 'Local', 'hallo', 'agent-update');
  return { inbox: win32.join(win32.dirname(exe), INBOX_FOLDER), staging: own, log: win32.join(own, 'task.log') };
}

export const systemTool = (env: Record<string, string | undefined>, ...path: string[]) => win32.join(windowsSystemRoot(env), 'System32', ...path);

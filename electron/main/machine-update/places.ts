import { win32 } from 'node:path';
import { windowsSystemRoot } from '../../agent/platform/os';

// Where a per-machine Windows install updates itself without an administrator (README.md in this
// folder): the folders the installer makes (build/installer.nsh) and the two tasks it registers.

/** SYSTEM's task: installs a verified installer from the inbox; run by the agent, and at startup. */
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

export interface MachineUpdateDirs {
  /** Users may add files here (the agent's downloaded installer); nothing here is trusted. */
  inbox: string;
  /** SYSTEM and Administrators only: the copy that is checked and run. */
  staging: string;
  /** What the last run of the task did, for the agent (users read). */
  result: string;
}

export function machineUpdateDirs(env: Record<string, string | undefined>): MachineUpdateDirs {
  const root = win32.join(env.ProgramData || 'C:\\ProgramData', 'hallo', 'agent', 'updates');
  return { inbox: win32.join(root, 'inbox'), staging: win32.join(root, 'staging'), result: win32.join(root, 'result.json') };
}

export const systemTool = (env: Record<string, string | undefined>, ...path: string[]) => win32.join(windowsSystemRoot(env), 'System32', ...path);

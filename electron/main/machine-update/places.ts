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

/** Each user's inbox, under their own %LOCALAPPDATA%. */
const INBOX = ['hallo', 'agent-update-inbox'] as const;

/**
 * This user's inbox: where their agent leaves the installer it downloaded. Each user's own, so that
 * no user can touch another's (a shared folder would let one user empty it, flood it, or turn it
 * into a link for everyone). SYSTEM only reads there, and trusts nothing it finds.
 */
export function userInbox(env: Record<string, string | undefined>): string {
  const local = env.LOCALAPPDATA || win32.join(env.USERPROFILE || 'C:\\Users\\Default', 'AppData', 'Local');
  return win32.join(local, ...INBOX);
}

export interface SystemDirs {
  /** Where the users' profiles are: each one's inbox is read from there. */
  profiles: string;
  /** SYSTEM's own (in its profile: SYSTEM's and Administrators' alone): the copy that is checked and run. */
  staging: string;
  /** What the task did, for admins (in SYSTEM's folder: SYSTEM writes nothing where users may). */
  log: string;
}

export function systemDirs(env: Record<string, string | undefined>): SystemDirs {
  // Not %TEMP% for SYSTEM's copy: C:\Windows\Temp, where users may write.
  const own = win32.join(windowsSystemRoot(env), 'System32', 'config', 'systemprofile', 'AppData', 'Local', 'hallo', 'agent-update');
  const drive = /^[A-Za-z]:$/.test(env.SystemDrive ?? '') ? env.SystemDrive! : 'C:';
  return { profiles: win32.join(`${drive}\\`, 'Users'), staging: own, log: win32.join(own, 'task.log') };
}

/** A profile's inbox, as SYSTEM finds it (the profile's AppData\Local, as the user's agent has it). */
export const profileInbox = (profile: string) => win32.join(profile, 'AppData', 'Local', ...INBOX);

export const systemTool = (env: Record<string, string | undefined>, ...path: string[]) => win32.join(windowsSystemRoot(env), 'System32', ...path);

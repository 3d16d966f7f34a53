import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { INBOX_NAME } from './apply';

// The user's side of a per-machine update (README.md in this folder): the agent leaves the
// installer electron-updater downloaded (and checked) in this user's inbox, where the update task takes
// it at the next startup or logon, or at once when the agent asks for the task to run. The user
// cannot install anything by it: SYSTEM checks the file again and runs only hallo,'s newer
// installers. SYSTEM never removes anything there: the agent keeps its inbox tidy.

export interface MachineHandoff {
  /** Puts the installer in the inbox (a copy, whole or not at all). */
  leave(file: string, version: string): Promise<void>;
  /** Takes what this agent left out of the inbox again (installing must wait). */
  takeBack(): Promise<void>;
  /** Removes what any agent left for this version or an older one (installed, or never to be). */
  tidy(installed: string): Promise<void>;
  /** Asks the update task to run now (`schtasks /run`); it starts, it does not finish, before this resolves. */
  runTask(): Promise<void>;
  /** The same without waiting for schtasks: at Electron's quit, when the process ends right after. */
  startTask(): void;
}

export function createMachineHandoff(deps: { inbox: string; runTask(): Promise<void>; startTask(): void }): MachineHandoff {
  const { inbox } = deps;
  // Each agent's files have a token of their own: two of this user's agents (two sessions) never take each other's back.
  const token = randomBytes(4).toString('hex');
  let left: string | null = null;
  return {
    async leave(file, version) {
      const name = `hallo-agent-${version}~${token}.exe`;
      if (!INBOX_NAME.test(name) || !semver.valid(version)) throw new Error(`not a version for the inbox: ${version}`);
      const part = join(inbox, `${name}.part`);
      try {
        await mkdir(inbox, { recursive: true });
        await copyFile(file, part);
        await rename(part, join(inbox, name));
      } catch (error) {
        await rm(part, { force: true }).catch(() => {});
        throw error;
      }
      if (left !== null && left !== name) await rm(join(inbox, left), { force: true });
      left = name;
    },
    async takeBack() {
      if (left === null) return;
      await rm(join(inbox, left), { force: true });
      left = null;
    },
    async tidy(installed) {
      for (const name of await readdir(inbox).catch(() => [] as string[])) {
        const version = semver.valid(INBOX_NAME.exec(name)?.[1] ?? '');
        if (version !== null && semver.lte(version, installed)) await rm(join(inbox, name), { force: true }).catch(() => {});
      }
    },
    runTask: () => deps.runTask(),
    startTask: () => deps.startTask(),
  };
}

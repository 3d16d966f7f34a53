import { copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { INBOX_NAME } from './apply';
import type { MachineUpdateDirs } from './places';
import { readTaskResult, type TaskResult } from './result';

// The user's side of a per-machine update (README.md in this folder): the agent leaves the
// installer electron-updater downloaded (and checked) in the inbox, where the update task takes
// it at the next startup, or at once when the agent asks for the task to run. The user cannot
// install anything by it: SYSTEM checks the file again and runs only hallo,'s newer installers.

export interface MachineHandoff {
  /** Puts the installer in the inbox (a copy, whole or not at all). */
  leave(file: string, version: string): Promise<void>;
  /** Takes what this agent left out of the inbox again (installing must wait). */
  takeBack(): Promise<void>;
  /** Asks the update task to run now (`schtasks /run`); it starts, it does not finish, before this resolves. */
  runTask(): Promise<void>;
  /** The same without waiting for schtasks: at Electron's quit, when the process ends right after. */
  startTask(): void;
  /** The task's last result (result.json), or null. */
  lastResult(): Promise<TaskResult | null>;
}

export function createMachineHandoff(deps: { dirs: MachineUpdateDirs; runTask(): Promise<void>; startTask(): void }): MachineHandoff {
  const { inbox } = deps.dirs;
  /** The one name this agent uses, so that another user's agent's file is left alone. */
  let left: string | null = null;
  return {
    async leave(file, version) {
      const name = `hallo-agent-${version}.exe`;
      if (!INBOX_NAME.test(name)) throw new Error(`not a version for the inbox: ${version}`);
      const part = join(inbox, `${name}.part`);
      try {
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
    runTask: () => deps.runTask(),
    startTask: () => deps.startTask(),
    lastResult: () => readTaskResult(deps.dirs.result),
  };
}


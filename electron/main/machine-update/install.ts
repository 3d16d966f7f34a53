import type { MachineInstall } from '../updater';
import { createMachineHandoff } from './handoff';
import { userInbox } from './places';
import { runUpdateTask, startUpdateTask } from './schtasks';

/** The update task's side of the shell updater, on this machine's folders and schtasks.exe. */
export function machineInstall(opts: { currentVersion: string; quit: () => void; env?: Record<string, string | undefined> }): MachineInstall {
  const env = opts.env ?? process.env;
  return {
    handoff: createMachineHandoff({
      inbox: userInbox(env),
      runTask: () => runUpdateTask({ env }),
      startTask: () => startUpdateTask(env),
    }),
    currentVersion: opts.currentVersion,
    quit: opts.quit,
  };
}

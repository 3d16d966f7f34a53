import { spawn } from 'node:child_process';
import { runCommand, type RunOptions, type RunResult } from '../../agent/platform/run';
import { UPDATE_TASK, systemTool } from './places';

// schtasks.exe (every Windows, by full path, never through a shell): the agent, as the user, runs
// the update task, which the task's security descriptor allows (register.ts).

export type Run = (file: string, args: readonly string[], opts: RunOptions) => Promise<RunResult>;
const RUN: RunOptions = { timeoutMs: 30_000, maxOutputBytes: 16 * 1024 };

const failed = (what: string, result: RunResult) =>
  new Error(`${what}: exit ${result.code ?? 'none'}${result.timedOut ? ' (timed out)' : ''}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`);

export async function runUpdateTask(deps: { env: Record<string, string | undefined>; run?: Run }): Promise<void> {
  const run = deps.run ?? runCommand;
  const result = await run(systemTool(deps.env, 'schtasks.exe'), ['/run', '/tn', UPDATE_TASK], RUN);
  if (result.code !== 0) throw failed(`running ${UPDATE_TASK}`, result);
}

/** `schtasks /run` left running on its own: at Electron's quit the app ends before it would answer. */
export function startUpdateTask(env: Record<string, string | undefined>, start: typeof spawn = spawn): void {
  start(systemTool(env, 'schtasks.exe'), ['/run', '/tn', UPDATE_TASK], { detached: true, stdio: 'ignore', windowsHide: true, shell: false })
    .on('error', () => {})
    .unref();
}

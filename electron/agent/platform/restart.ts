import { win32 } from 'node:path';
import { runCommand, type RunOptions, type RunResult } from './run';
import { windowsSystemRoot } from './os';

// Restarting the computer, the one way per OS, by full path and never through a shell. The agent
// decides when (updates/restart-planner.ts); this only asks the OS and says whether it agreed.

export interface RestartRequest {
  /** Windows shows its own notice this long before it restarts; elsewhere the agent's countdown was the notice. */
  delaySeconds: number;
  /** Windows' shutdown comment (shown in its notice and kept in the event log). */
  message: string;
}

/** `refused`: the OS said no (no right to, one already scheduled, a program holding it); `detail` is for admins. */
export type RestartResult = { outcome: 'accepted' } | { outcome: 'refused'; detail: string };

export interface RestartPort {
  restart(request: RestartRequest): Promise<RestartResult>;
}

export interface Command {
  file: string;
  args: string[];
}

/** Windows' own limit for /c. */
const MAX_COMMENT = 512;
const MAX_DELAY_SECONDS = 600;

/** The command that restarts this OS, or null where the agent knows none. */
export function restartCommand(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, request: RestartRequest): Command | null {
  const delay = String(Math.max(0, Math.min(MAX_DELAY_SECONDS, Math.round(request.delaySeconds))));
  switch (platform) {
    case 'win32': {
      // shutdown.exe from the system folder only.
      const root = windowsSystemRoot(env);
      // /d p:2:17: planned, operating system, hotfix: what an update restart is in the event log.
      const comment = request.message.replace(/[\r\n]+/g, ' ').slice(0, MAX_COMMENT);
      return { file: win32.join(root, 'System32', 'shutdown.exe'), args: ['/r', '/t', delay, '/d', 'p:2:17', '/c', comment] };
    }
    case 'linux':
      return { file: '/usr/bin/systemctl', args: ['reboot'] };
    case 'darwin':
      // Through System Events, like the Apple menu: apps may ask to save their work first.
      return { file: '/usr/bin/osascript', args: ['-e', 'tell application "System Events" to restart'] };
    default:
      return null;
  }
}

const RUN: RunOptions = { timeoutMs: 30_000, maxOutputBytes: 16 * 1024 };

export function createOsRestart(deps: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  run?: (file: string, args: readonly string[], opts: RunOptions) => Promise<RunResult>;
}): RestartPort {
  const run = deps.run ?? runCommand;
  return {
    async restart(request) {
      const command = restartCommand(deps.platform, deps.env, request);
      if (!command) return { outcome: 'refused', detail: `no restart command for ${deps.platform}` };
      try {
        const result = await run(command.file, command.args, RUN);
        if (result.code === 0) return { outcome: 'accepted' };
        const said = (result.stderr || result.stdout).trim().split(/\r?\n/)[0] ?? '';
        const why = result.timedOut ? 'timed out' : `exit ${result.code ?? 'killed'}`;
        return { outcome: 'refused', detail: `${command.file}: ${why}${said ? `: ${said.slice(0, 300)}` : ''}` };
      } catch (error) {
        return { outcome: 'refused', detail: `${command.file}: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}

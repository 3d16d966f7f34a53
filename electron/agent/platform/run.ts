import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';

export interface RunOptions {
  timeoutMs: number;
  /** Per stream; beyond it the output is cut and the command is stopped. */
  maxOutputBytes: number;
  /** The whole environment of the child (not merged): callers decide what it may see. */
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  code: number | null; // null when it was killed (timeout, output cap) or died by a signal
  stdout: string;
  stderr: string;
  timedOut: boolean;
  truncated: boolean;
}

export type RunErrorCode = 'not-absolute' | 'spawn-failed';
export class RunError extends Error {
  constructor(
    readonly code: RunErrorCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'RunError';
  }
}

/**
 * Runs a program directly, never through a shell, so that no argument is ever interpreted.
 * Only absolute paths: a bare name would be looked up on a PATH the user may control.
 */
export function runCommand(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  if (!isAbsolute(file)) return Promise.reject(new RunError('not-absolute', `not an absolute path: ${file}`));
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(file, args, { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    } catch (error) {
      reject(new RunError('spawn-failed', String(error)));
      return;
    }
    const out = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const size = { stdout: 0, stderr: 0 };
    let timedOut = false;
    let truncated = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);

    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const room = opts.maxOutputBytes - size[stream];
      if (room > 0) out[stream].push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size[stream] += chunk.length;
      if (size[stream] > opts.maxOutputBytes && !truncated) {
        truncated = true;
        child.kill('SIGKILL'); // a command that floods us is not one we can use
      }
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new RunError('spawn-failed', error.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out.stdout).toString('utf8'),
        stderr: Buffer.concat(out.stderr).toString('utf8'),
        timedOut,
        truncated,
      });
    });
  });
}

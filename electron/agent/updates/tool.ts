import { readFile } from 'node:fs/promises';
import { runCommand, type RunOptions, type RunResult } from '../platform/run';
import type { UpdatesProblem } from './types';

/** What the providers need from the machine; tests hand in recorded outputs instead. */
export interface ProviderIo {
  run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult>;
  /** A small text file's contents, or null when it does not exist. */
  readText(path: string): Promise<string | null>;
}

export const nodeProviderIo: ProviderIo = {
  run: runCommand,
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
};

/**
 * English, so that our own runs print what the parsers know best (they also read translated
 * output, as people paste it), and a PATH of system folders only.
 */
export const TOOL_ENV: NodeJS.ProcessEnv = { LANG: 'C', LC_ALL: 'C', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };
// A package list is tens of kilobytes; a megabyte is something else.
const MAX_OUTPUT_BYTES = 1024 * 1024;

export type ToolOutput = { code: number; stdout: string; stderr: string } | { problem: UpdatesProblem };

/** Runs one tool, bounded; a tool that is absent, hangs or floods becomes a problem, never a throw. */
export async function runTool(io: ProviderIo, tool: string, file: string, args: readonly string[], timeoutMs: number): Promise<ToolOutput> {
  let result: RunResult;
  try {
    result = await io.run(file, args, { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES, env: TOOL_ENV });
  } catch (error) {
    const text = String((error as Error).message ?? error);
    return { problem: { code: /ENOENT|not an absolute/.test(text) ? 'missing' : 'failed', tool, detail: text.slice(0, 200) } };
  }
  if (result.timedOut) return { problem: { code: 'timeout', tool, detail: `no answer within ${Math.round(timeoutMs / 1000)} s` } };
  if (result.truncated) return { problem: { code: 'unreadable', tool, detail: `more than ${MAX_OUTPUT_BYTES} bytes of output` } };
  if (result.code === null) return { problem: { code: 'failed', tool, detail: 'stopped by a signal' } };
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
}

/** A tool's exit code that means failure, with the first line it printed on stderr. */
export function failed(tool: string, output: { code: number; stderr: string; stdout: string }): { problem: UpdatesProblem } {
  const said = (output.stderr.trim() || output.stdout.trim()).split(/\r?\n/)[0]?.slice(0, 160) ?? '';
  return { problem: { code: 'failed', tool, detail: said ? `exit ${output.code}: ${said}` : `exit ${output.code}` } };
}

export const unreadable = (tool: string, detail: string): { problem: UpdatesProblem } => ({ problem: { code: 'unreadable', tool, detail } });

import { readFileSync } from 'node:fs';
import { RunError } from '../../../electron/agent/platform/run';
import type { ProviderIo } from '../../../electron/agent/updates/tool';

/** A recorded output from tests/fixtures/updates (its source is in the SOURCE.md beside it). */
export const recorded = (path: string): string => readFileSync(new URL(`../../fixtures/updates/${path}`, import.meta.url), 'utf8');

/** Outputs no tool prints: what a parser must call unreadable rather than guess. */
export const GARBAGE = [
  '',
  '\n\n',
  'Segmentation fault (core dumped)',
  '<html><body>502 Bad Gateway</body></html>',
  '\u0000\u0001\u0002binary\u00ff',
  '{"schema": 2}',
  // One endless line that starts like an apt Inst line: skipped, not searched (it would take hours).
  `Inst a (b ${' ['.repeat(200_000)}`,
];

/** What a tool gave: its exit code and output, a hang, or that it could not start. */
export type FakeRun = { code: number; stdout?: string; stderr?: string } | 'hang' | 'missing' | 'flood';

/**
 * The providers' machine, answering from recorded outputs: `runs` by command line
 * (`/usr/bin/apt-get -s upgrade`), `files` by path. Records each command it was asked to run.
 */
export function fakeIo(runs: Record<string, FakeRun>, files: Record<string, string> = {}): ProviderIo & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    async run(file, args, options) {
      const line = [file, ...args].join(' ');
      ran.push(line);
      const answer = runs[line] ?? 'missing';
      if (answer === 'missing') throw new RunError('spawn-failed', `spawn ${file} ENOENT`);
      if (answer === 'hang') return { code: null, stdout: '', stderr: '', timedOut: true, truncated: false };
      if (answer === 'flood') return { code: null, stdout: 'x'.repeat(options.maxOutputBytes), stderr: '', timedOut: false, truncated: true };
      return { code: answer.code, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '', timedOut: false, truncated: false };
    },
    async readText(path) {
      return files[path] ?? null;
    },
  };
}

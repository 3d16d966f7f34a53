import { lstatSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendPrivateSync, ensurePrivateDir } from './platform/private-dir';
import type { Clock } from './ports';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogEntry {
  at: string;
  level: LogLevel;
  scope: string;
  msg: string;
  data?: Record<string, unknown>;
}

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(scope: string): Logger;
  /** Recent warnings and errors, newest last: for diagnostics and the admin view. */
  recent(): LogEntry[];
  /**
   * No more lines in the file (the ring still keeps them): the agent has stopped, and an answer or
   * a probe that settles later must not write into a data folder that may be on its way out.
   */
  close(): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const MAX_FILE_BYTES = 1024 * 1024;
const RECENT_KEEP = 100;

/**
 * JSON-lines log in the data folder, rotated at 1 MiB (one old file kept). Writing is sync and
 * best-effort: a full or read-only disk must never take the agent down with it. The file is ours
 * alone (0600, in a 0700 folder of ours, never through a link): a log folder or file that another
 * user planted is refused, said once (stderr and the recent warnings), and nothing is written there.
 */
export function createLogger(opts: { file: string | null; clock: Clock; level?: LogLevel; echo?: boolean }): Logger {
  const minimum = ORDER[opts.level ?? 'info'];
  const recent: LogEntry[] = [];
  let fileOk = opts.file !== null;
  let refusal: string | null = null;
  if (opts.file) {
    try {
      ensurePrivateDir(dirname(opts.file));
    } catch (error) {
      fileOk = false;
      if ((error as Error).name === 'UnsafeFolderError') refusal = (error as Error).message;
    }
  }

  function write(entry: LogEntry): void {
    if (entry.level === 'warn' || entry.level === 'error') {
      recent.push(entry);
      if (recent.length > RECENT_KEEP) recent.shift();
    }
    if (ORDER[entry.level] < minimum) return;
    const line = JSON.stringify(entry) + '\n';
    if (opts.echo) process.stderr.write(line);
    if (!fileOk || !opts.file) return;
    try {
      if ((lstatSync(opts.file, { throwIfNoEntry: false })?.size ?? 0) > MAX_FILE_BYTES) {
        renameSync(opts.file, opts.file + '.1');
      }
      appendPrivateSync(opts.file, line);
    } catch (error) {
      // A link or a file not ours: refused for good. Disk trouble: keep the in-memory ring, try the
      // file again on the next line.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || /not a file of ours/.test((error as Error).message)) {
        fileOk = false;
        refuse(`refusing the log file ${opts.file}: ${code === 'ELOOP' ? 'it is a symbolic link' : 'it is not a file of ours'}`);
      }
    }
  }

  /** Says once, where someone will see it, that the log file is not written. */
  function refuse(why: string): void {
    const entry: LogEntry = { at: new Date(opts.clock.now()).toISOString(), level: 'error', scope: 'log', msg: why };
    recent.push(entry);
    process.stderr.write(JSON.stringify(entry) + '\n');
  }

  function make(scope: string): Logger {
    const at = (level: LogLevel) => (msg: string, data?: Record<string, unknown>) =>
      write({ at: new Date(opts.clock.now()).toISOString(), level, scope, msg, ...(data ? { data } : {}) });
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (sub) => make(scope ? `${scope}.${sub}` : sub),
      recent: () => recent.slice(),
      close: () => void (fileOk = false),
    };
  }
  if (refusal) refuse(refusal);
  return make('');
}

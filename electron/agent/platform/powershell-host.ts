import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { isAbsolute, win32 } from 'node:path';
import type { Clock } from '../ports';

/**
 * One long-lived PowerShell for every probe of the agent (windows-probes.md: each start costs
 * 0.3–1 s). Started on the first call, kept alive, restarted on the next call after it died or was
 * killed. Calls run one at a time in the order they were asked (PowerShell reads its stdin line by
 * line), each bounded by its own timer: a call still running at its deadline kills the process, so
 * a hung COM call (the Windows Update Agent can hang for minutes) never blocks the calls behind it.
 *
 * Framing, one line per call on stdin:
 *   <prelude>; & { <script, base64> } | Out-String -Width 4096 | Write-Output; 'END-<id>'
 * written as a single line (`-Command -` runs each complete line), so that a script of many lines
 * cannot be cut into pieces. The script prints one JSON document; everything before the end
 * marker is that document. A script that throws prints `ERROR-<id> <message>` instead.
 */

export type PowerShellFailure =
  /** The call ran past its time: the process was killed; the next call starts a fresh one. */
  | 'timeout'
  /** The process exited during the call (or could not start). */
  | 'died'
  /** The process answered, but not with one JSON document. */
  | 'garbage'
  /** The script itself threw; `detail` holds PowerShell's message. */
  | 'script-error'
  /** More output than a probe may print: the process was killed. */
  | 'too-large'
  /** `stop()` was called while the call waited or ran. */
  | 'stopped';

export type PowerShellResult = { ok: true; json: unknown } | { ok: false; error: PowerShellFailure; detail: string };

export interface PowerShellHost {
  /** Runs one script that prints one JSON document. Never rejects. */
  run(script: string, options?: { timeoutMs?: number }): Promise<PowerShellResult>;
  /** Ends the process and answers every waiting call with `stopped`. */
  stop(): void;
  /** How many processes were started so far (for the admin view and the tests). */
  readonly starts: number;
}

export interface PowerShellHostOptions {
  clock: Clock;
  /** Absolute path of the program: powershell.exe in the app, a stand-in in the tests. */
  file?: string;
  args?: readonly string[];
  /** The whole environment of the child (not merged). */
  env?: NodeJS.ProcessEnv;
  /** Per call unless the call says otherwise. */
  timeoutMs?: number;
  maxOutputBytes?: number;
}

// Windows PowerShell 5.1 is on every supported Windows; pwsh 7 is not.
export function windowsPowerShellPath(env: NodeJS.ProcessEnv = process.env): string {
  return win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}
export const POWERSHELL_ARGS = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'] as const;

/** A WUA offline search takes seconds; a minute means it is stuck. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** A probe's JSON is kilobytes; this much means something else is printing. */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** The one line that runs `script` and then prints the end marker for `id`. */
export function framedCall(script: string, id: string): string {
  const encoded = Buffer.from(script, 'utf8').toString('base64');
  const body = `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}'))`;
  return (
    `[Console]::OutputEncoding = [Text.Encoding]::UTF8; $ErrorActionPreference = 'Stop'; ` +
    `try { & ([ScriptBlock]::Create(${body})) | Out-String -Width 4096 | Write-Output } ` +
    `catch { [Console]::Out.WriteLine('ERROR-${id} ' + ($_.Exception.Message -replace '\\s+', ' ')) }; ` +
    `[Console]::Out.WriteLine('END-${id}')\n`
  );
}

interface Call {
  script: string;
  timeoutMs: number;
  resolve: (result: PowerShellResult) => void;
}

export function createPowerShellHost(options: PowerShellHostOptions): PowerShellHost {
  const file = options.file ?? windowsPowerShellPath();
  const args = options.args ?? POWERSHELL_ARGS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const queue: Call[] = [];
  let child: ChildProcessWithoutNullStreams | null = null;
  /** The end markers: unguessable, so that no line a script prints can end its call early. */
  let randomId: (() => string) | null = null;
  let current: { call: Call; id: string; output: string; bytes: number; timer: unknown } | null = null;
  let starts = 0;
  let stopped = false;

  const finish = (result: PowerShellResult) => {
    if (!current) return;
    const { call, timer } = current;
    options.clock.clearTimeout(timer);
    current = null;
    call.resolve(result);
    next();
  };

  const kill = () => {
    const dying = child;
    child = null;
    dying?.stdin.destroy();
    dying?.kill('SIGKILL');
  };

  const start = (): ChildProcessWithoutNullStreams | null => {
    if (!isAbsolute(file)) return null;
    let started: ChildProcessWithoutNullStreams;
    try {
      started = spawn(file, [...args], { shell: false, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    } catch {
      return null;
    }
    starts++;
    started.stdout.setEncoding('utf8');
    started.stdout.on('data', (chunk: string) => {
      if (child === started) onOutput(chunk);
    });
    started.stderr.resume(); // PowerShell's progress and warnings: not ours to read, but must not block it
    started.stdin.on('error', () => {}); // writing to a process that just died: its exit says so
    const gone = (why: string) => {
      if (child !== started) return;
      child = null;
      finish({ ok: false, error: 'died', detail: why });
    };
    started.on('error', (error) => gone(error.message));
    started.on('exit', (code, signal) => gone(`exited (${signal ?? code})`));
    return started;
  };

  const onOutput = (chunk: string) => {
    if (!current) return; // stray output between calls belongs to no one
    current.output += chunk;
    current.bytes += Buffer.byteLength(chunk);
    if (current.bytes > maxOutputBytes) {
      kill();
      finish({ ok: false, error: 'too-large', detail: `more than ${maxOutputBytes} bytes` });
      return;
    }
    const { id, output } = current;
    const end = output.indexOf(`END-${id}`);
    if (end < 0) return;
    const text = output.slice(0, end);
    const error = text.indexOf(`ERROR-${id} `);
    if (error >= 0) {
      finish({ ok: false, error: 'script-error', detail: text.slice(error + id.length + 7).trim().slice(0, 500) });
      return;
    }
    finish(parseDocument(text));
  };

  const next = () => {
    if (current || stopped) return;
    const call = queue.shift();
    if (!call) return;
    child ??= start();
    if (!child) {
      call.resolve({ ok: false, error: 'died', detail: `could not start ${file}` });
      next();
      return;
    }
    const id = randomId!();
    const timer = options.clock.setTimeout(() => {
      kill();
      finish({ ok: false, error: 'timeout', detail: `no answer within ${call.timeoutMs} ms` });
    }, call.timeoutMs);
    current = { call, id, output: '', bytes: 0, timer };
    child.stdin.write(framedCall(call.script, id));
  };

  return {
    async run(script, runOptions) {
      // node:crypto (about 2 MB) loads at the first call: only Windows makes any.
      randomId ??= (await import('node:crypto')).randomUUID;
      return new Promise((resolve) => {
        if (stopped) {
          resolve({ ok: false, error: 'stopped', detail: 'the host was stopped' });
          return;
        }
        queue.push({ script, timeoutMs: runOptions?.timeoutMs ?? options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, resolve });
        next();
      });
    },
    stop() {
      stopped = true;
      kill();
      const waiting = queue.splice(0);
      finish({ ok: false, error: 'stopped', detail: 'the host was stopped' });
      for (const call of waiting) call.resolve({ ok: false, error: 'stopped', detail: 'the host was stopped' });
    },
    get starts() {
      return starts;
    },
  };
}

/** One JSON document, or garbage: a probe that prints anything else cannot be trusted. */
function parseDocument(text: string): PowerShellResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'garbage', detail: 'empty output' };
  try {
    return { ok: true, json: JSON.parse(trimmed) as unknown };
  } catch {
    return { ok: false, error: 'garbage', detail: `not JSON: ${trimmed.slice(0, 80)}` };
  }
}

import { readFile, stat } from 'node:fs/promises';
import { createPowerShellHost, type PowerShellHost } from '../agent/platform/powershell-host';
import type { Clock } from '../agent/ports';
import { providerForThisMachine } from '../agent/updates/provider';
import { busyReaderForThisMachine } from '../agent/updates/busy/source';
import { updatesStatusItems } from '../agent/updates/status';
import { checksSourceForThisMachine } from '../agent/checks/sources/this-machine';
import { CHECK_NAMES, checksItems, DEFAULT_CHECKS_POLICY } from '../agent/checks/rules';
import { defaultTempDirs } from '../agent/checks/temp/size';
import { sizeUnitsFor } from '../agent/platform/os';
import { CHECK_PARSE_KINDS, parseCheckRecorded, type CheckParseKind } from './check-kinds';
import { PARSE_KINDS, isParseKind, parseRecorded } from './kinds';
import { withWords } from './report';

// `npm run probe -- parse <kind> <file>`, `npm run probe -- run updates`, `run busy` and `run checks`: what the agent makes
// of an output, for admins and technicians on site. JSON on stdout; a problem is one line on
// stderr, never a stack trace. Exit codes: 0 read, 3 read but not understood (the JSON still
// says `unknown`), 2 wrong arguments, 1 the file could not be opened or the probe itself failed.

export const EXIT = { ok: 0, failed: 1, usage: 2, unreadable: 3 } as const;
// Outputs people paste are kilobytes; a larger file is the wrong file.
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const ALL_KINDS = [...PARSE_KINDS, ...CHECK_PARSE_KINDS];
const isCheckKind = (kind: string): kind is CheckParseKind => (CHECK_PARSE_KINDS as readonly string[]).includes(kind);
const USAGE = `usage: probe parse <kind> <file> | probe run updates | probe run busy | probe run checks (kinds: ${ALL_KINDS.join(', ')})`;

class ProbeError extends Error {
  constructor(
    message: string,
    readonly exit: number,
  ) {
    super(message);
  }
}

const systemClock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

async function readRecorded(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ProbeError(`${file} is not a file`, EXIT.failed);
    if (info.size > MAX_FILE_BYTES) throw new ProbeError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: not an output of these tools`, EXIT.failed);
    // Outputs saved on Windows come as UTF-16 (PowerShell's `>`) or with a byte-order mark.
    const bytes = await readFile(file);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    return (utf16 ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ProbeError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(error)})`, EXIT.failed);
  }
}

/** Runs `use` with a PowerShell host on Windows (none elsewhere), stopped whatever happens. */
async function withPowerShell<T>(use: (powershell: PowerShellHost | undefined) => Promise<T>): Promise<T> {
  const powershell = process.platform === 'win32' ? createPowerShellHost({ clock: systemClock }) : undefined;
  try {
    return await use(powershell);
  } finally {
    powershell?.stop();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, what, file, ...rest] = args;
  if (command === 'parse' && what && file && !rest.length) {
    if (!isParseKind(what) && !isCheckKind(what)) throw new ProbeError(`unknown kind "${what}"; kinds: ${ALL_KINDS.join(', ')}`, EXIT.usage);
    const text = await readRecorded(file);
    const report = isCheckKind(what) ? parseCheckRecorded(what, text, Date.now()) : parseRecorded(what, text);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.readable ? EXIT.ok : EXIT.unreadable;
  }
  if (command === 'run' && what === 'updates' && file === undefined) {
    return withPowerShell(async (powershell) => {
      const provider = await providerForThisMachine({ clock: systemClock, ...(powershell ? { powershell } : {}) });
      const check = await provider.check();
      process.stdout.write(`${JSON.stringify({ items: withWords(updatesStatusItems(check)), check }, null, 2)}\n`);
      return 'problem' in check.pending || 'problem' in check.restart ? EXIT.unreadable : EXIT.ok;
    });
  }
  if (command === 'run' && what === 'busy' && file === undefined) {
    // What the restart planner would hear now: busy (and why), not busy, or unsupported here.
    return withPowerShell(async (powershell) => {
      const read = busyReaderForThisMachine({ ...(powershell ? { powershell: () => powershell } : {}) });
      if (!read) {
        process.stdout.write(`${JSON.stringify({ platform: process.platform, supported: false }, null, 2)}\n`);
        return EXIT.ok;
      }
      const answer = await read();
      process.stdout.write(`${JSON.stringify({ platform: process.platform, supported: true, ...answer }, null, 2)}\n`);
      return 'unreadable' in answer ? EXIT.unreadable : EXIT.ok;
    });
  }
  if (command === 'run' && what === 'checks' && file === undefined) {
    // This machine's probes, every check on, judged by the default policy: what the popup would list.
    return withPowerShell(async (powershell) => {
      const clock = systemClock;
      const source = await checksSourceForThisMachine({ clock, powershell: () => powershell!, tempDirs: defaultTempDirs(process.platform, process.env) });
      const { findings, probes } = await source.read(new Set(CHECK_NAMES));
      const items = checksItems(findings, DEFAULT_CHECKS_POLICY, { platform: process.platform, sizeUnits: sizeUnitsFor(process.platform), now: clock.now() });
      process.stdout.write(`${JSON.stringify({ platform: process.platform, items: withWords(items), findings, probes }, null, 2)}\n`);
      return Object.values(findings).some((finding) => 'unknown' in finding) ? EXIT.unreadable : EXIT.ok;
    });
  }
  throw new ProbeError(USAGE, EXIT.usage);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`probe: ${message.split('\n')[0]}\n`); // one line, never a stack trace
    process.exitCode = error instanceof ProbeError ? error.exit : EXIT.failed;
  },
);

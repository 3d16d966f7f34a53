import { readFile, stat } from 'node:fs/promises';
import { createPowerShellHost } from '../agent/platform/powershell-host';
import type { Clock } from '../agent/ports';
import { providerForThisMachine } from '../agent/updates/provider';
import { busyReaderForThisMachine } from '../agent/updates/busy/source';
import { updatesStatusItems } from '../agent/updates/status';
import { PARSE_KINDS, isParseKind, parseRecorded } from './kinds';
import { withWords } from './report';

// `npm run probe -- parse <kind> <file>`, `npm run probe -- run updates` and `run busy`: what the agent makes
// of an output, for admins and technicians on site. JSON on stdout; a problem is one line on
// stderr, never a stack trace. Exit codes: 0 read, 3 read but not understood (the JSON still
// says `unknown`), 2 wrong arguments, 1 the file could not be opened or the probe itself failed.

export const EXIT = { ok: 0, failed: 1, usage: 2, unreadable: 3 } as const;
// Outputs people paste are kilobytes; a larger file is the wrong file.
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const USAGE = `usage: probe parse <kind> <file> | probe run updates | probe run busy (kinds: ${PARSE_KINDS.join(', ')})`;

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

async function main(args: string[]): Promise<number> {
  const [command, what, file, ...rest] = args;
  if (command === 'parse' && what && file && !rest.length) {
    if (!isParseKind(what)) throw new ProbeError(`unknown kind "${what}"; kinds: ${PARSE_KINDS.join(', ')}`, EXIT.usage);
    const report = parseRecorded(what, await readRecorded(file));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.readable ? EXIT.ok : EXIT.unreadable;
  }
  if (command === 'run' && what === 'updates' && file === undefined) {
    const clock = systemClock;
    const powershell = process.platform === 'win32' ? createPowerShellHost({ clock }) : undefined;
    try {
      const provider = await providerForThisMachine({ clock, ...(powershell ? { powershell } : {}) });
      const check = await provider.check();
      process.stdout.write(`${JSON.stringify({ items: withWords(updatesStatusItems(check)), check }, null, 2)}\n`);
      return 'problem' in check.pending || 'problem' in check.restart ? EXIT.unreadable : EXIT.ok;
    } finally {
      powershell?.stop();
    }
  }
  if (command === 'run' && what === 'busy' && file === undefined) {
    // What the restart planner would hear now: busy (and why), not busy, or unsupported here.
    const clock = systemClock;
    const powershell = process.platform === 'win32' ? createPowerShellHost({ clock }) : undefined;
    try {
      const read = busyReaderForThisMachine({ ...(powershell ? { powershell: () => powershell } : {}) });
      if (!read) {
        process.stdout.write(`${JSON.stringify({ platform: process.platform, supported: false }, null, 2)}\n`);
        return EXIT.ok;
      }
      const answer = await read();
      process.stdout.write(`${JSON.stringify({ platform: process.platform, supported: true, ...answer }, null, 2)}\n`);
      return 'unreadable' in answer ? EXIT.unreadable : EXIT.ok;
    } finally {
      powershell?.stop();
    }
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

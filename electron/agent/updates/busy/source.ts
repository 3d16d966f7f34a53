import type { Logger } from '../../log';
import type { PowerShellHost } from '../../platform/powershell-host';
import type { BusySource, Clock } from '../../ports';
import { nodeProviderIo, runTool, type ProviderIo } from '../tool';
import type { Parsed } from '../types';
import { parsePmsetAssertions } from './pmset-assertions';
import type { BusyReading } from './reading';
import { windowsBusyOf } from './windows-busy';
import { WINDOWS_BUSY_SCRIPT } from './windows-busy-script';

/** One look at whether the employee is busy now; null where the OS offers nothing we can read. */
export type BusyReader = () => Promise<Parsed<BusyReading>>;

/**
 * One answer stands this long: the planner asks at each re-plan (a battery change, a check, an
 * action) and every 5 minutes while busy, so a burst of re-plans costs one look.
 */
export const BUSY_CACHE_MS = 30_000;
/** Both tools answer in well under a second; ten means stuck, and stuck means "not busy". */
const BUSY_TIMEOUT_MS = 10_000;
const BUSY_BOUND_MS = BUSY_TIMEOUT_MS + 5_000;

export interface BusyReaderOptions {
  platform?: NodeJS.Platform;
  io?: ProviderIo;
  /** Windows: the agent's long-lived PowerShell host (shared with the updates provider). */
  powershell?: () => PowerShellHost;
}

/**
 * Windows: the notification state, Focus Assist and the microphone, through the PowerShell host.
 * macOS: `pmset -g assertions`. Linux: nothing every desktop offers (GNOME's IsInhibited is not
 * KDE's, and neither says "in a call"): unsupported, and the planner's cap does the rest.
 */
export function busyReaderForThisMachine(options: BusyReaderOptions = {}): BusyReader | null {
  const { platform = process.platform, io = nodeProviderIo } = options;
  if (platform === 'win32' && options.powershell) {
    const host = options.powershell;
    return async () => {
      const result = await host().run(WINDOWS_BUSY_SCRIPT, { timeoutMs: BUSY_TIMEOUT_MS });
      return result.ok ? windowsBusyOf(result.json) : { unreadable: `PowerShell ${result.error}: ${result.detail}` };
    };
  }
  if (platform === 'darwin') {
    return async () => {
      const output = await runTool(io, 'pmset', '/usr/bin/pmset', ['-g', 'assertions'], BUSY_TIMEOUT_MS);
      if ('problem' in output) return { unreadable: `${output.problem.code}: ${output.problem.detail}` };
      if (output.code !== 0) return { unreadable: `pmset exit ${output.code}` };
      return parsePmsetAssertions(output.stdout);
    };
  }
  return null;
}

/**
 * The planner's BusySource: a reader, cached for BUSY_CACHE_MS and asked once at a time. A reader
 * that fails, hangs or prints garbage means "not busy", with a log line: the planner's BUSY_CAP
 * keeps a busy user from being skipped forever anyway, so guessing "busy" would only delay.
 */
export function createBusySource(read: BusyReader | null, deps: { clock: Clock; log: Logger }): BusySource & { reading(): Promise<BusyReading> } {
  const { clock, log } = deps;
  let cached: { at: number; reading: BusyReading } | null = null;
  let inFlight: Promise<BusyReading> | null = null;
  let lastSaid = '';
  const say = (what: string, level: 'info' | 'warn', data: Record<string, unknown>) => {
    if (what === lastSaid) return; // a change, not every look
    lastSaid = what;
    log[level](what, data);
  };

  const look = async (): Promise<BusyReading> => {
    if (!read) return { busy: false };
    // The readers bound their tools; this bounds the reader itself, since the planner waits for it.
    const answer = await new Promise<Parsed<BusyReading>>((resolve) => {
      const timer = clock.setTimeout(() => resolve({ unreadable: `no answer within ${BUSY_BOUND_MS / 1000} s` }), BUSY_BOUND_MS);
      const settle = (value: Parsed<BusyReading>) => {
        clock.clearTimeout(timer);
        resolve(value);
      };
      read().then(settle, (error: unknown) => settle({ unreadable: String(error) }));
    });
    if ('unreadable' in answer) {
      say('busy: could not tell; taken as not busy', 'warn', { detail: answer.unreadable.slice(0, 300) });
      return { busy: false };
    }
    const reading = answer.value;
    say(reading.busy ? 'busy: the employee is busy' : 'busy: not busy', 'info', reading.busy ? { reason: reading.reason, app: reading.app } : {});
    return reading;
  };

  const reading = (): Promise<BusyReading> => {
    if (cached && clock.now() - cached.at >= 0 && clock.now() - cached.at < BUSY_CACHE_MS) return Promise.resolve(cached.reading);
    inFlight ??= look()
      .then((value) => ((cached = { at: clock.now(), reading: value }), value))
      .finally(() => (inFlight = null));
    return inFlight;
  };
  return { reading, busy: async () => (await reading()).busy };
}

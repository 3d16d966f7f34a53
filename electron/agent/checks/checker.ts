import { bounded, singleFlight, type ProbeFailure } from '../platform/bounded';
import type { Clock } from '../ports';
import type { CheckName, ChecksReading, ChecksSource, Findings } from './types';

/**
 * Runs this machine's probes on their own interval, never with the health samples: a first round
 * after a delay (the login rush), then every `intervalMs()` (the policy's), again after resume and
 * when asked. A round already running is joined, never doubled. The whole read is bounded: a source
 * that hangs or fails gives every check it was asked for as unknown (never a rejection), and a hung
 * read is joined by the next round rather than started again, so hung probes cannot pile up.
 */

/** Every part of the Windows script is bounded on its own (20 s); this bounds a source as a whole, should one forget. */
export const CHECKS_READ_TIMEOUT_MS = 2 * 60_000;

export interface ChecksChecker {
  /** The first round after `delayMs`, then the interval. */
  start(delayMs: number): void;
  stop(): void;
  /** A round now, joining one that runs. */
  checkNow(): Promise<void>;
  /** A round with what is asked now (the policy changed): after the running one, if any. */
  recheck(): Promise<void>;
  /** The interval changed: the next round is counted from now. */
  reschedule(): void;
}

export interface ChecksCheckerOptions {
  /** The source, made at the first round (lazily loaded: the idle agent never holds the probes before). */
  source: () => Promise<ChecksSource>;
  clock: Clock;
  /** The checks the policy turns on now. */
  which: () => ReadonlySet<CheckName>;
  intervalMs: () => number;
  timeoutMs?: number;
  onStart(): void;
  onReading(reading: ChecksReading, which: ReadonlySet<CheckName>): void;
}

/** What a round that could not read gives: each check asked for, unknown with why. */
export function failedFindings(which: ReadonlySet<CheckName>, failure: ProbeFailure, detail: string): Findings {
  const findings: Findings = {};
  for (const name of which) findings[name] = { unknown: failure, detail };
  return findings;
}

export function createChecksChecker(options: ChecksCheckerOptions): ChecksChecker {
  const { clock } = options;
  const timeoutMs = options.timeoutMs ?? CHECKS_READ_TIMEOUT_MS;
  const flight = singleFlight();
  let timer: unknown = null;
  let running = false;
  let round: Promise<void> | null = null;

  const schedule = (delayMs: number) => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = running ? clock.setTimeout(() => void checker.checkNow(), delayMs) : null;
  };

  async function readOnce(which: ReadonlySet<CheckName>): Promise<ChecksReading> {
    const source = await options.source();
    // Joined while a hung read still runs: one read of this machine at a time.
    const result = await bounded(() => flight('read', () => source.read(which)), timeoutMs, clock);
    if ('value' in result) return result.value;
    const detail = result.error === 'timeout' ? `the checks source gave no answer within ${timeoutMs / 1000} s` : `the checks source failed (${result.error})`;
    return { findings: failedFindings(which, result.error, detail), probes: [] };
  }

  async function runRound(): Promise<void> {
    const which = options.which();
    options.onStart();
    let reading: ChecksReading;
    try {
      reading = await readOnce(which);
    } catch (error) {
      // The source could not even be made (a module that failed to load): said as unknown, tried again next round.
      reading = { findings: failedFindings(which, 'error', `no checks source: ${String(error)}`), probes: [] };
    }
    schedule(options.intervalMs());
    options.onReading(reading, which);
  }

  const checker: ChecksChecker = {
    start(delayMs) {
      running = true;
      if (delayMs <= 0) void checker.checkNow();
      else schedule(delayMs);
    },
    stop() {
      running = false;
      schedule(0);
    },
    checkNow() {
      round ??= runRound().finally(() => (round = null));
      return round;
    },
    recheck() {
      return round ? round.then(() => checker.checkNow()) : checker.checkNow();
    },
    reschedule() {
      if (timer !== null) schedule(options.intervalMs());
    },
  };
  return checker;
}

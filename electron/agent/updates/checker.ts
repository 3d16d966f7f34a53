import { bounded, singleFlight, type ProbeFailure } from '../platform/bounded';
import type { Clock } from '../ports';
import type { Part, UpdatesCheck, UpdatesProvider } from './types';

/**
 * Runs the provider rarely and in the background, never on a hot path: on start (the agent starts
 * at login), every `intervalMs` (the policy's; 4 h by default), after resume from sleep, and when
 * an admin asks. Each check is one background call whose result is handed to `onCheck`; a check
 * already running is joined, never doubled. A provider that fails, hangs or throws gives parts
 * with a problem (never a rejection), and each failed part keeps the last good value beside it.
 * The capability (a later issue) owns the state; this owns only the timing and the last result.
 */

export const DEFAULT_UPDATES_INTERVAL_MS = 4 * 60 * 60_000;
/** Resume and login come in bursts (a laptop opened and closed): no second check within this. */
export const MIN_GAP_MS = 15 * 60_000;
/** Every tool is bounded on its own; this bounds a provider as a whole, should one forget. */
export const CHECK_TIMEOUT_MS = 10 * 60_000;

export type CheckTrigger = 'start' | 'interval' | 'resume' | 'login' | 'admin';

export interface UpdatesChecker {
  start(): void;
  stop(): void;
  /** Checks now (joining a running check); 'admin' ignores the gap after the last check. */
  checkNow(trigger: CheckTrigger): Promise<UpdatesCheck>;
  setInterval(ms: number): void;
  /** The last check, failed parts carrying their last good value; null before the first. */
  last(): UpdatesCheck | null;
}

export interface UpdatesCheckerOptions {
  provider: UpdatesProvider;
  clock: Clock;
  intervalMs?: number;
  onCheck?: (check: UpdatesCheck, trigger: CheckTrigger) => void;
}

/** What a provider that threw or hung past CHECK_TIMEOUT_MS gives: both parts say so. */
function failedCheck(provider: UpdatesProvider['id'], checkedAt: string, error: ProbeFailure): UpdatesCheck {
  const problem = { code: error === 'timeout' ? ('timeout' as const) : ('failed' as const), tool: provider, detail: `the provider gave ${error}` };
  return { provider, checkedAt, pending: { problem }, restart: { problem } };
}

/** A failed part keeps what the previous check knew (and when), so that nothing good is lost. */
function keep<T>(now: Part<T> | undefined, before: Part<T> | undefined, beforeAt: string): Part<T> | undefined {
  if (!now || !('problem' in now) || !before) return now;
  if ('value' in before) return { ...now, kept: { value: before.value, checkedAt: beforeAt } };
  return before.kept ? { ...now, kept: before.kept } : now;
}

export function createUpdatesChecker(options: UpdatesCheckerOptions): UpdatesChecker {
  const { provider, clock } = options;
  let intervalMs = options.intervalMs ?? DEFAULT_UPDATES_INTERVAL_MS;
  let last: UpdatesCheck | null = null;
  let timer: unknown = null;
  let running = false;
  const flight = singleFlight();

  const schedule = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = running ? clock.setTimeout(() => void checker.checkNow('interval'), intervalMs) : null;
  };

  async function runCheck(trigger: CheckTrigger): Promise<UpdatesCheck> {
    const result = await bounded(() => provider.check(), CHECK_TIMEOUT_MS, clock);
    const check = 'value' in result ? result.value : failedCheck(provider.id, new Date(clock.now()).toISOString(), result.error);
    const merged: UpdatesCheck = last
      ? {
          ...check,
          pending: keep(check.pending, last.pending, last.checkedAt)!,
          restart: keep(check.restart, last.restart, last.checkedAt)!,
          ...(check.installed ? { installed: keep(check.installed, last.installed, last.checkedAt) } : {}),
          ...(check.office ? { office: keep(check.office, last.office, last.checkedAt) } : {}),
        }
      : check;
    last = merged;
    schedule();
    options.onCheck?.(merged, trigger);
    return merged;
  }

  const checker: UpdatesChecker = {
    start() {
      running = true;
      void checker.checkNow('start');
    },
    stop() {
      running = false;
      schedule();
    },
    checkNow(trigger) {
      const recent = last !== null && clock.now() - Date.parse(last.checkedAt) < MIN_GAP_MS;
      if (recent && trigger !== 'admin' && trigger !== 'interval') return Promise.resolve(last!);
      return flight('check', () => runCheck(trigger));
    },
    setInterval(ms) {
      intervalMs = ms > 0 ? ms : DEFAULT_UPDATES_INTERVAL_MS;
      schedule();
    },
    last: () => last,
  };
  return checker;
}

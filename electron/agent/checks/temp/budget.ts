import { bounded } from '../../platform/bounded';
import type { Clock } from '../../ports';

// How far one walk of the temp folders may go: a temp folder can hold millions of files (a build
// tool's cache, a crash loop's dumps), may sit on a network share that stops answering, and the
// walk runs in the agent's own process.

export interface WalkLimits {
  /** Entries looked at in all roots together. */
  maxEntries: number;
  /** Wall-clock time from the walk's start (one timer on the clock: it also ends a call that hangs). */
  maxMs: number;
}

/**
 * 200 000 entries is a few seconds of lstat on a slow laptop disk and far beyond a healthy temp
 * folder (a few thousand); 20 s bounds a slow or redirected folder. Past either, the walk stops
 * and says which bound it reached; what it counted or did by then stands.
 */
export const TEMP_WALK_LIMITS: WalkLimits = { maxEntries: 200_000, maxMs: 20_000 };

export type WalkStop = 'entries' | 'time';

export interface WalkBudget {
  /** Takes one entry: null while within the bound, else the bound reached (and from then on). */
  take(): WalkStop | null;
  readonly entries: number;
  readonly stopped: WalkStop | null;
}

/**
 * Runs a walk within the limits: `walk` takes each entry from the budget, and stops when it
 * says so; at `maxMs` the budget says 'time' and the walk's figures so far are the answer, even
 * when a call of it (a readdir on a share that went away) never returns. A throw stays a throw.
 */
export async function withinLimits<T>(walk: (budget: WalkBudget) => Promise<T>, soFar: (budget: WalkBudget) => T, limits: Partial<WalkLimits>, clock: Clock): Promise<T> {
  const { maxEntries, maxMs } = { ...TEMP_WALK_LIMITS, ...limits };
  let entries = 0;
  let stopped: WalkStop | null = null;
  const budget: WalkBudget = {
    take() {
      if (!stopped && entries >= maxEntries) stopped = 'entries';
      if (!stopped) entries++;
      return stopped;
    },
    get entries() {
      return entries;
    },
    get stopped() {
      return stopped;
    },
  };
  let failure: unknown;
  const ran = await bounded(
    () =>
      walk(budget).catch((error: unknown) => {
        failure = error;
        throw error;
      }),
    maxMs,
    clock,
  );
  if ('value' in ran) return ran.value;
  if (ran.error !== 'timeout') throw failure;
  stopped ??= 'time';
  return soFar(budget);
}

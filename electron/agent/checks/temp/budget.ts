// How far one walk of the temp folders may go: a temp folder can hold millions of files (a build
// tool's cache, a crash loop's dumps), and the walk runs in the agent's own process.

export interface WalkLimits {
  /** Entries looked at in all roots together. */
  maxEntries: number;
  /** Wall-clock time from the walk's start. */
  maxMs: number;
}

/**
 * 200 000 entries is about 3 s of lstat on a slow laptop disk and far beyond a healthy temp
 * folder (a few thousand); 20 s bounds a slow or network-redirected folder. Past either, the walk
 * stops and says which bound it reached; what it counted so far stands.
 */
export const TEMP_WALK_LIMITS: WalkLimits = { maxEntries: 200_000, maxMs: 20_000 };

export type WalkStop = 'entries' | 'time';

export interface WalkBudget {
  /** Takes one entry: null while within the bounds, else the bound reached (and from then on). */
  take(): WalkStop | null;
  readonly entries: number;
  readonly stopped: WalkStop | null;
}

export function walkBudget(limits: Partial<WalkLimits> = {}, now: () => number = Date.now): WalkBudget {
  const { maxEntries, maxMs } = { ...TEMP_WALK_LIMITS, ...limits };
  const start = now();
  let entries = 0;
  let stopped: WalkStop | null = null;
  return {
    take() {
      if (stopped) return stopped;
      if (entries >= maxEntries) stopped = 'entries';
      else if (now() - start >= maxMs) stopped = 'time';
      else entries++;
      return stopped;
    },
    get entries() {
      return entries;
    },
    get stopped() {
      return stopped;
    },
  };
}

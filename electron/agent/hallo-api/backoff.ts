// Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
// the wait is random in [0, min(cap, base·2^attempt)], so that many devices failing together do
// not retry together. A server's Retry-After wins when it asks for longer.

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

const BASE_MS = 1_000;
const CAP_MS = 15 * 60_000;
/** Full jitter may draw 0; a floor keeps a run of bad luck from becoming a tight loop. */
const FLOOR_MS = 250;
/** A Retry-After beyond a day is a server bug, not a wish: we come back after a day anyway. */
const RETRY_AFTER_MAX_MS = 24 * 3_600_000;

/** The wait before retry number `attempt + 1` (attempt 0 = the first failure). */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? BASE_MS;
  const cap = opts.capMs ?? CAP_MS;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 52));
  const jittered = Math.max(FLOOR_MS, Math.floor(random() * ceiling));
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return jittered;
  return Math.max(jittered, Math.min(Math.max(0, retryAfterMs), RETRY_AFTER_MAX_MS));
}

/** `ms` give or take 10 %: a periodic call (the heartbeat) that keeps the fleet's calls apart. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

/**
 * The wait before retry number `attempt + 1` of a call that has a pace of its own (the heartbeat,
 * every `paceMs`): one pace, then two, growing to the cap, each jittered by 10 %; never sooner.
 * Why not full jitter from 1 s: a PC whose heartbeat fails just before an outage ends would retry
 * at once, and so would every PC that failed in its last seconds: after 5 minutes down that is 3 %
 * of the fleet within a few seconds, double the steady rate (tests/bench/fleet/). At its own pace a
 * PC calls no more often failing than working, so the fleet comes back at the steady rate. A
 * Retry-After that asks for longer is honoured, plus up to one pace: the same answer sent to every
 * PC at once must not bring them back at once.
 */
export function pacedDelay(attempt: number, paceMs: number, retryAfterMs: number | undefined, opts: BackoffOptions = {}): number {
  const random = opts.random ?? Math.random;
  const cap = Math.max(paceMs, opts.capMs ?? CAP_MS);
  const wait = jittered(Math.min(cap, paceMs * 2 ** Math.min(attempt, 52)), random);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= wait) return wait;
  return Math.round(Math.min(retryAfterMs, RETRY_AFTER_MAX_MS) + random() * paceMs);
}

/** Counts consecutive failures; `reset()` after a success starts again from the base. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly opts: BackoffOptions = {}) {}

  /** The wait before the next try; each call counts one more failure. */
  next(retryAfterMs?: number): number {
    const delay = backoffDelay(this.attempt, retryAfterMs, this.opts);
    this.attempt++;
    return delay;
  }

  /** The wait before the next try of a call with a pace of its own (`pacedDelay`); counts one more failure. */
  nextPaced(paceMs: number, retryAfterMs?: number): number {
    const delay = pacedDelay(this.attempt, paceMs, retryAfterMs, this.opts);
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}

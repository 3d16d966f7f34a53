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

  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}

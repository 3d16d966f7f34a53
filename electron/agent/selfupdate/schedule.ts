// When the agent reads its feed. 10,000 PCs switched on at 08:30 must not all ask at once: the
// first read waits until login is over and then by the device's bucket, later reads are jittered.

/** The first read after start: after the login rush (the updates check waits 2 minutes, the checks 30 s). */
export const FIRST_CHECK_DELAY_MS = 10 * 60_000;
/** Plus this per bucket place: the fleet's first reads spread over 5 minutes (100 × 3 s). */
export const BUCKET_SPREAD_MS = 3_000;
/** ± this share of checkHours on every later read, so that reads started together drift apart. */
export const CHECK_JITTER = 0.1;

export function firstCheckDelayMs(bucket: number | null): number {
  return FIRST_CHECK_DELAY_MS + (bucket ?? 0) * BUCKET_SPREAD_MS;
}

/** The next read after one finished; `random` in [0, 1). */
export function nextCheckDelayMs(checkHours: number, random: number): number {
  return Math.round(checkHours * 3_600_000 * (1 - CHECK_JITTER + 2 * CHECK_JITTER * random));
}

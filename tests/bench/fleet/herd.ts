import { seededRandom } from '../../doubles/seeded-random';
import { createFleet, fleetDataDir, stopFleet, type FleetRun } from './fleet';

// The thundering herd, measured. "Arrivals" are every HTTP request that reaches the API (any
// route: heartbeat, policy, events, tickets, maintenance); refused connections during an outage
// never reach it and are counted apart. The steady rate is the fleet's mean over ten quiet minutes
// with every agent long online (N / 300 s heartbeats, nothing else: about 33/s for 10 000).
// The peak is the busiest 10-second window (sliding, in 1-s steps) in the stretch judged, as a
// rate per second. Why 10 s and not 1 s: at 33 requests a second, each second's count is a
// Poisson draw (sd about 6): the quiet stretch's own busiest second is already about 1.6 × its
// mean, herd or no herd (`steadyPeak1sRatio` shows it). Ten seconds average that noise away
// (sd about 1.8/s) and still catch any burst a server notices. The 1-s peaks are reported too.

const MINUTE = 60_000;
export const PEAK_WINDOW_S = 10;

/** Sums the routes' per-second arrivals into one array. */
export function totalPerSecond(run: FleetRun): Uint32Array {
  const total = new Uint32Array(run.seconds);
  for (const perSecond of run.api.arrivals().values()) for (let s = 0; s < run.seconds; s++) total[s]! += perSecond[s]!;
  return total;
}

/** The highest mean rate (per second) over any `window` consecutive seconds in [from, to). */
export function peakRate(perSecond: Uint32Array, from: number, to: number, window: number): number {
  let sum = 0;
  let best = 0;
  for (let s = from; s < to; s++) {
    sum += perSecond[s]!;
    if (s - from >= window) sum -= perSecond[s - window]!;
    if (s - from >= window - 1) best = Math.max(best, sum);
  }
  return best / window;
}

export function meanRate(perSecond: Uint32Array, from: number, to: number): number {
  let sum = 0;
  for (let s = from; s < to; s++) sum += perSecond[s]!;
  return sum / (to - from);
}

export interface HerdResult {
  /** Peak (10-s window) over steady. */
  ratio: number;
  /** Peak (busiest single second) over steady. */
  ratio1s: number;
  peak: number;
  steady: number;
  /** Requests refused while the API was down. */
  refused: number;
  /** Arrivals per route over the whole run. */
  routes: Record<string, number>;
  /** Agents online at the end. */
  online: number;
  perSecond: Uint32Array;
  /** Arrivals per second, by route. */
  byRoute: Record<string, Uint32Array>;
}

/** The figures of a run, its peak taken from second `from` to its end. */
function resultOf(run: FleetRun, online: number, steady: number, from: number): HerdResult {
  const perSecond = totalPerSecond(run);
  const peak = peakRate(perSecond, from, run.seconds, PEAK_WINDOW_S);
  const arrivals = [...run.api.arrivals()];
  return {
    ratio: peak / steady,
    ratio1s: peakRate(perSecond, from, run.seconds, 1) / steady,
    peak,
    steady,
    refused: run.api.refused(),
    routes: Object.fromEntries(arrivals.map(([route, counts]) => [route, counts.reduce((a, b) => a + b, 0)])),
    online,
    perSecond,
    byRoute: Object.fromEntries(arrivals),
  };
}

async function runFleet(
  n: number,
  switchOnAt: (random: () => number) => number,
  seconds: number,
  script: (run: FleetRun) => Promise<void>,
  seed: number,
): Promise<{ run: FleetRun; online: number }> {
  const data = await fleetDataDir();
  const random = seededRandom(seed);
  const origin = Date.parse('2026-03-02T08:00:00+01:00'); // a Monday, Amsterdam
  const run = createFleet({ origin, seconds, switchOnAt: Array.from({ length: n }, () => switchOnAt(random)), dataDir: data.dir, seed });
  try {
    await script(run);
    const online = run.agents.filter((agent) => agent.state().connection.status === 'online').length;
    return { run, online };
  } finally {
    await stopFleet(run);
    await data.remove();
  }
}

/**
 * The outage: the fleet switches on over 5 minutes and settles (its first "Mijn meldingen" and
 * "Onderhoud" are spread over an hour after its first contact: hallo-api/follow-up.ts); the
 * steady rate is taken over the 10 quiet minutes after that; then the API refuses every
 * connection for 5 minutes (open event streams cut), comes back, and the peak is taken over the
 * 30 minutes after.
 */
export const OUTAGE = { quiet: [70 * 60, 80 * 60], downAt: 80 * 60, upAt: 85 * 60, end: 115 * 60 } as const;

export async function outage(n: number, seed = 1): Promise<HerdResult> {
  const { quiet, end } = OUTAGE;
  const downAt = OUTAGE.downAt * 1000;
  const upAt = OUTAGE.upAt * 1000;
  const { run, online } = await runFleet(n, (random) => random() * 5 * MINUTE, end, async (run) => {
    const origin = run.clock.now();
    await run.clock.runUntil(origin + downAt);
    run.api.down();
    await run.clock.runUntil(origin + upAt);
    run.api.up();
    await run.clock.runUntil(origin + end * 1000);
  }, seed);
  return resultOf(run, online, meanRate(totalPerSecond(run), quiet[0], quiet[1]), OUTAGE.upAt);
}

/**
 * How people switch on in the morning: between 08:15 and 08:45, most around 08:30: a triangular
 * distribution (08:15, mode 08:30, 08:45), its busiest moment 2/30 of the fleet a minute.
 */
export function morningSwitchOn(random: () => number): number {
  const u = random();
  const from = 15 * MINUTE;
  const width = 30 * MINUTE;
  return u < 0.5 ? from + width * Math.sqrt(u / 2) : from + width - width * Math.sqrt((1 - u) / 2);
}

/** The worst case: everyone at 08:30:00, within 60 s (uniform). */
export function allAtOnce(random: () => number): number {
  return 30 * MINUTE + random() * MINUTE;
}

/**
 * The morning: the run starts at 08:00 with every PC off and ends at 10:00 (the last first
 * "Mijn meldingen" and "Onderhoud" are asked by 09:45); the peak is taken over
 * the whole run and set against `steady`, the same fleet's quiet rate (from `outage`).
 */
export async function morning(n: number, steady: number, switchOn = morningSwitchOn, seed = 2): Promise<HerdResult> {
  const end = 120 * 60;
  const { run, online } = await runFleet(n, switchOn, end, (run) => run.clock.runUntil(run.clock.now() + end * 1000), seed);
  return resultOf(run, online, steady, 0);
}

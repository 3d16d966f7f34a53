import type { AgentOptions } from '../ports';

/**
 * What a capability asks of the API once the connection is first online in a run, while it has a
 * copy from before to show ("Mijn meldingen", "Onderhoud"), waits a random part of this. A fleet
 * switched on around 08:30 would otherwise ask for both with its first heartbeat: two calls more
 * per PC within the same minutes, and the morning's busiest seconds at half again the steady rate
 * on their own (tests/bench/fleet/). Nobody waits for it: the copy is on screen, "Vernieuwen" asks
 * at once, and a PC without a copy (just enrolled, the demo) asks at once too.
 */
export const FOLLOW_UP_SPREAD_MS = 60 * 60_000;

/** This run's wait for those first calls: a random part of the spread (none in the demo, or as the options say). */
export function followUpDelay(options: AgentOptions, random: () => number = Math.random): number {
  const spread = options.connection?.followUpSpreadMs ?? (options.demo ? 0 : FOLLOW_UP_SPREAD_MS);
  return Math.floor(random() * spread);
}

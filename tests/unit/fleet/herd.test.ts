import { describe, expect, it } from 'vitest';
import { allAtOnce, meanRate, morning, outage, OUTAGE, peakRate, type HerdResult } from '../../bench/fleet/herd';

// The bench's fleet (tests/bench/fleet/: the real connection code of every PC on one virtual
// clock) at 500 PCs: what makes herdPeakRatio hold, counted on the virtual clock. The bench runs
// 10 000 and reports the ratio; here the counts that give it, on a seeded fleet (the same every run).

const N = 500;
const MINUTE_S = 60;
let down: HerdResult;

describe('a fleet of 500 PCs', () => {
  it('comes back from a 5-minute API outage at the steady rate: one call per PC per interval, the streams spread', async () => {
    down = await outage(N);
    expect(down.online).toBe(N); // everyone back
    const quiet = meanRate(down.perSecond, ...OUTAGE.quiet);
    expect(quiet).toBeCloseTo(N / 300, 0); // the steady rate: a heartbeat per PC every 5 minutes
    // The ten minutes after the API is back carry no more calls than ten quiet ones (+10 %): the
    // reopened stream stands in for a heartbeat, and nothing else is asked again.
    const back = meanRate(down.perSecond, OUTAGE.upAt, OUTAGE.upAt + 10 * MINUTE_S);
    expect(back).toBeLessThanOrEqual(quiet * 1.1);
    // No minute after it above 1.5 × the steady rate (at 500 PCs a 10-s window is mostly noise).
    expect(peakRate(down.perSecond, OUTAGE.upAt, OUTAGE.end, MINUTE_S)).toBeLessThanOrEqual(1.5 * quiet);
    // Every PC reopened its stream once, and asked for nothing else (no policy, list or upkeep again).
    expect(down.routes['GET /events']).toBe(2 * N);
    expect(down.routes['GET /tickets']).toBe(N);
    expect(down.routes['GET /maintenance']).toBe(N);
    expect(down.routes['GET /policy']).toBeUndefined();
  }, 120_000);

  it('on a Monday morning (switched on 08:15–08:45, most at 08:30) stays within 1.5 × the steady rate', async () => {
    const monday = await morning(N, down.steady);
    expect(monday.online).toBe(N);
    expect(peakRate(monday.perSecond, 0, 120 * MINUTE_S, MINUTE_S)).toBeLessThanOrEqual(1.5 * down.steady);
    // "Mijn meldingen" and "Onderhoud" were asked once per PC, spread over an hour after its first
    // contact: in their busiest minute at a fifth of the steady rate, where asked with the first
    // contact they would follow the switching on (a third of the steady rate at 08:30).
    for (const route of ['GET /tickets', 'GET /maintenance']) {
      expect(monday.routes[route]).toBe(N);
      expect(peakRate(monday.byRoute[route]!, 0, 120 * MINUTE_S, MINUTE_S)).toBeLessThanOrEqual(0.2 * down.steady);
    }
  }, 120_000);

  it('all at 08:30 within a minute: everyone online, and no minute above twice the steady rate', async () => {
    const rush = await morning(N, down.steady, allAtOnce, 3);
    expect(rush.online).toBe(N);
    expect(peakRate(rush.perSecond, 0, 120 * MINUTE_S, MINUTE_S)).toBeLessThanOrEqual(2 * down.steady);
  }, 120_000);
});

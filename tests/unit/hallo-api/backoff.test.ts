import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay, pacedDelay } from '../../../electron/agent/hallo-api/backoff';

const MINUTE = 60_000;

describe('backoffDelay', () => {
  it('draws from [0, base·2^attempt] (full jitter) and stops growing at the 15 minute cap', () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, undefined, { random: top })).toBe(999);
    expect(backoffDelay(1, undefined, { random: top })).toBe(1_999);
    expect(backoffDelay(5, undefined, { random: top })).toBe(31_999);
    expect(backoffDelay(10, undefined, { random: top })).toBe(Math.floor(0.999999 * 15 * MINUTE));
    expect(backoffDelay(1_000, undefined, { random: top })).toBe(Math.floor(0.999999 * 15 * MINUTE));
    expect(backoffDelay(4, undefined, { random: () => 0.5 })).toBe(8_000);
  });

  it('never returns a zero wait, so bad luck cannot become a tight loop', () => {
    expect(backoffDelay(0, undefined, { random: () => 0 })).toBeGreaterThan(0);
    expect(backoffDelay(3, 0, { random: () => 0 })).toBeGreaterThan(0);
  });

  it('takes the larger of the jittered wait and Retry-After', () => {
    expect(backoffDelay(0, 30_000, { random: () => 0.5 })).toBe(30_000);
    expect(backoffDelay(12, 2_000, { random: () => 0.5 })).toBe(7.5 * MINUTE);
  });

  it('bounds an absurd Retry-After to a day', () => {
    expect(backoffDelay(0, 365 * 24 * 60 * MINUTE, { random: () => 0.5 })).toBe(24 * 60 * MINUTE);
  });

  it('honours custom base and cap', () => {
    expect(backoffDelay(3, undefined, { baseMs: 100, capMs: 500, random: () => 0.999 })).toBe(499);
  });
});

describe('Backoff', () => {
  it('grows with each failure and starts again after reset', () => {
    const backoff = new Backoff({ random: () => 0.999 });
    const waits = [backoff.next(), backoff.next(), backoff.next()];
    expect(waits).toEqual([999, 1_998, 3_996]);
    expect(backoff.failures).toBe(3);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.next()).toBe(999);
  });

  it('passes Retry-After through', () => {
    const backoff = new Backoff({ random: () => 0.1 });
    expect(backoff.next(120_000)).toBe(120_000);
  });
});

describe('pacedDelay (the heartbeat\'s retries)', () => {
  const PACE = 5 * MINUTE;
  const draws = [0, 0.25, 0.5, 0.75, 0.999999];

  it('is never sooner than the pace less 10 %, grows by doubling, and never beyond the 15-minute cap plus 10 %', () => {
    for (let attempt = 0; attempt < 60; attempt++) {
      for (const r of draws) {
        const wait = pacedDelay(attempt, PACE, undefined, { random: () => r });
        expect(wait).toBeGreaterThanOrEqual(0.9 * PACE);
        expect(wait).toBeLessThanOrEqual(1.1 * 15 * MINUTE);
      }
    }
    const middle = (attempt: number) => pacedDelay(attempt, PACE, undefined, { random: () => 0.5 });
    expect([0, 1, 2, 3, 40].map(middle)).toEqual([5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
  });

  it('a pace longer than the cap is the cap', () => {
    expect(pacedDelay(3, 30 * MINUTE, undefined, { random: () => 0.5 })).toBe(30 * MINUTE);
  });

  it('honours a longer Retry-After and adds a random part of one pace, so PCs told the same do not come back together', () => {
    expect(pacedDelay(0, PACE, 60 * MINUTE, { random: () => 0 })).toBe(60 * MINUTE);
    expect(pacedDelay(0, PACE, 60 * MINUTE, { random: () => 0.5 })).toBe(60 * MINUTE + 2.5 * MINUTE);
    // Spread over the whole pace: a thousand PCs told "60 minutes" come back over 5 minutes, at the steady rate.
    const waits = Array.from({ length: 1000 }, (_, i) => pacedDelay(0, PACE, 60 * MINUTE, { random: () => i / 1000 }));
    expect(Math.min(...waits)).toBe(60 * MINUTE);
    expect(Math.max(...waits)).toBeGreaterThan(60 * MINUTE + 0.99 * PACE);
    // A shorter Retry-After than the pace changes nothing; an absurd one is a day.
    expect(pacedDelay(0, PACE, 30_000, { random: () => 0.5 })).toBe(PACE);
    expect(pacedDelay(0, PACE, 365 * 24 * 60 * MINUTE, { random: () => 0 })).toBe(24 * 60 * MINUTE);
  });

  it('Backoff.nextPaced counts failures with next() and starts again after reset', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    expect([backoff.nextPaced(PACE), backoff.nextPaced(PACE)]).toEqual([5 * MINUTE, 10 * MINUTE]);
    expect(backoff.failures).toBe(2);
    backoff.reset();
    expect(backoff.nextPaced(PACE)).toBe(5 * MINUTE);
  });
});

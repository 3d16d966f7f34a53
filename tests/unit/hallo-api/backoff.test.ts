import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from '../../../electron/agent/hallo-api/backoff';

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

import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../doubles/fake-clock';

// The suite's one clock: if it ran timers early, late or out of order, every test on it would lie.
describe('the fake clock', () => {
  it('runs each due timer at its time, in order, also those set on the way; not the later ones', async () => {
    const clock = createFakeClock(1_000);
    const ran: [string, number][] = [];
    clock.setTimeout(() => ran.push(['b', clock.now()]), 300);
    clock.setTimeout(() => {
      ran.push(['a', clock.now()]);
      clock.setTimeout(() => ran.push(['a+50', clock.now()]), 50);
    }, 100);
    const cancelled = clock.setTimeout(() => ran.push(['cancelled', clock.now()]), 200);
    clock.clearTimeout(cancelled);
    clock.setTimeout(() => ran.push(['late', clock.now()]), 400);
    await clock.advance(300);
    expect(ran).toEqual([
      ['a', 1_100],
      ['a+50', 1_150],
      ['b', 1_300],
    ]);
    expect(clock.now()).toBe(1_300);
    expect(clock.pending()).toEqual([100]);
  });

  it('lets the promises a timer starts settle before the next one runs', async () => {
    const clock = createFakeClock();
    const seen: string[] = [];
    clock.setTimeout(() => void Promise.resolve().then(() => seen.push('first, settled')), 10);
    clock.setTimeout(() => seen.push('second'), 20);
    await clock.advance(20);
    expect(seen).toEqual(['first, settled', 'second']);
  });

  it('runAll runs until nothing waits, and refuses a timer that keeps setting itself', async () => {
    const clock = createFakeClock(0);
    let count = 0;
    const again = () => {
      if (++count < 3) clock.setTimeout(again, 60_000);
    };
    clock.setTimeout(again, 60_000);
    await clock.runAll();
    expect([count, clock.now(), clock.pending()]).toEqual([3, 180_000, []]);

    const forever = () => void clock.setTimeout(forever, 1);
    forever();
    await expect(clock.runAll(5)).rejects.toThrow('still 1 timer(s) after 5');
  });

  it('in real time, a short wait passes by itself and advance jumps a long one', async () => {
    const clock = createFakeClock({ realTime: true });
    const short = new Promise<void>((resolve) => clock.setTimeout(resolve, 5)); // no advance: the wall clock runs it
    let long = false;
    clock.setTimeout(() => (long = true), 300_000);
    await short;
    expect(long).toBe(false);
    await clock.advance(300_000);
    expect(long).toBe(true);
    expect(clock.pending()).toEqual([]);
  });
});

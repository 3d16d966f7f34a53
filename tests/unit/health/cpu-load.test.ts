import { describe, expect, it } from 'vitest';
import { createCpuLoad } from '../../../electron/agent/health/cpu-load';

describe('cpu load from the kernel counters', () => {
  it('is the busy share of the time since the previous reading', () => {
    const readings = [
      { idle: 900, total: 1000 }, // since boot: 10 % busy
      { idle: 1200, total: 2000 }, // then 700 of 1000 busy
      { idle: 1200, total: 2000 }, // no time passed: 0, not NaN
    ];
    const load = createCpuLoad(() => readings.shift()!);
    expect(load()).toBeCloseTo(10);
    expect(load()).toBeCloseTo(70);
    expect(load()).toBe(0);
  });

  it('reads this machine without spawning anything and stays within 0..100', () => {
    const load = createCpuLoad();
    for (let i = 0; i < 3; i++) {
      const value = load();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
  });
});

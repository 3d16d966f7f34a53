import { readFileSync } from 'node:fs';
import type * as os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { createCpuLoad } from '../../../electron/agent/health/cpu-load';

// Two real readings of os.cpus(), their source beside them in the fixture.
const recorded = JSON.parse(readFileSync('tests/fixtures/health/cpus-linux-debian12.json', 'utf8')) as { before: os.CpuInfo[]; after: os.CpuInfo[] };
const cpus = vi.hoisted(() => ({ readings: [] as os.CpuInfo[][] }));
vi.mock('node:os', async (original) => ({ ...(await original<typeof os>()), cpus: () => cpus.readings.shift()! }));

describe('cpu load from the kernel counters', () => {
  it('is the busy share of the time since the previous reading', () => {
    const readings = [
      { idle: 900, total: 1000 }, // since boot: 10 % busy
      { idle: 1200, total: 2000 }, // then 700 of 1000 busy
      { idle: 1200, total: 2000 }, // no time passed: 0, not NaN
    ];
    const load = createCpuLoad(() => readings.shift()!);
    expect(load()).toBeCloseTo(10, 9);
    expect(load()).toBeCloseTo(70, 9);
    expect(load()).toBe(0);
  });

  it('reads every core of a recorded machine: user, nice, sys and irq are busy, idle is not', () => {
    cpus.readings.push(recorded.before, recorded.after);
    const load = createCpuLoad();
    // Since boot: 344 770 ms idle of 1 211 780 ms on the two cores together.
    expect(load()).toBeCloseTo((1 - 344_770 / 1_211_780) * 100, 9);
    // The 3 s between: 20 ms idle of 6 010 ms, a busy build machine.
    expect(load()).toBeCloseTo((1 - 20 / 6_010) * 100, 9);
  });

  it('counters that go backwards (a core taken offline) read as 0 or 100, never beyond', () => {
    const readings = [
      { idle: 500, total: 1000 },
      { idle: 400, total: 1100 }, // idle fell by 100 while 100 passed: 200 % busy by the formula
      { idle: 800, total: 1000 }, // total fell: no time passed that can be judged
    ];
    const load = createCpuLoad(() => readings.shift()!);
    expect(load()).toBe(50);
    expect(load()).toBe(100);
    expect(load()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../electron/contract';
import { appendHistory, compactHistory, HISTORY_MAX_POINTS, historyPoint } from '../../../electron/agent/health/history';
import { systemDisk, systemMount } from '../../../electron/agent/health/system-disk';
import type { HealthSnapshot } from '../../../electron/agent/health/collect';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const point = (minutesAgo: number, cpu: number | null, memory: number | null = 50, disk: number | null = 40): HistoryPoint => ({
  at: iso(NOW - minutesAgo * MIN),
  cpuLoadPercent: cpu,
  memoryUsedPercent: memory,
  diskFreePercent: disk,
});
/** A point as [minutes before NOW, cpu, memory, disk]. */
const row = (p: HistoryPoint) => [(NOW - Date.parse(p.at)) / MIN, p.cpuLoadPercent, p.memoryUsedPercent, p.diskFreePercent];

describe('24 hours of health history: downsampling', () => {
  it.each([
    {
      name: 'the last hour keeps every sample',
      points: [point(60, 10), point(30, 20), point(1, 30), point(0, 40)],
      kept: [[60, 10, 50, 40], [30, 20, 50, 40], [1, 30, 50, 40], [0, 40, 50, 40]],
    },
    {
      name: 'a 5-minute bucket wholly older than an hour becomes its mean, at the bucket start',
      points: [point(74, 10, 60, 41), point(73, 20, 70, 40), point(71, 30, 80, 39), point(10, 5)],
      kept: [[75, 20, 70, 40], [10, 5, 50, 40]],
    },
    {
      name: 'figures that were not measured stay out of the mean; a bucket with none is null',
      points: [point(90, null, null, 30), point(89, 40, null, null), point(88, 60, null, 31)],
      kept: [[90, 50, null, 30.5]],
    },
    {
      name: 'each bucket on its own, oldest first',
      points: [point(200, 10), point(194, 30), point(190, 90), point(121, 7)],
      kept: [[200, 10, 50, 40], [195, 30, 50, 40], [190, 90, 50, 40], [125, 7, 50, 40]],
    },
    {
      name: 'points older than 24 hours and points after now are dropped',
      points: [point(24 * 60, 1), point(24 * 60 - 5, 2), point(-1, 3)],
      kept: [[24 * 60 - 5, 2, 50, 40]],
    },
    {
      name: 'the mean keeps one decimal',
      points: [point(100, 10), point(99, 10), point(98, 11)],
      kept: [[100, 10.3, 50, 40]],
    },
  ])('$name', ({ points, kept }) => {
    expect(compactHistory(points, NOW).map(row)).toEqual(kept);
  });

  it('a bucket that reaches into the last hour waits whole, so no average mixes old and new', () => {
    // At 12:02 the last hour starts at 11:02; 10:58 and 10:59 are in a closed bucket, 11:00:30 and 11:01 in one still open.
    const points = [point(62, 10), point(61, 20), point(59.5, 30), point(59, 40)];
    expect(compactHistory(points, NOW + 2 * MIN).map(row)).toEqual([[65, 15, 50, 40], [59.5, 30, 50, 40], [59, 40, 50, 40]]);
  });

  it('averaging again changes nothing: an averaged bucket is its own mean', () => {
    const once = compactHistory([point(74, 10), point(73, 25), point(72, 31)], NOW);
    expect(compactHistory(once, NOW + 30 * MIN)).toEqual(once);
  });

  it('appending drops points at or after the new one (a clock that went back)', () => {
    const history = [point(10, 1), point(5, 2), point(2, 3)];
    const appended = appendHistory(history, point(5, 9));
    expect(appended.map(row)).toEqual([[10, 1, 50, 40], [5, 9, 50, 40]]);
  });

  const samples = (from: number, to: number, everyMs: number) =>
    Array.from({ length: Math.floor((to - from) / everyMs) + 1 }, (_, i) => ({
      at: iso(from + i * everyMs),
      cpuLoadPercent: 12.5,
      memoryUsedPercent: 50,
      diskFreePercent: 40,
    }));

  it('three days of samples at the default rate (a minute) keep one day: the 5-minute means, then the last hour', () => {
    let history: HistoryPoint[] = [];
    for (const sample of samples(NOW - 3 * 24 * 60 * MIN, NOW, MIN)) history = appendHistory(history, sample);
    expect(history[0]!.at).toBe(iso(NOW - 24 * 60 * MIN + 5 * MIN));
    expect(history.filter((p) => Date.parse(p.at) < NOW - 60 * MIN)).toHaveLength(23 * 12 - 1);
    expect(history.filter((p) => Date.parse(p.at) >= NOW - 60 * MIN)).toHaveLength(61);
    expect(history.at(-1)!.at).toBe(iso(NOW));
  });

  it('at the fastest rate (every 5 s) it stays within its point count and under 1 MB as JSON', () => {
    const from = NOW - 26 * 60 * MIN;
    let history = compactHistory(samples(from, from + 24 * 60 * MIN, 5000), from + 24 * 60 * MIN);
    for (const sample of samples(from + 24 * 60 * MIN + 5000, NOW, 5000)) {
      history = appendHistory(history, sample);
      expect(history.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    }
    expect(history[0]!.at).toBe(iso(NOW - 24 * 60 * MIN + 5 * MIN));
    expect(history.filter((p) => Date.parse(p.at) >= NOW - 60 * MIN)).toHaveLength(60 * 12 + 1);
    expect(JSON.stringify({ version: 1, points: history }).length).toBeLessThan(1024 * 1024);
  });
});

describe('the history point', () => {
  const snapshot = (disks: HealthSnapshot['disks']): HealthSnapshot =>
    ({
      at: NOW,
      cpu: { value: { loadPercent: 12.345 } },
      memory: { value: { usedBytes: 3, totalBytes: 8 } },
      disks,
      uptime: { value: { seconds: 1 } },
      smart: { value: [] },
      battery: { value: null },
    }) as HealthSnapshot;

  it("carries the system disk's free percent, other disks aside", () => {
    const disks = { value: [{ mount: 'D:', sizeBytes: 100, freeBytes: 90 }, { mount: 'C:', sizeBytes: 400, freeBytes: 33 }] };
    expect(historyPoint(snapshot(disks), 'C:')).toEqual({ at: iso(NOW), cpuLoadPercent: 12.3, memoryUsedPercent: 37.5, diskFreePercent: 8.3 });
  });

  it('null where the system disk was not measured', () => {
    expect(historyPoint(snapshot({ error: 'timeout' }), '/').diskFreePercent).toBeNull();
    expect(historyPoint(snapshot({ value: [{ mount: '/home', sizeBytes: 10, freeBytes: 5 }] }), '/').diskFreePercent).toBeNull();
  });

  it.each([
    ['win32', undefined, 'C:'],
    ['win32', 'D:', 'D:'],
    ['win32', 'e:', 'E:'],
    ['win32', 'C:\\Windows', 'C:'], // not a drive: the default
    ['linux', 'D:', '/'],
    ['darwin', undefined, '/'],
  ] as const)('the system disk on %s (SystemDrive %s) is %s', (platform, drive, mount) => {
    expect(systemMount(platform, drive)).toBe(mount);
  });

  it("finds Windows' drive letter in any case, with or without its backslash", () => {
    expect(systemDisk([{ mount: 'c:\\' }], 'C:')).toEqual({ mount: 'c:\\' });
    expect(systemDisk([{ mount: '/boot' }], '/')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../electron/contract';
import { historySeries, sparkPath } from '../../../electron/contract/sparkline';

const at = (x: number, value: number | null) => ({ x, value });

describe('sparkline path', () => {
  it('places samples by their x over the width, 100 % at the top', () => {
    expect(sparkPath([at(0, 0), at(0.5, 50), at(1, 100)], 100, 40)).toBe('M0 40L50 20L100 0');
    expect(sparkPath([at(0.9, 50), at(1, 50)], 100, 40)).toBe('M90 20L100 20');
  });
  it('breaks the line at a missing sample and clamps nonsense', () => {
    expect(sparkPath([at(0, 10), at(1 / 3, null), at(2 / 3, 250), at(1, -5)], 30, 10)).toBe('M0 9M20 0L30 10');
  });
  it('draws nothing without samples', () => {
    expect(sparkPath([], 100, 40)).toBe('');
  });
});

describe('a history figure on the 24-hour axis', () => {
  const point = (iso: string, cpu: number | null): HistoryPoint => ({ at: iso, cpuLoadPercent: cpu, memoryUsedPercent: null });
  const to = Date.parse('2026-03-02T12:00:00Z');
  const from = to - 24 * 3_600_000;

  it('places each point by its time, and breaks the line where the PC was off for more than 15 minutes', () => {
    const history = [
      point('2026-03-01T12:00:00.000Z', 10),
      point('2026-03-01T12:05:00.000Z', 20),
      point('2026-03-02T11:50:00.000Z', 30), // the next morning: switched off overnight
      point('2026-03-02T12:00:00.000Z', 40),
    ];
    const series = historySeries(history, 'cpuLoadPercent', from, to);
    expect(sparkPath(series, 240, 100)).toBe('M0 90L0.8 80M238.3 70L240 60');
    expect(series.at(-1)).toEqual({ x: 1, value: 40 });
  });
});

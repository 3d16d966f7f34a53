import { describe, expect, it } from 'vitest';
import type { HistoryPoint, StatusItem } from '../../../electron/contract';
import type { HealthSnapshot } from '../../../electron/agent/health/collect';
import {
  DEFAULT_THRESHOLDS,
  evaluate as evaluateIn,
  healthSummary,
  type HealthThresholds,
  resolveThresholds,
} from '../../../electron/agent/health/rules';
import { testState } from './helpers';

const GB = 1024 ** 3;
const AT = Date.parse('2026-03-02T10:00:00Z');

function snapshot(over: Partial<HealthSnapshot> = {}): HealthSnapshot {
  return {
    at: AT,
    cpu: { value: { loadPercent: 12 } },
    memory: { value: { totalBytes: 16 * GB, usedBytes: 8 * GB } },
    disks: { value: [{ mount: 'C:', sizeBytes: 500 * GB, freeBytes: 250 * GB }] },
    uptime: { value: { seconds: 3600 } },
    battery: { value: null },
    smart: { value: [] },
    ...over,
  };
}
// Windows' GB (2^30 bytes), as GB above; the decimal platforms have their own test below.
const evaluate = (s: HealthSnapshot, t: HealthThresholds, h: readonly HistoryPoint[]) => evaluateIn(s, t, h, 'binary');
const byId = (items: StatusItem[], id: string) => items.find((i) => i.id === id);
const disk = (sizeGb: number, freeBytes: number) => snapshot({ disks: { value: [{ mount: '/', sizeBytes: sizeGb * GB, freeBytes }] } });
const diskItem = (s: HealthSnapshot, t = DEFAULT_THRESHOLDS) => byId(evaluate(s, t, []), 'disk-space:/')!;

describe('disk space', () => {
  it('reports each fixed disk with its figures', () => {
    const items = evaluate(
      snapshot({ disks: { value: [{ mount: 'C:', sizeBytes: 500 * GB, freeBytes: 123.45 * GB }, { mount: 'D:', sizeBytes: 1000 * GB, freeBytes: 900 * GB }] } }),
      DEFAULT_THRESHOLDS,
      [],
    );
    expect(byId(items, 'disk-space:C:')).toEqual({
      id: 'disk-space:C:',
      check: 'disk-space',
      severity: 'ok',
      code: 'health.disk-space.ok',
      params: { mount: 'C:', freeGb: 123.5, freePercent: 25, sizeGb: 500 },
    });
    expect(byId(items, 'disk-space:D:')?.severity).toBe('ok');
  });

  // A 1000 GB disk: the percent arm decides (10 % = 100 GB, 5 % = 50 GB, both far above the GB marks).
  it.each([
    [100 * GB, 'ok', 'health.disk-space.ok'],
    [100 * GB - 1, 'attention', 'health.disk-space.low'],
    [50 * GB, 'attention', 'health.disk-space.low'],
    [50 * GB - 1, 'problem', 'health.disk-space.critical'],
  ])('percent arm: %d bytes free of 1000 GB is %s', (free, severity, code) => {
    const item = diskItem(disk(1000, free));
    expect(item.severity).toBe(severity);
    expect(item.code).toBe(code);
  });

  // A 30 GB disk: 5 GB is 16.7 % and 2 GB is 6.7 %, so the GB arm decides.
  it.each([
    [5 * GB, 'ok'],
    [5 * GB - 1, 'attention'],
    [2 * GB, 'attention'],
    [2 * GB - 1, 'problem'],
  ])('GB arm: %d bytes free of 30 GB is %s', (free, severity) => {
    expect(diskItem(disk(30, free)).severity).toBe(severity);
  });

  it('follows the policy thresholds instead of the defaults', () => {
    const s = disk(1000, 150 * GB); // 15 % free: fine by default
    expect(diskItem(s).severity).toBe('ok');
    expect(diskItem(s, resolveThresholds({ diskAttentionPercent: 20 })).severity).toBe('attention');
    expect(diskItem(s, resolveThresholds({ diskProblemGb: 200 })).severity).toBe('problem');
  });

  // Issue 7.4: "5 GB" in the policy is the GB the employee sees, so the message and the mark agree.
  it('counts the figures and the GB marks in the PC\'s own GB: 2^30 bytes on Windows, 10^9 elsewhere', () => {
    const s = snapshot({ disks: { value: [{ mount: '/', sizeBytes: 30e9, freeBytes: 5.2e9 }] } }); // 17 % free
    expect(byId(evaluateIn(s, DEFAULT_THRESHOLDS, [], 'decimal'), 'disk-space:/')).toMatchObject({
      severity: 'ok',
      params: { freeGb: 5.2, sizeGb: 30 },
    });
    expect(byId(evaluateIn(s, DEFAULT_THRESHOLDS, [], 'binary'), 'disk-space:/')).toMatchObject({
      severity: 'attention',
      params: { freeGb: 4.8, sizeGb: 27.9 },
    });
  });

  it('a failed disk probe gives one unknown item with the reason', () => {
    expect(evaluate(snapshot({ disks: { error: 'timeout' } }), DEFAULT_THRESHOLDS, []).filter((i) => i.check === 'disk-space')).toEqual([
      { id: 'disk-space', check: 'disk-space', severity: 'unknown', code: 'health.unknown', params: { reason: 'timeout' } },
    ]);
  });
});

describe('memory pressure', () => {
  const mem = (percent: number) => ({ value: { totalBytes: 100 * GB, usedBytes: percent * GB } });
  const history = (minutesAgo: number[], percent: number | null): HistoryPoint[] =>
    minutesAgo.map((m) => ({ at: new Date(AT - m * 60_000).toISOString(), cpuLoadPercent: 1, memoryUsedPercent: percent }));

  it('high memory for a moment is not pressure yet', () => {
    const item = byId(evaluate(snapshot({ memory: mem(95) }), DEFAULT_THRESHOLDS, history([3, 2, 1], 95)), 'memory')!;
    expect(item).toMatchObject({ severity: 'ok', code: 'health.memory.ok', params: { usedPercent: 95, minutes: 3 } });
  });

  it('becomes pressure once it has lasted memorySustainedMinutes', () => {
    const nine = evaluate(snapshot({ memory: mem(90) }), DEFAULT_THRESHOLDS, history([9, 6, 3], 90));
    expect(byId(nine, 'memory')?.severity).toBe('ok');
    const ten = evaluate(snapshot({ memory: mem(90) }), DEFAULT_THRESHOLDS, history([10, 5], 90));
    expect(byId(ten, 'memory')).toEqual({
      id: 'memory',
      check: 'memory',
      severity: 'attention',
      code: 'health.memory.pressure',
      params: { usedPercent: 90, minutes: 10 },
    });
  });

  it('one sample below the mark resets the run', () => {
    const points = [...history([20, 15], 95), ...history([5], 80), ...history([2], 95)];
    expect(byId(evaluate(snapshot({ memory: mem(95) }), DEFAULT_THRESHOLDS, points), 'memory')).toMatchObject({
      severity: 'ok',
      params: { minutes: 2 },
    });
  });

  it('below the mark now is ok whatever came before', () => {
    expect(byId(evaluate(snapshot({ memory: mem(89) }), DEFAULT_THRESHOLDS, history([30, 20, 10], 99)), 'memory')?.severity).toBe('ok');
  });

  it('follows the policy mark and duration', () => {
    const t = resolveThresholds({ memoryAttentionPercent: 70, memorySustainedMinutes: 2 });
    expect(byId(evaluate(snapshot({ memory: mem(75) }), t, history([2], 75)), 'memory')?.severity).toBe('attention');
  });

  it('ignores history points at or after the sample (the sample itself may be in it)', () => {
    const points = [...history([10], 95), ...history([0], 95)];
    expect(byId(evaluate(snapshot({ memory: mem(95) }), DEFAULT_THRESHOLDS, points), 'memory')?.severity).toBe('attention');
    expect(byId(evaluate(snapshot({ memory: mem(95) }), DEFAULT_THRESHOLDS, history([-20, 0], 95)), 'memory')?.severity).toBe('ok');
  });
});

describe('uptime, SMART, battery', () => {
  const DAY = 86_400;
  it.each([
    [14 * DAY - 1, 'ok', 13],
    [14 * DAY, 'attention', 14],
  ])('uptime %d s is %s', (seconds, severity, days) => {
    expect(byId(evaluate(snapshot({ uptime: { value: { seconds } } }), DEFAULT_THRESHOLDS, []), 'uptime')).toMatchObject({
      severity,
      code: severity === 'ok' ? 'health.uptime.ok' : 'health.uptime.long',
      params: { days },
    });
  });

  it('a short uptime mark from the policy says hours, never "0 days"', () => {
    const t = resolveThresholds({ uptimeAttentionDays: 0.5 });
    expect(byId(evaluate(snapshot({ uptime: { value: { seconds: 13 * 3600 } } }), t, []), 'uptime')).toMatchObject({ severity: 'attention', code: 'health.uptime.long-hours', params: { hours: 13 } });
    expect(byId(evaluate(snapshot({ uptime: { value: { seconds: 2 * DAY + 60 } } }), t, []), 'uptime')).toMatchObject({ code: 'health.uptime.long', params: { days: 2 } });
  });

  it('uptime mark from the policy', () => {
    const t = resolveThresholds({ uptimeAttentionDays: 7 });
    expect(byId(evaluate(snapshot({ uptime: { value: { seconds: 8 * DAY } } }), t, []), 'uptime')?.severity).toBe('attention');
  });

  it('one SMART item per disk with a verdict; predicted failure is a problem', () => {
    const items = evaluate(
      snapshot({ smart: { value: [{ index: 0, disk: 'Samsung SSD', failing: false }, { index: 2, disk: 'WDC HDD', failing: true }] } }),
      DEFAULT_THRESHOLDS,
      [],
    );
    expect(items.filter((i) => i.check === 'smart')).toEqual([
      { id: 'smart:0', check: 'smart', severity: 'ok', code: 'health.smart.ok', params: { disk: 'Samsung SSD' } },
      { id: 'smart:2', check: 'smart', severity: 'problem', code: 'health.smart.failing', params: { disk: 'WDC HDD' } },
    ]);
  });

  it.each([
    [60, 'ok', 'health.battery.ok'],
    [59, 'attention', 'health.battery.worn'],
  ])('battery at %d %% health is %s', (healthPercent, severity, code) => {
    const item = byId(evaluate(snapshot({ battery: { value: { percent: 50, charging: false, healthPercent } } }), DEFAULT_THRESHOLDS, []), 'battery');
    expect(item).toEqual({ id: 'battery', check: 'battery', severity, code, params: { healthPercent } });
  });

  it('no battery, no item; unknown health is not wear', () => {
    expect(evaluate(snapshot(), DEFAULT_THRESHOLDS, []).some((i) => i.check === 'battery')).toBe(false);
    const item = byId(evaluate(snapshot({ battery: { value: { percent: 50, charging: true, healthPercent: null } } }), DEFAULT_THRESHOLDS, []), 'battery');
    expect(item).toMatchObject({ severity: 'ok', params: {} });
  });

  it('each failed probe gives its own unknown item, the others stay', () => {
    const items = evaluate(
      snapshot({ memory: { error: 'error' }, uptime: { error: 'timeout' }, smart: { error: 'unsupported' }, battery: { error: 'error' } }),
      DEFAULT_THRESHOLDS,
      [],
    );
    expect(items.map((i) => [i.id, i.severity, i.code === 'health.unknown' ? i.params.reason : null])).toEqual([
      ['disk-space:C:', 'ok', null],
      ['memory', 'unknown', 'error'],
      ['uptime', 'unknown', 'timeout'],
      ['smart', 'unknown', 'unsupported'],
      ['battery', 'unknown', 'error'],
    ]);
  });
});

describe('thresholds', () => {
  it('defaults as agreed', () => {
    expect(resolveThresholds(undefined)).toEqual({
      diskAttentionPercent: 10,
      diskAttentionGb: 5,
      diskProblemPercent: 5,
      diskProblemGb: 2,
      memoryAttentionPercent: 90,
      memorySustainedMinutes: 10,
      uptimeAttentionDays: 14,
      batteryHealthAttentionPercent: 60,
    });
  });
  it('memorySustainedMinutes is clamped to the hour of history, so pressure can still show', () => {
    expect(resolveThresholds({ memorySustainedMinutes: 240 }).memorySustainedMinutes).toBe(60);
    expect(resolveThresholds({ memorySustainedMinutes: 45 }).memorySustainedMinutes).toBe(45);
    // A full hour at 95 % with a policy asking for four hours: the whole history is over the mark.
    const hour: HistoryPoint[] = Array.from({ length: 60 }, (_, i) => ({
      at: new Date(AT - (60 - i) * 60_000).toISOString(),
      cpuLoadPercent: 1,
      memoryUsedPercent: 95,
    }));
    const memory = { value: { totalBytes: 100 * GB, usedBytes: 95 * GB } };
    const item = byId(evaluate(snapshot({ memory }), resolveThresholds({ memorySustainedMinutes: 240 }), hour), 'memory');
    expect(item).toMatchObject({ severity: 'attention', code: 'health.memory.pressure', params: { minutes: 60 } });
  });

  it('policy fields override, nonsense keeps the default', () => {
    const t = resolveThresholds({ diskAttentionGb: 20, uptimeAttentionDays: Number.NaN, memoryAttentionPercent: -1 } as never);
    expect(t).toMatchObject({ diskAttentionGb: 20, uptimeAttentionDays: 14, memoryAttentionPercent: 90, diskProblemGb: 2 });
  });
});

describe('heartbeat summary', () => {
  it('rounds the figures and carries the overall state', () => {
    const state = testState();
    state.overall = 'attention';
    state.health.figures = {
      cpuLoadPercent: 12.6,
      memory: { usedBytes: 2, totalBytes: 3 },
      disks: [{ mount: 'C:', label: 'Windows', sizeBytes: 100, freeBytes: 40 }],
      uptimeSeconds: 100.4,
      battery: { percent: 79.6, charging: false, healthPercent: 56 },
    };
    expect(healthSummary(state)).toEqual({
      overall: 'attention',
      cpuLoadPercent: 13,
      memoryUsedPercent: 67,
      disks: [{ mount: 'C:', sizeBytes: 100, freeBytes: 40 }],
      uptimeSeconds: 100,
      battery: { percent: 80, charging: false, healthPercent: 56 },
    });
  });
  it('the API knows no "checking": nothing measured yet goes out as attention', () => {
    expect(healthSummary({ ...testState(), overall: 'checking' }).overall).toBe('attention');
  });
  it('before the first sample everything is null', () => {
    expect(healthSummary(testState())).toEqual({
      overall: 'ok',
      cpuLoadPercent: null,
      memoryUsedPercent: null,
      disks: [],
      uptimeSeconds: null,
      battery: null,
    });
  });
});

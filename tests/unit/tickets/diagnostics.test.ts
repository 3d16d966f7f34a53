import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../../electron/contract';
import type { LogEntry } from '../../../electron/agent/log';
import { healthDiagnostics } from '../../../electron/agent/health/diagnostics';
import { buildDiagnostics, checkDiagnostics } from '../../../electron/agent/tickets/diagnostics';
import { createMasker } from '../../../electron/agent/platform/mask';
import { topProcesses } from '../../../electron/agent/tickets/processes';
import { device } from './device';

const mask = createMasker({ username: 'anna', home: '/home/anna' });
const winMask = createMasker({ username: 'a.devries', home: 'C:\\Users\\Anna.DeVries' });

function state(): Pick<AgentState, 'overall' | 'health'> {
  const history = Array.from({ length: 60 }, (_, i) => ({
    at: new Date(Date.parse('2025-03-03T08:00:00Z') + i * 60_000).toISOString(),
    cpuLoadPercent: 12.345678,
    memoryUsedPercent: 61.98765,
  }));
  return {
    overall: 'attention',
    health: {
      collectedAt: '2025-03-03T09:00:00.000Z',
      items: [
        { id: 'disk-space:/home/anna', check: 'disk-space', severity: 'attention', code: 'health.disk-space.low', params: { mount: '/home/anna', freeGb: 3 } },
        { id: 'memory', check: 'memory', severity: 'ok', code: 'health.memory.ok', params: { usedPercent: 61 } },
      ],
      figures: { cpuLoadPercent: 12.3, memory: { usedBytes: 9e9, totalBytes: 16e9 }, disks: [{ mount: '/', sizeBytes: 5e11, freeBytes: 1e11 }, { mount: '/media/anna/STICK', sizeBytes: 3.2e10, freeBytes: 1e10 }], uptimeSeconds: 3600.4, battery: null },
      history,
    },
  };
}

const recent: LogEntry[] = [
  { at: '2025-03-03T08:59:00.000Z', level: 'warn', scope: 'health', msg: 'health probe failed', data: { id: 'smart:0', reason: 'timeout' } },
  { at: '2025-03-03T08:59:30.000Z', level: 'error', scope: 'settings', msg: 'could not write /home/anna/.config/hallo/settings.json', data: { auth: 'Bearer abc.def-123' } },
];

const processList = [
  { pid: 10, name: 'chrome', cpu: 35.55, memRss: 800_000, command: '/opt/google/chrome --token=SECRET', params: '--password=hunter2' },
  { pid: 11, name: 'anna-backup', cpu: 1, memRss: 2_000_000, command: '/home/anna/bin/anna-backup', params: '' },
  ...Array.from({ length: 40 }, (_, i) => ({ pid: 100 + i, name: `proc${i}`, cpu: i / 10, memRss: i * 1000, command: `proc${i} --x`, params: '' })),
] as never[];

describe('diagnostics', () => {
  const diagnostics = buildDiagnostics({
    parts: healthDiagnostics({ state: state(), device, appVersion: '0.1.0', mask }),
    recent,
    processes: topProcesses(processList, mask),
    appVersion: '0.1.0',
    now: Date.parse('2025-03-03T09:00:00Z'),
    mask,
    relatedItemId: 'memory',
  });

  it('passes the API schema, and stays far under 64 KB', () => {
    expect(checkDiagnostics(diagnostics)).toMatchObject({ ok: true });
    expect(Buffer.byteLength(JSON.stringify(diagnostics))).toBeLessThan(64 * 1024);
  });

  it('has the device, the health summary, the last hour, the checks and the related item', () => {
    expect(diagnostics.device).toMatchObject({ hostname: 'PC-ANNA-01', cpu: 'Intel Core i5-1145G7', memoryBytes: 16e9, agentVersion: '0.1.0' });
    expect(diagnostics.health).toMatchObject({ overall: 'attention', cpuLoadPercent: 12, memoryUsedPercent: 56, uptimeSeconds: 3600 });
    expect(diagnostics.health.history).toHaveLength(60);
    expect(diagnostics.health.history[0]).toMatchObject({ cpuLoadPercent: 12.3, memoryUsedPercent: 62 });
    expect(diagnostics.checks.map((c) => c.id)).toEqual(['disk-space:/home/<user>', 'memory']);
    expect(diagnostics.updates).toEqual({ pendingCount: null, rebootRequired: null, lastCheckedAt: null });
    expect(diagnostics.relatedItemId).toBe('memory');
  });

  it('top 10 processes by CPU and by memory, by name only: no command lines, no arguments', () => {
    const top = diagnostics.processes!;
    expect(top.byCpu).toHaveLength(10);
    expect(top.byCpu[0]).toEqual({ name: 'chrome', pid: 10, cpuPercent: 35.6, memoryBytes: 800_000 * 1024 });
    expect(top.byMemory[0]!.pid).toBe(11);
    const text = JSON.stringify(diagnostics);
    expect(text).not.toMatch(/SECRET|hunter2|--token|--password/);
  });

  it("masks the user's name in paths, process names and log lines; and tokens", () => {
    const text = JSON.stringify({ ...diagnostics, device: { ...diagnostics.device, hostname: '' } });
    expect(text).not.toMatch(/anna/i);
    expect(diagnostics.recentErrors[1]!.msg).toContain('/home/<user>/.config/hallo/settings.json');
    expect(diagnostics.recentErrors[1]!.msg).toContain('Bearer <token>');
    expect(diagnostics.processes!.byMemory[0]!.name).toBe('<user>-backup');
    expect(diagnostics.checks[0]!.params.mount).toBe('/home/<user>');
    expect(JSON.stringify(diagnostics.health)).toContain('/media/<user>/STICK'); // a USB stick's mount point
  });

  it('masks Windows homes in any case, and leaves words that only contain the name alone', () => {
    expect(winMask('C:\\USERS\\anna.devries\\Desktop\\x.txt')).toBe('C:\\Users\\<user>\\Desktop\\x.txt');
    expect(winMask('user a.devries signed in')).toBe('user <user> signed in');
    expect(createMasker({ username: 'ad', home: '/home/ad' })('load average; ad logged in')).toBe('load average; <user> logged in');
  });

  it('a policy that samples every 5 s still sends one point a minute, ending with the newest', () => {
    const busy = state();
    busy.health.history = Array.from({ length: 720 }, (_, i) => ({ at: new Date(i * 5000).toISOString(), cpuLoadPercent: i % 100, memoryUsedPercent: 50 }));
    const thinned = buildDiagnostics({ parts: healthDiagnostics({ state: busy, device, appVersion: '0.1.0', mask }), recent: [], processes: null, appVersion: '0.1.0', now: 0, mask, relatedItemId: null });
    expect(thinned.health.history).toHaveLength(60);
    expect(thinned.health.history.at(-1)!.at).toBe(new Date(719 * 5000).toISOString());
    expect(thinned.health.history[0]!.at).toBe(new Date(11 * 5000).toISOString());
  });

  it('an unusual PC (64 long checks, an error storm) still fits the 64 KB budget, the newest errors kept', () => {
    const busy = state();
    const long = 'x'.repeat(300);
    busy.health.items = Array.from({ length: 64 }, (_, i) => ({ id: `disk-space:${long}${i}`, check: 'disk-space' as const, severity: 'attention' as const, code: 'health.disk-space.low', params: { mount: long } }));
    const storm = Array.from({ length: 100 }, (_, i) => ({ at: new Date(i * 1000).toISOString(), level: 'error' as const, scope: 'x', msg: `${i} ${'y'.repeat(3000)}` }));
    const fitted = buildDiagnostics({ parts: healthDiagnostics({ state: busy, device, appVersion: '0.1.0', mask }), recent: storm, processes: topProcesses(processList, mask), appVersion: '0.1.0', now: 0, mask, relatedItemId: null });
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(52 * 1024);
    expect(fitted.recentErrors.at(-1)!.msg.startsWith('99 ')).toBe(true);
    expect(checkDiagnostics(fitted).ok).toBe(true);
  });

  it('leaves processes out when asked (null), and the schema still holds', () => {
    const without = buildDiagnostics({ parts: healthDiagnostics({ state: state(), device, appVersion: '0.1.0', mask }), recent: [], processes: null, appVersion: '0.1.0', now: 0, mask, relatedItemId: null });
    expect(without.processes).toBeNull();
    expect(checkDiagnostics(without).ok).toBe(true);
  });
});

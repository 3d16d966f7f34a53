import { describe, expect, it } from 'vitest';
import type { AgentState, HistoryPoint } from '../../../electron/contract';
import { historySummary } from '../../../electron/contract/history-summary';
import { healthDiagnostics } from '../../../electron/agent/health/diagnostics';
import { appendHistory } from '../../../electron/agent/health/history';
import { buildDiagnostics, checkDiagnostics } from '../../../electron/agent/tickets/diagnostics';
import { createMasker } from '../../../electron/agent/platform/mask';
import { device } from '../tickets/device';

const NOW = Date.parse('2026-03-02T17:00:00Z');
const MIN = 60_000;
const mask = createMasker({ username: 'anna', home: '/home/anna' });

/** A working day as the agent keeps it: a sample a minute for 24 hours, busy from 08:00 to 12:00, the disk filling slowly. */
function day(): HistoryPoint[] {
  let history: HistoryPoint[] = [];
  for (let at = NOW - 24 * 60 * MIN + MIN; at <= NOW; at += MIN) {
    const hour = new Date(at).getUTCHours();
    const busy = hour >= 8 && hour < 12;
    const minutesLeft = (NOW - at) / MIN;
    history = appendHistory(history, {
      at: new Date(at).toISOString(),
      cpuLoadPercent: busy ? 80 : 10,
      memoryUsedPercent: busy ? 70 : 40,
      diskFreePercent: 20 + minutesLeft / 144, // 30 % a day ago, 20 % now
    });
  }
  return history;
}

function diagnosticsOf(history: HistoryPoint[]) {
  const state: Pick<AgentState, 'overall' | 'health'> = {
    overall: 'ok',
    health: { collectedAt: new Date(NOW).toISOString(), items: [], figures: null, history },
  };
  return buildDiagnostics({
    parts: healthDiagnostics({ state, device, appVersion: '0.1.0', mask }),
    recent: [],
    processes: null,
    appVersion: '0.1.0',
    now: NOW,
    mask,
    relatedItemId: null,
  });
}

describe("a ticket's diagnostics carry the day's history", () => {
  it('summed up: hours covered, and per figure the average, highest and lowest', () => {
    const diagnostics = diagnosticsOf(day());
    expect(checkDiagnostics(diagnostics)).toMatchObject({ ok: true });
    expect(diagnostics.health.historySummary).toEqual({
      hours: 23.9, // the first 5-minute mean starts at 17:05 yesterday
      // 288 five-minute periods, 48 of them busy: (48 × 80 + 240 × 10) / 288 = 21.7
      cpuLoadPercent: { avg: 21.7, max: 80, min: 10 },
      memoryUsedPercent: { avg: 45, max: 70, min: 40 },
      diskFreePercent: { avg: 25, max: 30, min: 20 },
    });
  });

  it('thinned to 60 points over the whole day, each with the free space of the system disk', () => {
    const diagnostics = diagnosticsOf(day());
    const history = diagnostics.health.history;
    expect(history).toHaveLength(60);
    expect(history[0]!.at < '2026-03-01T18:00').toBe(true);
    expect(history.at(-1)).toEqual({ at: '2026-03-02T17:00:00.000Z', cpuLoadPercent: 10, memoryUsedPercent: 40, diskFreePercent: 20 });
  });

  it('no history yet: zero hours and no figures, still as the API takes it', () => {
    const diagnostics = diagnosticsOf([]);
    expect(checkDiagnostics(diagnostics)).toMatchObject({ ok: true });
    expect(diagnostics.health.historySummary).toEqual({
      hours: 0,
      cpuLoadPercent: { avg: null, max: null, min: null },
      memoryUsedPercent: { avg: null, max: null, min: null },
      diskFreePercent: { avg: null, max: null, min: null },
    });
  });
});

describe('the history summary', () => {
  const at = (minutes: number) => new Date(NOW + minutes * MIN).toISOString();
  it.each([
    {
      name: "the last hour's samples weigh as much as the 5-minute means before them, not 5 times more",
      points: [
        { at: at(-65), cpuLoadPercent: 10, memoryUsedPercent: null },
        { at: at(-4), cpuLoadPercent: 50, memoryUsedPercent: null },
        { at: at(-3), cpuLoadPercent: 50, memoryUsedPercent: null },
        { at: at(-2), cpuLoadPercent: 50, memoryUsedPercent: null },
        { at: at(-1), cpuLoadPercent: 50, memoryUsedPercent: null },
      ],
      cpu: { avg: 30, max: 50, min: 10 }, // two 5-minute means, 10 and 50; over the samples it would be 42
      hours: 1.1,
    },
    {
      name: 'a sample with no figure counts for nothing',
      points: [
        { at: at(-10), cpuLoadPercent: null, memoryUsedPercent: 1 },
        { at: at(0), cpuLoadPercent: 30, memoryUsedPercent: 1 },
      ],
      cpu: { avg: 30, max: 30, min: 30 },
      hours: 0.2,
    },
  ])('$name', ({ points, cpu, hours }) => {
    const summary = historySummary(points);
    expect(summary.cpuLoadPercent).toEqual(cpu);
    expect(summary.hours).toBe(hours);
    expect(summary.diskFreePercent).toEqual({ avg: null, max: null, min: null });
  });
});

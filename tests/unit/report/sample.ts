import type { AgentState } from '../../../electron/contract';
import { sampleState } from '../renderer/sample-state';

/** When the sample report is made: the history's newest point, the tickets and the upkeep count back from it. */
export const REPORT_NOW = Date.parse('2026-12-07T09:00:00.000Z');

/** A subject an employee could type: it must reach the report as text, never as markup. */
export const HOSTILE_SUBJECT = 'Printer <script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';

const minutesBefore = (minutes: number) => new Date(REPORT_NOW - minutes * 60_000).toISOString();

/**
 * The renderer's Windows laptop with a day of history (the processor at 40 %, memory at 60 %,
 * free space at 30 %, and a gap of two hours while the laptop was off), two updates waiting, two
 * installed, upkeep by hallo, and by the PC, and three tickets: one hostile, one of last week, one
 * of two months ago (not in the report).
 */
export function reportState(): AgentState {
  const state = sampleState();
  const history = [];
  for (let minutes = 24 * 60; minutes >= 0; minutes -= 5) {
    if (minutes < 600 && minutes > 480) continue; // off from 10 to 8 hours ago
    history.push({ at: minutesBefore(minutes), cpuLoadPercent: 40, memoryUsedPercent: 60, diskFreePercent: 30 });
  }
  return {
    ...state,
    health: { ...state.health, history },
    updates: {
      ...state.updates,
      pending: {
        total: 2,
        security: 1,
        byClass: { ...state.updates.pending!.byClass, security: 1, update: 1 },
        updates: [
          { title: '2026-12 Cumulatieve update voor Windows 11', classification: 'security', kb: ['KB5044284'], severity: 'Critical' },
          { title: 'Microsoft Defender Antivirus-update', classification: 'definition', kb: ['KB2267602'], severity: null },
        ],
      },
      installed: [
        { title: '2026-11 Cumulatieve update voor .NET', kb: ['KB5044000'], installedAt: minutesBefore(3 * 24 * 60), result: 'succeeded' },
        { title: 'Stuurprogramma Intel Graphics', kb: [], installedAt: minutesBefore(5 * 24 * 60), result: 'failed' },
      ],
    },
    maintenance: {
      entries: [
        { id: 'm1', at: minutesBefore(2 * 24 * 60), kind: 'disk-checked', source: 'hallo', params: {}, note: 'Schijf C: gecontroleerd' },
        { id: 'm2', at: minutesBefore(4 * 24 * 60), kind: 'updates-installed', source: 'agent', params: { count: 3, failed: 0 }, note: null },
      ],
      fetchedAt: minutesBefore(60),
      stale: false,
    },
    tickets: {
      ...state.tickets,
      list: [
        ticket(1042, HOSTILE_SUBJECT, 'open', minutesBefore(24 * 60), minutesBefore(60)),
        ticket(1017, 'Outlook start niet', 'resolved', minutesBefore(7 * 24 * 60), minutesBefore(6 * 24 * 60)),
        ticket(873, 'Oude melding over de scanner', 'closed', minutesBefore(60 * 24 * 60), minutesBefore(59 * 24 * 60)),
      ],
    },
  };
}

function ticket(number: number, subject: string, status: AgentState['tickets']['list'][number]['status'], createdAt: string, updatedAt: string) {
  return { ticketId: `t-${number}`, number, subject, status, createdAt, updatedAt, lastReply: null, unread: 0, pendingReplies: 0 };
}

import { describe, expect, it } from 'vitest';
import type { UpdatesState } from '../../../electron/contract';
import { checkView, updatesSummary } from '../../../electron/agent/updates/updates-view';
import type { UpdatesCheck } from '../../../electron/agent/updates/types';

// What a check means for the popup, and what hallo, hears of it (heartbeat, diagnostics).
const AT = '2026-12-07T09:00:00.000Z';
const windowsCheck: UpdatesCheck = {
  provider: 'windows',
  checkedAt: AT,
  pending: {
    value: {
      total: 2,
      security: 1,
      updates: [
        { title: '2026-12 Cumulative Update for Windows 11 (KB5050001)', classification: 'security', kb: ['5050001'], msrcSeverity: 'Critical', reboot: 'always' },
        { title: 'Intel - Display - 31.0.101.5000', classification: 'driver', reboot: 'never' },
      ],
    },
  },
  restart: { value: [{ code: 'file-rename', soft: true }] },
  installed: { value: [{ title: '2026-11 Kumulatives Update (KB5040000)', kb: ['5040000'], installedAt: '2026-11-20T10:00:00Z', result: 'succeeded' }] },
};

const restart: UpdatesState['restart'] = { needed: false, reasons: [], source: null, halloReason: null, requestId: null, deadline: null, deferralsUsed: 0, deferralsLeft: 0, step: null, problem: null };
const state = (over: Partial<UpdatesState>): UpdatesState => ({ checking: false, lastCheckedAt: null, pending: null, pendingProblem: null, installed: null, restart, upToDate: false, items: [], lastOutcome: null, ...over });

describe('checkView and updatesSummary', () => {
  it('counts by class, keeps titles and KB numbers for the expand, and the installed history', () => {
    const view = checkView(windowsCheck);
    expect(view.pending).toMatchObject({ total: 2, security: 1, byClass: { security: 1, driver: 1, update: 0 } });
    expect(view.pending?.updates[0]).toEqual({ title: '2026-12 Cumulative Update for Windows 11 (KB5050001)', classification: 'security', kb: ['5050001'], severity: 'Critical' });
    expect(view.installed).toEqual([{ title: '2026-11 Kumulatives Update (KB5040000)', kb: ['5040000'], installedAt: '2026-11-20T10:00:00Z', result: 'succeeded' }]);
    expect(updatesSummary(state(view))).toMatchObject({
      pendingCount: 2,
      rebootRequired: false, // a soft reason alone
      pendingByClass: { security: 1, critical: 0, update: 0, upgrade: 0, servicePack: 0, driver: 1, definition: 0, other: 0 },
      unknownReason: null,
    });
  });

  it('a failed check: unknown, because …; the last good list is still shown, and when it was read', () => {
    const problem = { code: 'timeout' as const, tool: 'Windows Update', detail: 'after 600 s' };
    const failed: UpdatesCheck = { ...windowsCheck, checkedAt: '2026-12-07T13:00:00.000Z', pending: { problem, kept: { value: (windowsCheck.pending as { value: never }).value, checkedAt: AT } } };
    const view = checkView(failed);
    expect(view.pendingProblem).toEqual({ ...problem, keptFrom: AT });
    expect(view.pending?.total).toBe(2);
    expect(updatesSummary(state(view)).unknownReason).toBe('timeout');
  });

  it('nothing known yet: nulls, never a guess', () => {
    expect(updatesSummary(state({}))).toEqual({
      pendingCount: null,
      rebootRequired: null,
      lastCheckedAt: null,
      pendingByClass: null,
      unknownReason: null,
      restartReasons: [],
      restartDeadline: null,
      deferralsUsed: null,
      restartRequestId: null,
    });
  });

  it('hallo,’s request is a restart reason of its own, with its id and deadline', () => {
    const asked = state({ restart: { ...restart, needed: true, source: 'hallo', requestId: 'rr_1', deadline: AT, deferralsUsed: 1, reasons: [{ code: 'packages', soft: false }] } });
    expect(updatesSummary(asked)).toMatchObject({ rebootRequired: true, restartReasons: ['packages', 'hallo-request'], restartRequestId: 'rr_1', restartDeadline: AT, deferralsUsed: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { judgeRestartRequest } from '../../../electron/agent/updates/restart-request';

// hallo,'s restart.requested judged at the edge: what the agent takes, and what it refuses with a line for admins.
const NOW = Date.parse('2026-12-07T09:00:00Z');

describe('judgeRestartRequest', () => {
  it.each([
    ['a deadline in two days', { requestId: 'rr_1', reason: 'Patch', deadline: '2026-12-09T09:00:00Z' }, Date.parse('2026-12-09T09:00:00Z')],
    ['a deadline already passed (the planner adds the grace)', { requestId: 'rr_1', reason: 'Patch', deadline: '2026-12-01T09:00:00Z' }, Date.parse('2026-12-01T09:00:00Z')],
    ['exactly 30 days ahead', { requestId: 'rr_1', reason: 'Patch', deadline: '2027-01-06T09:00:00Z' }, Date.parse('2027-01-06T09:00:00Z')],
  ])('takes %s', (_, data, deadline) => {
    expect(judgeRestartRequest(data, NOW)).toEqual({ ok: true, halloReason: 'Patch', need: { source: 'hallo', requestId: 'rr_1', reasons: ['hallo-request'], deadline } });
  });

  it.each([
    ['more than 30 days ahead', { requestId: 'rr_1', deadline: '2027-01-06T09:00:01Z' }, 'rr_1', 'more than 30 days ahead'],
    ['a deadline that is no date', { requestId: 'rr_1', deadline: 'donderdag' }, 'rr_1', 'not a date'],
    ['a date without a time', { requestId: 'rr_1', deadline: '2026-12-09' }, 'rr_1', 'not a date'],
    ['no request id', { deadline: '2026-12-09T09:00:00Z' }, null, 'requestId'],
    ['an id with a slash', { requestId: '../x', deadline: '2026-12-09T09:00:00Z' }, null, 'requestId'],
    ['no object at all', 'restart please', null, 'requestId'],
  ])('refuses %s', (_, data, requestId, detail) => {
    expect(judgeRestartRequest(data, NOW)).toEqual({ ok: false, requestId, detail: expect.stringContaining(detail) });
  });
});

import { describe, expect, it } from 'vitest';
import type { StatusItem } from '../../../electron/contract';
import type { HealthSnapshot } from '../../../electron/agent/health/collect';
import { DEFAULT_THRESHOLDS, evaluate } from '../../../electron/agent/health/rules';
import { deriveOverall, headlineOf } from '../../../electron/agent/status/overall';

const nothingMeasured: HealthSnapshot = {
  at: Date.parse('2026-03-02T10:00:00Z'),
  cpu: { error: 'error' },
  disks: { error: 'timeout' },
  memory: { error: 'error' },
  uptime: { error: 'error' },
  smart: { error: 'unsupported' },
  battery: { error: 'timeout' },
};

describe('overall', () => {
  const item = (severity: StatusItem['severity']): StatusItem => ({ id: severity, check: 'uptime', severity, code: 'x', params: {} });
  it.each([
    [['ok', 'attention', 'problem'], 'online', 'problem'],
    [['problem'], 'offline', 'problem'],
    [['attention'], 'offline', 'offline'],
    [['ok'], 'reenroll', 'offline'],
    [['ok'], 'not-enrolled', 'offline'],
    [['ok', 'attention'], 'online', 'attention'],
    [['ok', 'attention'], 'starting', 'attention'],
    [['ok', 'unknown'], 'online', 'ok'], // some checks could not run, the rest are fine
    // Nothing known is never "ok": no items before the first sample, no check that could run.
    [[], 'starting', 'checking'],
    [[], 'online', 'checking'],
    [[], 'offline', 'offline'],
    [[], 'not-enrolled', 'offline'],
    [['unknown', 'unknown'], 'online', 'attention'],
    [['unknown'], 'starting', 'attention'],
    [['unknown'], 'offline', 'offline'],
  ] as const)('%j with %s is %s', (severities, connection, overall) => {
    expect(deriveOverall(severities.map(item), connection)).toBe(overall);
  });

  it('the real first moments: checking before the first sample, attention when every probe failed', () => {
    expect(deriveOverall([], 'starting')).not.toBe('ok');
    const failed = evaluate(nothingMeasured, DEFAULT_THRESHOLDS, [], 'binary');
    expect(failed.every((i) => i.severity === 'unknown')).toBe(true);
    expect(deriveOverall(failed, 'online')).toBe('attention');
  });
});

describe('headline', () => {
  const item = (severity: StatusItem['severity']): StatusItem => ({ id: severity, check: 'uptime', severity, code: 'x', params: {} });
  it.each([
    ['offline', [], 'reenroll', 'reenroll'],
    ['offline', [], 'not-enrolled', 'not-enrolled'],
    ['offline', [], 'offline', 'offline'],
    ['attention', ['unknown', 'unknown'], 'online', 'unchecked'],
    ['attention', ['unknown', 'attention'], 'online', 'attention'],
    ['ok', ['ok'], 'online', 'ok'],
    ['checking', [], 'starting', 'checking'],
  ] as const)('%s with %j and %s says %s', (overall, severities, connection, headline) => {
    expect(headlineOf(overall, severities.map(item), connection)).toBe(headline);
  });

  it('a restart needed after updates is the attention the headline names; a problem still outranks it', () => {
    const restart: StatusItem = { id: 'restart', check: 'restart', severity: 'attention', code: 'health.restart.required', params: {} };
    const items = [item('ok'), restart];
    expect(deriveOverall(items, 'online')).toBe('attention');
    expect(headlineOf('attention', items, 'online')).toBe('restart');
    expect(headlineOf(deriveOverall([...items, item('problem')], 'online'), [...items, item('problem')], 'online')).toBe('problem');
  });
});

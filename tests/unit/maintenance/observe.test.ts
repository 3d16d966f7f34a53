import { describe, expect, it } from 'vitest';
import type { CleanupResult, ChecksFacts, MaintenanceEntry } from '../../../electron/contract';
import { initialState } from '../../../electron/agent/capabilities';
import { observeUpkeep, type UpkeepSources } from '../../../electron/agent/maintenance/observe';

// What the PC observed itself, turned into timeline entries: each once, under a stable id, updates
// per day, the time sync at most once a day, nothing older than 30 days.

const NOW = Date.parse('2026-12-07T09:00:00.000Z');
const DAY = 24 * 3_600_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const ctx = { now: NOW, dayOf: (at: number) => new Date(at + 3_600_000).toISOString().slice(0, 10) }; // Amsterdam in winter

type Installed = NonNullable<UpkeepSources['updates']['installed']>[number];
const update = (installedAt: string, result: Installed['result'] = 'succeeded'): Installed => ({ title: 'KB', kb: [], installedAt, result });

function sources(over: { installed?: Installed[] | null; cleanup?: CleanupResult | null; facts?: Partial<ChecksFacts> } = {}): UpkeepSources {
  const state = initialState({ appVersion: '1.0.0', platform: 'win32' });
  return {
    updates: { ...state.updates, installed: over.installed ?? null },
    checks: {
      ...state.checks,
      cleanup: { ...state.checks.cleanup, last: over.cleanup ?? null },
      facts: { lastTimeSyncAt: null, lastScan: null, ...over.facts },
    },
  };
}
const own = (id: string, at: string, kind: MaintenanceEntry['kind'], params: MaintenanceEntry['params'] = {}): MaintenanceEntry => ({ id, at, kind, source: 'agent', params, note: null });

describe('the PC’s own observations', () => {
  it.each<[string, UpkeepSources, MaintenanceEntry[]]>([
    ['nothing known yet', sources(), []],
    [
      'updates: one entry per day (in the PC’s day), with count and failed; the day’s last as its time; in progress not counted',
      sources({
        installed: [
          update('2026-12-06T23:30:00.000Z'), // 00:30 on the 7th in Amsterdam
          update('2026-12-07T02:00:00.000Z', 'failed'),
          update('2026-12-07T03:00:00.000Z', 'in-progress'),
          update('2026-12-05T10:00:00.000Z', 'succeeded-with-errors'),
          update('2026-12-05T11:00:00.000Z', 'aborted'),
        ],
      }),
      [
        own('updates-installed:2026-12-07', '2026-12-07T02:00:00.000Z', 'updates-installed', { count: 2, failed: 1 }),
        own('updates-installed:2026-12-05', '2026-12-05T11:00:00.000Z', 'updates-installed', { count: 2, failed: 1 }),
      ],
    ],
    [
      'temporary files removed: freed and removed',
      sources({ cleanup: { at: ago(1), freedBytes: 2_400_000, removed: 31, skipped: 2 } }),
      [own(`temp-files-removed:${ago(1)}`, ago(1), 'temp-files-removed', { freedBytes: 2_400_000, removed: 31 })],
    ],
    ['a cleanup that removed nothing is no upkeep', sources({ cleanup: { at: ago(1), freedBytes: 0, removed: 0, skipped: 4 } }), []],
    ['the time synchronised', sources({ facts: { lastTimeSyncAt: ago(0.5) } }), [own(`time-synchronised:${ago(0.5)}`, ago(0.5), 'time-synchronised')]],
    [
      'an antivirus scan: kind and product',
      sources({ facts: { lastScan: { at: ago(2), kind: 'full', product: 'Microsoft Defender Antivirus' } } }),
      [own(`antivirus-scan:${ago(2)}`, ago(2), 'antivirus-scan', { scan: 'full', product: 'Microsoft Defender Antivirus' })],
    ],
    [
      'older than 30 days, or an unreadable time: not recorded',
      sources({ installed: [update(ago(31)), update('onbekend')], facts: { lastTimeSyncAt: 'gisteren', lastScan: { at: ago(40), kind: 'quick', product: 'ClamAV' } } }),
      [],
    ],
  ])('%s', (_, seen, expected) => {
    expect(observeUpkeep(seen, [], ctx)).toEqual({ entries: expected, changed: expected.length > 0 });
  });

  it('records each once: the same sources again change nothing', () => {
    const seen = sources({ installed: [update(ago(1))], cleanup: { at: ago(1), freedBytes: 10, removed: 1, skipped: 0 }, facts: { lastTimeSyncAt: ago(1), lastScan: { at: ago(1), kind: 'quick', product: 'Defender' } } });
    const first = observeUpkeep(seen, [], ctx);
    expect(first.entries).toHaveLength(4);
    expect(observeUpkeep(seen, first.entries, ctx)).toEqual({ entries: first.entries, changed: false });
  });

  it('keeps what it recorded after the source forgot it (the OS history rolled over, a restart)', () => {
    const first = observeUpkeep(sources({ installed: [update(ago(3))], facts: { lastScan: { at: ago(3), kind: 'quick', product: 'Defender' } } }), [], ctx).entries;
    const later = observeUpkeep(sources({ facts: { lastScan: { at: ago(1), kind: 'full', product: 'Defender' } } }), first, ctx);
    expect(later.changed).toBe(true);
    expect(later.entries.map((e) => e.id)).toEqual([`antivirus-scan:${ago(1)}`, `antivirus-scan:${ago(3)}`, 'updates-installed:2026-12-04']);
  });

  it('a day’s update count grows under the same id as more of the day’s updates finish', () => {
    const morning = observeUpkeep(sources({ installed: [update('2026-12-07T07:00:00.000Z')] }), [], ctx).entries;
    const evening = observeUpkeep(sources({ installed: [update('2026-12-07T07:00:00.000Z'), update('2026-12-07T08:00:00.000Z', 'failed')] }), morning, ctx);
    expect(evening).toEqual({ entries: [own('updates-installed:2026-12-07', '2026-12-07T08:00:00.000Z', 'updates-installed', { count: 2, failed: 1 })], changed: true });
  });

  it('the time sync at most once a day: the day’s first stays, the next day adds one', () => {
    const first = observeUpkeep(sources({ facts: { lastTimeSyncAt: '2026-12-06T07:00:00.000Z' } }), [], ctx).entries;
    const sameDay = observeUpkeep(sources({ facts: { lastTimeSyncAt: '2026-12-06T15:00:00.000Z' } }), first, ctx);
    expect(sameDay).toEqual({ entries: first, changed: false });
    const nextDay = observeUpkeep(sources({ facts: { lastTimeSyncAt: '2026-12-07T07:00:00.000Z' } }), first, ctx);
    expect(nextDay.entries.map((e) => e.at)).toEqual(['2026-12-07T07:00:00.000Z', '2026-12-06T07:00:00.000Z']);
  });

  it('drops what has passed 30 days, and says so (the file is written smaller)', () => {
    const old = [own(`time-synchronised:${ago(31)}`, ago(31), 'time-synchronised'), own(`time-synchronised:${ago(2)}`, ago(2), 'time-synchronised')];
    expect(observeUpkeep(sources(), old, ctx)).toEqual({ entries: [old[1]], changed: true });
  });
});

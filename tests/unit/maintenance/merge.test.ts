import { describe, expect, it } from 'vitest';
import type { MaintenanceEntry } from '../../../electron/contract';
import type { MaintenanceItem } from '../../../electron/agent/hallo-api/types';
import { fromHallo, mergeTimeline } from '../../../electron/agent/maintenance/merge';

// One "Onderhoud" list from hallo,'s entries and the PC's own: what the popup gets, as tables.

const NOW = Date.parse('2026-12-07T09:00:00.000Z');
const DAY = 24 * 3_600_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const entry = (id: string, at: string, source: MaintenanceEntry['source'] = 'hallo', kind: MaintenanceEntry['kind'] = 'disk-checked'): MaintenanceEntry => ({ id, at, kind, source, params: {}, note: null });

describe("hallo,'s entries as the timeline holds them", () => {
  it.each<[string, MaintenanceItem, MaintenanceEntry]>([
    ['a known kind, no figures', { id: 'm1', at: ago(1), kind: 'disk-checked' }, { id: 'm1', at: ago(1), kind: 'disk-checked', source: 'hallo', params: {}, note: null }],
    [
      'a patch run: count and failed into params, the note kept',
      { id: 'm2', at: ago(2), kind: 'updates-installed', note: 'Maandelijkse patchronde', count: 7, failed: 1 },
      { id: 'm2', at: ago(2), kind: 'updates-installed', source: 'hallo', params: { count: 7, failed: 1 }, note: 'Maandelijkse patchronde' },
    ],
    [
      'temporary files: freedBytes and removed',
      { id: 'm3', at: ago(3), kind: 'temp-files-removed', freedBytes: 1.5e9, removed: 420, note: null },
      { id: 'm3', at: ago(3), kind: 'temp-files-removed', source: 'hallo', params: { freedBytes: 1.5e9, removed: 420 }, note: null },
    ],
    [
      'a scan: scan and product',
      { id: 'm4', at: ago(4), kind: 'antivirus-scan', scan: 'full', product: 'Microsoft Defender' },
      { id: 'm4', at: ago(4), kind: 'antivirus-scan', source: 'hallo', params: { scan: 'full', product: 'Microsoft Defender' }, note: null },
    ],
    [
      'a kind this version does not know: other, with its note and figures',
      { id: 'm5', at: ago(5), kind: 'firmware-updated', note: 'BIOS bijgewerkt naar 1.21', count: 1 },
      { id: 'm5', at: ago(5), kind: 'other', source: 'hallo', params: { count: 1 }, note: 'BIOS bijgewerkt naar 1.21' },
    ],
    ['hallo, may say other itself', { id: 'm6', at: ago(6), kind: 'other', note: 'Printer vervangen' }, { id: 'm6', at: ago(6), kind: 'other', source: 'hallo', params: {}, note: 'Printer vervangen' }],
  ])('%s', (_, item, expected) => {
    expect(fromHallo(item)).toEqual(expected);
  });
});

describe('the merged timeline', () => {
  it.each<[string, MaintenanceEntry[], MaintenanceEntry[], string[]]>([
    ['nothing from either', [], [], []],
    ['only hallo,', [entry('h1', ago(2)), entry('h2', ago(1))], [], ['h2', 'h1']],
    ['only the PC (hallo, never fetched, or offline)', [], [entry('time-synchronised:x', ago(1), 'agent')], ['time-synchronised:x']],
    ['both, interleaved newest first', [entry('h1', ago(5)), entry('h2', ago(1))], [entry('a1', ago(3), 'agent'), entry('a2', ago(0.5), 'agent')], ['a2', 'h2', 'a1', 'h1']],
    ['older than 30 days left out; exactly 30 days kept', [entry('h-old', ago(30.01)), entry('h-edge', ago(30))], [entry('a-old', ago(45), 'agent')], ['h-edge']],
    ['an unreadable time left out', [entry('h-bad', 'gisteren'), entry('h1', ago(1))], [], ['h1']],
    ['the same entry twice (cache and fetch) once', [entry('h1', ago(1)), entry('h1', ago(1))], [], ['h1']],
    ['the same id from both sources is two entries', [entry('x', ago(1))], [entry('x', ago(2), 'agent')], ['x', 'x']],
    ['at the same instant, by id', [entry('b', ago(1)), entry('a', ago(1))], [], ['a', 'b']],
  ])('%s', (_, hallo, observed, ids) => {
    expect(mergeTimeline(hallo, observed, NOW).map((e) => e.id)).toEqual(ids);
  });

  it('keeps the newest 200', () => {
    const hallo = Array.from({ length: 150 }, (_, i) => entry(`h${i}`, new Date(NOW - (2 * i + 1) * 60_000).toISOString()));
    const observed = Array.from({ length: 150 }, (_, i) => entry(`a${i}`, new Date(NOW - (2 * i + 2) * 60_000).toISOString(), 'agent'));
    const merged = mergeTimeline(hallo, observed, NOW);
    expect(merged).toHaveLength(200);
    expect([merged[0]!.id, merged[1]!.id, merged[199]!.id]).toEqual(['h0', 'a0', 'a99']);
  });
});

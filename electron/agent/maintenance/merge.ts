import { MAINTENANCE_KINDS, type MaintenanceEntry, type MaintenanceKind } from '../../contract';
import type { MaintenanceItem } from '../hallo-api/types';

// "Onderhoud" is one list: hallo,'s entries (GET /maintenance) and the PC's own observations,
// merged here. Pure, table-tested (tests/unit/maintenance/merge.test.ts).

const DAY_MS = 24 * 60 * 60_000;
/** What the popup shows: the last 30 days (the promise), at most 200 entries (the API's page). */
export const TIMELINE_DAYS = 30;
export const TIMELINE_MAX = 200;

const KNOWN = new Set<string>(MAINTENANCE_KINDS);

/**
 * One of hallo,'s entries as the timeline holds it: a kind this version does not know becomes
 * `other` (hallo,'s note says what it was); the figures that fill the sentence go into params.
 */
export function fromHallo(item: MaintenanceItem): MaintenanceEntry {
  const params: MaintenanceEntry['params'] = {};
  for (const key of ['count', 'failed', 'freedBytes', 'removed'] as const) if (item[key] !== undefined) params[key] = item[key];
  for (const key of ['scan', 'product'] as const) if (item[key] !== undefined) params[key] = item[key];
  const kind = KNOWN.has(item.kind) ? (item.kind as MaintenanceKind) : 'other';
  return { id: item.id, at: item.at, kind, source: 'hallo', params, note: item.note ?? null };
}

/** Entries of the last 30 days (by `at`), whatever their order; an unreadable time is dropped. */
export function withinTimeline(entries: readonly MaintenanceEntry[], now: number): MaintenanceEntry[] {
  const since = now - TIMELINE_DAYS * DAY_MS;
  return entries.filter((entry) => Date.parse(entry.at) >= since);
}

/**
 * hallo,'s entries and the PC's own, newest first, the last 30 days, at most 200. An entry is
 * its source and id: the same one twice (a cache and a fetch overlapping) shows once.
 */
export function mergeTimeline(hallo: readonly MaintenanceEntry[], observed: readonly MaintenanceEntry[], now: number): MaintenanceEntry[] {
  const seen = new Set<string>();
  const unique = withinTimeline([...hallo, ...observed], now).filter((entry) => {
    const key = `${entry.source}\n${entry.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(newestFirst).slice(0, TIMELINE_MAX);
}

/** Newest first; at the same instant by id, so that the order never depends on where an entry came from. */
export function newestFirst(a: MaintenanceEntry, b: MaintenanceEntry): number {
  return Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

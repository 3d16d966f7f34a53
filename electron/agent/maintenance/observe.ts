import type { AgentState, MaintenanceEntry } from '../../contract';
import { newestFirst, TIMELINE_MAX, withinTimeline } from './merge';

// The upkeep this PC saw itself, read from what other capabilities already publish: updates
// installed (state.updates.installed), temporary files removed (state.checks.cleanup.last), the
// clock synchronised and antivirus scans (state.checks.facts). Pure: the capability keeps the
// list in <data>/maintenance/observed.json so that it outlives a restart and the OS's own history.

/** The parts of the state an observation comes from. */
export type UpkeepSources = Pick<AgentState, 'updates' | 'checks'>;

export interface ObserveContext {
  now: number;
  /** The calendar day of an instant where the PC is (YYYY-MM-DD): updates and time syncs count per day. */
  dayOf(at: number): string;
}

/** What a product name may be in an entry (openapi.json MaintenanceEntry.product). */
const PRODUCT_MAX_CHARS = 200;

/**
 * The observations after looking at `sources`: the `known` ones of the last 30 days, plus what is
 * new. Each is recorded once, under a stable id `<kind>:<at>`: updates as one entry per day
 * (`updates-installed:<day>`, its count growing as the day's history does), the time sync at most
 * once per day. `changed` is false when there is nothing to write.
 */
export function observeUpkeep(sources: UpkeepSources, known: readonly MaintenanceEntry[], ctx: ObserveContext): { entries: MaintenanceEntry[]; changed: boolean } {
  const kept = withinTimeline(known, ctx.now);
  const byId = new Map(kept.map((entry) => [entry.id, entry]));
  let changed = kept.length !== known.length;
  const record = (entry: MaintenanceEntry) => {
    if (withinTimeline([entry], ctx.now).length === 0) return;
    const before = byId.get(entry.id);
    if (before && JSON.stringify(before) === JSON.stringify(entry)) return;
    byId.set(entry.id, entry);
    changed = true;
  };

  for (const entry of updateDays(sources.updates.installed ?? [], ctx)) record(entry);

  const cleanup = sources.checks.cleanup.last;
  if (cleanup && cleanup.removed > 0) record(own('temp-files-removed', cleanup.at, { freedBytes: cleanup.freedBytes, removed: cleanup.removed }));

  const synced = sources.checks.facts.lastTimeSyncAt;
  if (synced !== null && readable(synced)) {
    const day = ctx.dayOf(Date.parse(synced));
    const sameDay = [...byId.values()].some((entry) => entry.kind === 'time-synchronised' && ctx.dayOf(Date.parse(entry.at)) === day);
    if (!sameDay) record(own('time-synchronised', synced, {}));
  }

  const scan = sources.checks.facts.lastScan;
  if (scan && readable(scan.at)) record(own('antivirus-scan', scan.at, { scan: scan.kind, product: scan.product.slice(0, PRODUCT_MAX_CHARS) }));

  return { entries: [...byId.values()].sort(newestFirst).slice(0, TIMELINE_MAX), changed };
}

/** One entry per day on which updates finished: how many, how many of them failed; the day's last as its time. */
function updateDays(installed: NonNullable<UpkeepSources['updates']['installed']>, ctx: ObserveContext): MaintenanceEntry[] {
  const days = new Map<string, { at: string; count: number; failed: number }>();
  for (const update of installed) {
    if (update.result === 'in-progress' || !readable(update.installedAt)) continue;
    const day = ctx.dayOf(Date.parse(update.installedAt));
    const seen = days.get(day) ?? { at: update.installedAt, count: 0, failed: 0 };
    if (Date.parse(update.installedAt) > Date.parse(seen.at)) seen.at = update.installedAt;
    seen.count += 1;
    if (update.result === 'failed' || update.result === 'aborted') seen.failed += 1;
    days.set(day, seen);
  }
  return [...days].map(([day, { at, count, failed }]) => ({ ...own('updates-installed', at, { count, failed }), id: `updates-installed:${day}` }));
}

function own(kind: MaintenanceEntry['kind'], at: string, params: MaintenanceEntry['params']): MaintenanceEntry {
  return { id: `${kind}:${at}`, at, kind, source: 'agent', params, note: null };
}

const readable = (at: string) => Number.isFinite(Date.parse(at));

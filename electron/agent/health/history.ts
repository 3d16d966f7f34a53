import type { HistoryPoint } from '../../contract';
import type { HealthSnapshot } from './collect';

export const HISTORY_SPAN_MS = 60 * 60 * 1000;

/** The snapshot as one chart point. */
export function historyPoint(snapshot: HealthSnapshot): HistoryPoint {
  return {
    at: new Date(snapshot.at).toISOString(),
    cpuLoadPercent: 'value' in snapshot.cpu ? snapshot.cpu.value.loadPercent : null,
    memoryUsedPercent: 'value' in snapshot.memory ? (snapshot.memory.value.usedBytes / snapshot.memory.value.totalBytes) * 100 : null,
  };
}

/** One point per sample, the last hour only, oldest first. */
export function appendHistory(history: readonly HistoryPoint[], point: HistoryPoint): HistoryPoint[] {
  const cutoff = Date.parse(point.at) - HISTORY_SPAN_MS;
  return [...history.filter((p) => Date.parse(p.at) > cutoff && p.at < point.at), point];
}

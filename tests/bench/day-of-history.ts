import { writeFileAtomic } from '../../electron/agent/files';
import { historyPath } from '../../electron/agent/health/history-file';
import { compactHistory, HISTORY_SPAN_MS } from '../../electron/agent/health/history';
import type { HistoryPoint } from '../../electron/contract';

/** A full day of health history as the agent keeps it (after a day's work), at its largest: a sample every 5 s, compacted. */
export function dayOfHistory(now: number): HistoryPoint[] {
  const day = Array.from({ length: HISTORY_SPAN_MS / 5000 - 1 }, (_, i) => ({
    at: new Date(now - HISTORY_SPAN_MS + (i + 1) * 5000).toISOString(),
    cpuLoadPercent: 12.3,
    memoryUsedPercent: 45.6,
    diskFreePercent: 7.8,
  }));
  return compactHistory(day, now);
}

/** That day on disk, where the health capability reads it at start. */
export async function writeDayOfHistory(dataDir: string, now: number): Promise<void> {
  await writeFileAtomic(historyPath(dataDir), JSON.stringify({ version: 1, points: dayOfHistory(now) }));
}

import { writeFileAtomic } from '../../electron/agent/files';
import { historyPath } from '../../electron/agent/health/history-file';
import { compactHistory, HISTORY_SPAN_MS } from '../../electron/agent/health/history';

/** A full day of health history on disk (as after a day's work), at its largest: a sample every 5 s. */
export async function writeDayOfHistory(dataDir: string, now: number): Promise<void> {
  const day = Array.from({ length: HISTORY_SPAN_MS / 5000 - 1 }, (_, i) => ({
    at: new Date(now - HISTORY_SPAN_MS + (i + 1) * 5000).toISOString(),
    cpuLoadPercent: 12.3,
    memoryUsedPercent: 45.6,
    diskFreePercent: 7.8,
  }));
  await writeFileAtomic(historyPath(dataDir), JSON.stringify({ version: 1, points: compactHistory(day, now) }));
}

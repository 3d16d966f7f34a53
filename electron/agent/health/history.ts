import type { HistoryPoint } from '../../contract';
import { bucketOf, HISTORY_FIGURES, meanOf, round1 } from '../../contract/history-summary';
import type { HealthSnapshot } from './collect';
import { systemDisk } from './system-disk';

const MINUTE = 60_000;

/** How far back the charts reach (and the file on disk): a working day and the night before. */
export const HISTORY_SPAN_MS = 24 * 60 * MINUTE;
/** The last hour keeps every sample: the memory rule walks back through it (rules.ts). */
export const SAMPLE_RESOLUTION_MS = 60 * MINUTE;
/** Older samples become one average per 5 minutes: 288 points a day whatever the sample rate. */
export const BUCKET_MS = 5 * MINUTE;
/** The service's fastest sample rate (MIN_SAMPLE_SECONDS in service.ts). */
const FASTEST_SAMPLE_MS = 5000;
/**
 * The most points the history ever holds: every sample of the last hour and of the bucket still
 * filling before it, at the fastest sample rate, plus the 5-minute averages of the rest of the day
 * (one more for the bucket cut by the 24-hour edge). About 100 bytes a point on disk: under 1 MB.
 * Extra samples (a refresh asked for) push out the oldest points instead of growing the file.
 */
export const HISTORY_MAX_POINTS =
  (SAMPLE_RESOLUTION_MS + BUCKET_MS) / FASTEST_SAMPLE_MS + (HISTORY_SPAN_MS - SAMPLE_RESOLUTION_MS) / BUCKET_MS + 1;

/** The snapshot as one chart point; `systemMount` names the disk that holds the OS (system-disk.ts). */
export function historyPoint(snapshot: HealthSnapshot, systemMount: string): HistoryPoint {
  const disk = 'value' in snapshot.disks ? systemDisk(snapshot.disks.value, systemMount) : null;
  return {
    at: new Date(snapshot.at).toISOString(),
    cpuLoadPercent: 'value' in snapshot.cpu ? round1(snapshot.cpu.value.loadPercent) : null,
    memoryUsedPercent: 'value' in snapshot.memory ? round1((snapshot.memory.value.usedBytes / snapshot.memory.value.totalBytes) * 100) : null,
    diskFreePercent: disk && disk.sizeBytes > 0 ? round1((disk.freeBytes / disk.sizeBytes) * 100) : null,
  };
}

/** The point's sample added to the history (oldest first); points at or after it (a clock that went back) are dropped. */
export function appendHistory(history: readonly HistoryPoint[], point: HistoryPoint): HistoryPoint[] {
  const before = (history.at(-1)?.at ?? '') < point.at ? history : history.filter((p) => p.at < point.at);
  return compactHistory([...before, point], Date.parse(point.at));
}

/**
 * The history as it should be kept at `now`: points of the last 24 hours only, oldest first; every
 * 5-minute bucket that lies wholly before the last hour is one point (its start, the mean of each
 * figure). A bucket is averaged only once all its samples are older than an hour, so each average
 * is taken over raw samples, and a bucket that is one point at its start already is kept as it is.
 * At most HISTORY_MAX_POINTS, the newest kept. Every `at` is toISOString's (historyPoint, the
 * file's loader), so times compare as text.
 */
export function compactHistory(points: readonly HistoryPoint[], now: number): HistoryPoint[] {
  const oldest = new Date(now - HISTORY_SPAN_MS).toISOString();
  const latest = new Date(now).toISOString();
  const fullFrom = new Date(Math.floor((now - SAMPLE_RESOLUTION_MS) / BUCKET_MS) * BUCKET_MS).toISOString(); // buckets before it are closed
  const kept: HistoryPoint[] = [];
  let bucket: HistoryPoint[] = [];
  let bucketStart = '';
  const close = () => {
    if (bucket.length === 1 && bucket[0]!.at === bucketStart) kept.push(bucket[0]!); // averaged before
    else if (bucket.length > 0) {
      const averaged: HistoryPoint = { at: bucketStart, cpuLoadPercent: null, memoryUsedPercent: null, diskFreePercent: null };
      for (const figure of HISTORY_FIGURES) averaged[figure] = meanOf(bucket, figure);
      kept.push(averaged);
    }
    bucket = [];
  };
  for (const point of points) {
    if (!(point.at > oldest && point.at <= latest)) continue;
    if (point.at >= fullFrom) {
      close();
      kept.push(point);
      continue;
    }
    const start = bucketOf(point.at);
    if (start !== bucketStart) {
      close();
      bucketStart = start;
    }
    bucket.push(point);
  }
  close();
  return kept.length > HISTORY_MAX_POINTS ? kept.slice(-HISTORY_MAX_POINTS) : kept;
}

import { join } from 'node:path';
import { z } from 'zod';
import { HistoryPoint } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import { compactHistory, HISTORY_MAX_POINTS } from './history';

/** The file may never grow past this; a larger one is refused unread (a hostile or runaway file). */
export const HISTORY_MAX_BYTES = 1024 * 1024;
/** A crash loses at most this much history; writing every 5-second sample would wear the disk for nothing. */
export const HISTORY_SAVE_EVERY_MS = 60_000;

export const historyPath = (dataDir: string): string => join(dataDir, 'health', 'history.json');

// The file's frame is strict; the points are checked one by one, so that one bad point costs itself only.
const HistoryFile = z.object({ version: z.literal(1), points: z.array(z.unknown()).max(HISTORY_MAX_POINTS) }).strict();
const percent = (v: number | null | undefined) => v === null || v === undefined || (v >= 0 && v <= 100);

/** A stored point as the contract has it, its time a real instant (written anew, never the file's own text) and its figures 0–100. */
function storedPoint(raw: unknown): HistoryPoint | null {
  const parsed = HistoryPoint.safeParse(raw);
  if (!parsed.success) return null;
  const { at, cpuLoadPercent, memoryUsedPercent, diskFreePercent } = parsed.data;
  const ms = Date.parse(at);
  if (!Number.isFinite(ms) || ![cpuLoadPercent, memoryUsedPercent, diskFreePercent].every(percent)) return null;
  return { at: new Date(ms).toISOString(), cpuLoadPercent, memoryUsedPercent, diskFreePercent: diskFreePercent ?? null };
}

/**
 * `<dataDir>/health/history.json`: the 24 hours of history across restarts. Loaded once at start
 * (a missing file is a first start; a damaged, oversized or foreign one starts empty with a log
 * line; bad points are dropped, the good ones kept), written atomically at most once a minute and
 * once more at stop. A failed write is logged and tried again with the next change: the history
 * is a nicety, never a reason to stop sampling.
 */
export interface HistoryFileStore {
  load(): Promise<HistoryPoint[]>;
  /** The history changed: saved within HISTORY_SAVE_EVERY_MS. */
  changed(points: readonly HistoryPoint[]): void;
  /** Writes what is waiting now (at stop) and resolves once it is on disk or failed. */
  flush(): Promise<void>;
}

export function createHistoryFile(deps: {
  dataDir: string;
  log: Logger;
  clock: Clock;
  /** How a file is written (tests count the writes); writeFileAtomic unless told. */
  write?: (path: string, data: string) => Promise<void>;
}): HistoryFileStore {
  const { clock, log, write: writeFile = writeFileAtomic } = deps;
  const path = historyPath(deps.dataDir);
  let waiting: readonly HistoryPoint[] | null = null;
  let timer: unknown = null;
  let lastWrite = -Infinity;
  let writes: Promise<void> = Promise.resolve();

  function write(): Promise<void> {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const points = waiting;
    waiting = null;
    if (points === null) return writes;
    lastWrite = clock.now();
    writes = writes
      .then(() => writeFile(path, JSON.stringify({ version: 1, points })))
      .catch((error: unknown) => log.error('the history could not be saved', { error: String(error) }));
    return writes;
  }

  return {
    async load() {
      const read = await readJsonFile(path, { ownFile: { maxBytes: HISTORY_MAX_BYTES } });
      if (!read.ok) {
        if (!read.missing) log.error('the history file is damaged; the history starts anew', { detail: read.detail });
        return [];
      }
      const file = HistoryFile.safeParse(read.value);
      if (!file.success) {
        log.error('the history file is damaged; the history starts anew', { detail: 'not a history file' });
        return [];
      }
      const points = file.data.points.map(storedPoint);
      const good = points.filter((p): p is HistoryPoint => p !== null).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      if (good.length < points.length) log.warn('history points refused', { refused: points.length - good.length });
      // One point per instant (a damaged file may repeat one), then only what today's rules keep.
      const unique = good.filter((p, i) => i === 0 || p.at !== good[i - 1]!.at);
      return compactHistory(unique, clock.now());
    },
    changed(points) {
      waiting = points;
      if (timer !== null) return;
      timer = clock.setTimeout(() => void write(), Math.max(0, lastWrite + HISTORY_SAVE_EVERY_MS - clock.now()));
    },
    flush: () => write(),
  };
}

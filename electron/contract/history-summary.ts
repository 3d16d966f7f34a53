// The health history summed up, the same for a ticket's diagnostics (the agent) and the charts'
// words in Details (the renderer), so that the two cannot disagree. Kept free of zod and of
// state.ts (the renderer reads it too): a point is described by its shape, as state.ts's HistoryPoint has it.

export interface HistoryPoint {
  at: string;
  cpuLoadPercent: number | null;
  memoryUsedPercent: number | null;
  diskFreePercent?: number | null | undefined;
}

export type HistoryFigure = 'cpuLoadPercent' | 'memoryUsedPercent' | 'diskFreePercent';
export const HISTORY_FIGURES: readonly HistoryFigure[] = ['cpuLoadPercent', 'memoryUsedPercent', 'diskFreePercent'];

/** One decimal is more than a chart can show, and keeps the history file small. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The mean of the figures that were measured; null when none was. */
export function meanOf(points: readonly HistoryPoint[], figure: HistoryFigure): number | null {
  const values = points.map((p) => p[figure]).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? null : round1(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The start of the 5-minute period a toISOString time falls in, as text: no date parsing per point (about 1 µs each). */
export function bucketOf(at: string): string {
  const minute = Math.floor(Number(at.slice(14, 16)) / 5) * 5;
  return `${at.slice(0, 14)}${minute < 10 ? '0' : ''}${minute}:00.000Z`;
}

export interface FigureSummary {
  avg: number | null;
  max: number | null;
  min: number | null;
}

/** As the API's DiagnosticsHealth.historySummary has it. */
export type HistorySummary = { hours: number } & Record<HistoryFigure, FigureSummary>;

/**
 * How many hours the history covers, and per figure its average, highest and lowest: all of
 * 5-minute means, as the history keeps everything older than an hour (agent/health/history.ts).
 * Taken over the samples instead, the last hour (up to 720 of them) would outweigh the 23 hours
 * before it, and its seconds-long peaks would stand beside averaged-out older ones. Time with no
 * samples (the PC was off) counts for nothing.
 */
export function historySummary(history: readonly HistoryPoint[]): HistorySummary {
  const buckets = new Map<string, HistoryPoint[]>();
  for (const point of history) {
    const key = bucketOf(point.at);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(point);
    else buckets.set(key, [point]);
  }
  const figure = (name: HistoryFigure): FigureSummary => {
    const values = [...buckets.values()].map((bucket) => meanOf(bucket, name)).filter((v): v is number => v !== null);
    if (values.length === 0) return { avg: null, max: null, min: null };
    return { avg: round1(values.reduce((a, b) => a + b, 0) / values.length), max: Math.max(...values), min: Math.min(...values) };
  };
  const first = history[0];
  const last = history.at(-1);
  const hours = first && last ? Math.max(0, round1((Date.parse(last.at) - Date.parse(first.at)) / 3_600_000)) : 0;
  return { hours, cpuLoadPercent: figure('cpuLoadPercent'), memoryUsedPercent: figure('memoryUsedPercent'), diskFreePercent: figure('diskFreePercent') };
}

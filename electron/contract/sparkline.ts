import type { HistoryPoint } from './history-summary';
import type { HistoryFigure } from './history-summary';

/** A point of a chart: `x` from 0 (left) to 1 (right), `value` a percentage or null (not measured). */
export interface ChartPoint {
  x: number;
  value: number | null;
}

/**
 * An SVG path through percentages (0–100) at their place on the x axis; a missing sample breaks
 * the line instead of pretending it was zero. Values outside 0–100 are clamped.
 */
export function sparkPath(points: readonly ChartPoint[], width: number, height: number): string {
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = '';
  let drawing = false;
  for (const { x, value } of points) {
    if (value === null || !Number.isFinite(value)) {
      drawing = false;
      continue;
    }
    const y = height - (Math.min(100, Math.max(0, value)) / 100) * height;
    path += `${drawing ? 'L' : 'M'}${round(Math.min(1, Math.max(0, x)) * width)} ${round(y)}`;
    drawing = true;
  }
  return path;
}

/**
 * Longer than this between two points means the PC was off or asleep: the line breaks there
 * rather than drawing a straight line through hours nobody measured. The history's points are
 * at most 5 minutes apart while the agent runs (at the default sample rate).
 */
export const CHART_GAP_MS = 15 * 60_000;

/** One figure of the history placed on a time axis from `from` to `to` (epoch ms), broken at gaps. */
export function historySeries(history: readonly HistoryPoint[], figure: HistoryFigure, from: number, to: number): ChartPoint[] {
  const span = to - from;
  const points: ChartPoint[] = [];
  let previous = -Infinity;
  for (const point of history) {
    const at = Date.parse(point.at);
    if (!(at >= from && at <= to)) continue;
    if (at - previous > CHART_GAP_MS) points.push({ x: 0, value: null });
    points.push({ x: span > 0 ? (at - from) / span : 1, value: point[figure] ?? null });
    previous = at;
  }
  return points;
}

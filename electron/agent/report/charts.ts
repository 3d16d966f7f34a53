import type { HistoryPoint, Language } from '../../contract';
import { historySummary, HISTORY_FIGURES, type HistoryFigure } from '../../contract/history-summary';
import { formatNumber } from '../../contract/numbers';
import { historySeries, sparkPath } from '../../contract/sparkline';
import { formatTime } from '../../contract/when';
import { esc } from './html';

// The 24-hour charts of Details (renderer/src/components/HistoryCharts.tsx) as inline SVG for the
// report: the same series, the same line breaks where the PC was off, the same words under each.

const W = 600;
const H = 90;
const DAY_MS = 24 * 60 * 60_000;
const NAMES: Record<HistoryFigure, 'cpu' | 'memory' | 'diskFree'> = { cpuLoadPercent: 'cpu', memoryUsedPercent: 'memory', diskFreePercent: 'diskFree' };

/** The catalog in the report's language, unescaped (the words are escaped where they go into the page). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Three figures on one time axis (24 hours back from the newest point), each captioned in words. */
export function chartsHtml(history: readonly HistoryPoint[], language: Language, t: Translate): string {
  if (history.length < 2) return `<p class="muted">${esc(t('details.noHistory'))}</p>`;
  const summary = historySummary(history);
  const to = Date.parse(history.at(-1)!.at);
  const from = to - DAY_MS;
  const percent = (value: number) => t('details.percent', { value: formatNumber(value, language, 0) });
  const axis = `<div class="axis"><span>${esc(t('history.since', { time: formatTime(new Date(from), language) }))}</span><span>${esc(t('history.now'))}</span></div>`;
  return HISTORY_FIGURES.map((figure) => {
    const { avg, max, min } = summary[figure];
    const label = t(`history.${NAMES[figure]}`);
    const words =
      avg === null || max === null || min === null
        ? t('history.notMeasured', { figure: label })
        : t('history.summary', { figure: label, avg: percent(avg), max: percent(max), min: percent(min) });
    const path = sparkPath(historySeries(history, figure, from, to), W, H);
    return `<figure class="chart">
<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="${esc(t('history.chartLabel', { figure: label }))}">
<line class="grid" x1="0" x2="${W}" y1="0.5" y2="0.5"/><line class="grid" x1="0" x2="${W}" y1="${H / 2}" y2="${H / 2}"/><line class="grid" x1="0" x2="${W}" y1="${H - 0.5}" y2="${H - 0.5}"/>
<path class="line" d="${esc(path)}"/>
</svg>${axis}
<figcaption>${esc(words)}</figcaption>
</figure>`;
  }).join('\n');
}

import { useTranslation } from 'react-i18next';
import type { HistoryPoint, Language } from '../../../electron/contract';
import { historySummary, type HistoryFigure } from '../../../electron/contract/history-summary';
import { formatNumber, formatTime } from '../format';
import { historySeries, sparkPath } from '../../../electron/contract/sparkline';

const W = 300;
const H = 32;
const DAY_MS = 24 * 60 * 60_000;

/** The three charts, each with its line's class (its colour) and its name in the catalog. */
const CHARTS: readonly { figure: HistoryFigure; name: 'cpu' | 'memory' | 'diskFree'; line: string }[] = [
  { figure: 'cpuLoadPercent', name: 'cpu', line: 'spark-cpu' },
  { figure: 'memoryUsedPercent', name: 'memory', line: 'spark-memory' },
  { figure: 'diskFreePercent', name: 'diskFree', line: 'spark-disk' },
];

/**
 * The last 24 hours of CPU, memory and free space as three small charts on one time axis (24 hours
 * back from the newest point). Each is a figure whose caption says in words what the line shows
 * (average, highest, lowest: the summary a ticket carries too), so a screen reader misses nothing.
 */
export function HistoryCharts({ history, language }: { history: HistoryPoint[]; language: Language }) {
  const { t } = useTranslation();
  if (history.length < 2) return <p className="muted small">{t('details.noHistory')}</p>;
  const summary = historySummary(history);
  const to = Date.parse(history.at(-1)!.at);
  const from = to - DAY_MS;
  const percent = (value: number) => t('details.percent', { value: formatNumber(value, language, 0) });
  return (
    <div className="history-charts">
      {CHARTS.map(({ figure, name, line }) => {
        const { avg, max, min } = summary[figure];
        const label = t(`history.${name}`);
        const words =
          avg === null || max === null || min === null
            ? t('history.notMeasured', { figure: label })
            : t('history.summary', { figure: label, avg: percent(avg), max: percent(max), min: percent(min) });
        return (
          <figure key={figure} className="history-chart">
            <figcaption>{words}</figcaption>
            <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={t('history.chartLabel', { figure: label })}>
              <line className="spark-grid" x1="0" x2={W} y1={H / 2} y2={H / 2} />
              <path className={line} d={sparkPath(historySeries(history, figure, from, to), W, H)} />
            </svg>
          </figure>
        );
      })}
      <div className="history-axis" aria-hidden="true">
        <span>{t('history.since', { time: formatTime(new Date(from), language) })}</span>
        <span>{t('history.now')}</span>
      </div>
    </div>
  );
}

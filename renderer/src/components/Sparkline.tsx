import { useTranslation } from 'react-i18next';
import type { HistoryPoint } from '../../../electron/contract';
import { sparkPath } from '../sparkline';

const W = 300;
const H = 48;

/** The last hour of CPU and memory use as two lines; the legend carries the meaning. */
export function Sparkline({ history }: { history: HistoryPoint[] }) {
  const { t } = useTranslation();
  if (history.length < 2) return <p className="muted small">{t('details.noHistory')}</p>;
  return (
    <figure className="sparkline">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={t('details.historyLabel')}>
        <line className="spark-grid" x1="0" x2={W} y1={H / 2} y2={H / 2} />
        <path className="spark-memory" d={sparkPath(history.map((p) => p.memoryUsedPercent), W, H)} />
        <path className="spark-cpu" d={sparkPath(history.map((p) => p.cpuLoadPercent), W, H)} />
      </svg>
      <figcaption className="legend">
        <span className="legend-cpu">{t('details.cpu')}</span>
        <span className="legend-memory">{t('details.memory')}</span>
      </figcaption>
    </figure>
  );
}

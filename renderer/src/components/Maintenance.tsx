import { useTranslation } from 'react-i18next';
import type { Language, MaintenanceState, SizeUnits } from '../../../electron/contract';
import { describeAgo, formatDateTime } from '../format';
import { maintenanceLine } from '../../../electron/contract/maintenance-line';
import { Chevron } from './Icons';

/**
 * "Onderhoud": what hallo, and this PC did in the last 30 days, newest first as the agent keeps it
 * (state.maintenance). Folded: opening it asks the agent to fetch hallo,'s part now (`onOpen`).
 * The heading is for screen readers' lists of headings, as in Checks.tsx. When: in days ("gisteren") in the servicedesk's zone, with the exact time beside it.
 */
export function Maintenance(props: { maintenance: MaintenanceState; units: SizeUnits; zone: string; language: Language; now: Date; onOpen: () => void }) {
  const { maintenance, units, zone, language, now, onOpen } = props;
  const { t } = useTranslation();
  return (
    <section className="maintenance" aria-labelledby="maintenance-title">
      <h2 id="maintenance-title" className="visually-hidden">
        {t('maintenance.title')}
      </h2>
      <details className="disclosure" onToggle={(event) => event.currentTarget.open && onOpen()}>
        <summary>
          <span className="summary-text">{t('maintenance.title')}</span>
          <Chevron />
        </summary>
        <div className="maintenance-body">
          <p className="muted small">{t('maintenance.intro')}</p>
          {maintenance.stale && <p className="muted small">{t('maintenance.stale')}</p>}
          {maintenance.entries.length === 0 ? (
            <p className="muted">{t('maintenance.empty')}</p>
          ) : (
            <ol className="timeline">
              {maintenance.entries.map((entry) => (
                <li key={entry.id} className="timeline-entry">
                  <p className="timeline-what">{maintenanceLine(entry, units, language, t)}</p>
                  <p className="muted small">
                    <time dateTime={entry.at}>{describeAgo(entry.at, now, zone, language)}</time>
                    {' · '}
                    {formatDateTime(entry.at, language, 'short')}
                    {' · '}
                    {t(entry.source === 'hallo' ? 'maintenance.byHallo' : 'maintenance.byPc')}
                  </p>
                  {entry.note && <p className="timeline-note">{t('maintenance.note', { note: entry.note })}</p>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </details>
    </section>
  );
}

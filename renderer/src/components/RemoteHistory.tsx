import { useTranslation } from 'react-i18next';
import type { Language, RemoteHistoryEntry } from '../../../electron/contract';
import { formatDateTime } from '../format';
import { Chevron } from './Icons';

/** One earlier request in words: what was decided and why, how long it ran, who ended it. */
function Entry({ entry, language }: { entry: RemoteHistoryEntry; language: Language }) {
  const { t } = useTranslation();
  const decided = [t(`remote.outcome.${entry.outcome}`)];
  if (entry.denial && entry.outcome !== 'expired') decided.push(t(`remote.denial.${entry.denial}`));
  if (entry.mode && entry.outcome === 'granted') decided.push(t(`remote.mode.${entry.mode}`));
  return (
    <li className="remote-entry">
      <p>
        <strong>{t('remote.historyWho', { name: entry.technicianName })}</strong>
        {entry.ticketNumber !== null && <span className="muted"> · {t('remote.historyTicket', { number: entry.ticketNumber })}</span>}
      </p>
      <p className="remote-entry-reason">{entry.reason}</p>
      <p className="muted small">
        {formatDateTime(entry.requestedAt, language, 'short')} · {decided.join(', ')}
        {entry.minutes !== null && <> · {t('duration.minutes', { count: entry.minutes })}</>}
        {entry.endedBy && <> · {t(`remote.endedBy.${entry.endedBy}`)}</>}
      </p>
    </li>
  );
}

/** The last requests, newest first (the agent keeps 50). */
export function RemoteHistory({ history, language }: { history: RemoteHistoryEntry[]; language: Language }) {
  const { t } = useTranslation();
  return (
    <details className="disclosure">
      <summary>
        <span className="summary-text">{t('remote.historyTitle')}</span>
        <Chevron />
      </summary>
      {history.length === 0 ? (
        <p className="muted">{t('remote.historyEmpty')}</p>
      ) : (
        <ul className="remote-list">
          {history.map((entry) => (
            <Entry key={entry.sessionId} entry={entry} language={language} />
          ))}
        </ul>
      )}
    </details>
  );
}

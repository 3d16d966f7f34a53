import { useTranslation } from 'react-i18next';
import type { Language, TicketsState } from '../../../electron/contract';
import { formatDateTime } from '../format';
import { hasText } from '../i18n';
import { SubviewHeader } from './SubviewHeader';

// Enough of a reply to know what it says; the portal has the rest.
const REPLY_CHARS = 240;

function truncate(text: string): string {
  const chars = [...text];
  return chars.length <= REPLY_CHARS ? text : `${chars.slice(0, REPLY_CHARS).join('').trimEnd()}…`;
}

/** "Mijn meldingen": this PC's tickets, newest first, with their status and the last reply. */
export function MyTickets({ tickets, language, refreshing, onBack }: { tickets: TicketsState; language: Language; refreshing: boolean; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const updated = formatDateTime(tickets.listUpdatedAt, language);
  return (
    <div className="my-tickets">
      <SubviewHeader title={t('myTickets.title')} backLabel={t('myTickets.back')} onBack={onBack} />
      <p className="muted small" role="status">
        {refreshing ? t('myTickets.refreshing') : updated ? t('myTickets.updatedAt', { when: updated }) : ''}
      </p>
      {tickets.list.length === 0 ? (
        <p className="muted">{t('myTickets.none')}</p>
      ) : (
        <ul className="ticket-list">
          {tickets.list.map((ticket) => (
            <li key={ticket.ticketId} className="card ticket">
              <div className="ticket-head">
                <p className="ticket-number">{t('myTickets.number', { number: String(ticket.number) })}</p>
                <p className={`pill pill-${ticket.status}`}>
                  {hasText(i18n, `myTickets.status.${ticket.status}`) ? t(`myTickets.status.${ticket.status}`) : ticket.status}
                </p>
              </div>
              <p className="ticket-subject" dir="auto">
                {ticket.subject}
              </p>
              {ticket.lastReply && (
                <div className="reply">
                  <p className="muted small">{t('myTickets.lastReply', { from: ticket.lastReply.from, when: formatDateTime(ticket.lastReply.at, language) ?? '' })}</p>
                  <p className="reply-text" dir="auto">
                    {truncate(ticket.lastReply.text)}
                  </p>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

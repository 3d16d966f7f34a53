import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, TicketsState } from '../../../electron/contract';
import { formatDateTime } from '../format';
import { SubviewHeader } from './SubviewHeader';
import { useStatusWord } from './thread/useStatusWord';

// Enough of a reply to know what it says; the conversation has the rest.
const REPLY_CHARS = 240;

function truncate(text: string): string {
  const chars = [...text];
  return chars.length <= REPLY_CHARS ? text : `${chars.slice(0, REPLY_CHARS).join('').trimEnd()}…`;
}

interface Props {
  tickets: TicketsState;
  language: Language;
  refreshing: boolean;
  onBack: () => void;
  onOpen: (ticketId: string) => void;
  /** The ticket whose conversation was just closed: focus goes back to it. */
  focusTicketId: string | null;
}

/**
 * "Mijn meldingen": this PC's tickets in the agent's order ("Wacht op jouw reactie" first), with
 * their status, what is new and the last reply; each opens its conversation.
 */
export function MyTickets({ tickets, language, refreshing, onBack, onOpen, focusTicketId }: Props) {
  const { t } = useTranslation();
  const statusWord = useStatusWord();
  const updated = formatDateTime(tickets.listUpdatedAt, language);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusTicketId) return;
    // After the title took focus (SubviewHeader): back from a conversation, focus is where it was.
    const button = [...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-ticket]') ?? [])].find((b) => b.dataset.ticket === focusTicketId);
    button?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="my-tickets">
      <SubviewHeader title={t('myTickets.title')} backLabel={t('myTickets.back')} onBack={onBack} />
      <p className="muted small" role="status">
        {refreshing ? t('myTickets.refreshing') : updated ? t('myTickets.updatedAt', { when: updated }) : ''}
      </p>
      {tickets.list.length === 0 ? (
        <p className="muted">{t('myTickets.none')}</p>
      ) : (
        <ul className="ticket-list" ref={list}>
          {tickets.list.map((ticket) => (
            <li key={ticket.ticketId} className={`card ticket${ticket.status === 'waiting' ? ' ticket-waiting' : ''}`}>
              <div className="ticket-head">
                <p className="ticket-number">{t('myTickets.number', { number: String(ticket.number) })}</p>
                <p className={`pill pill-${ticket.status}`}>{statusWord(ticket.status)}</p>
              </div>
              <button
                type="button"
                className="ticket-open"
                data-ticket={ticket.ticketId}
                aria-label={`${t('myTickets.openThread', { number: String(ticket.number) })}: ${ticket.subject}`}
                onClick={() => onOpen(ticket.ticketId)}
              >
                <span className="ticket-subject" dir="auto">
                  {ticket.subject}
                </span>
              </button>
              {(ticket.unread > 0 || ticket.pendingReplies > 0) && (
                <p className="ticket-badges">
                  {ticket.unread > 0 && <span className="badge">{t('myTickets.unread', { count: ticket.unread })}</span>}
                  {ticket.pendingReplies > 0 && <span className="pill">{t('myTickets.pendingReplies', { count: ticket.pendingReplies })}</span>}
                </p>
              )}
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

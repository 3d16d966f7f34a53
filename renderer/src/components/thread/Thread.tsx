import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, OpenThread, ThreadMessage } from '../../../../electron/contract';
import { formatDateTime } from '../../format';
import { hasText } from '../../i18n';
import { errorReasonKey } from '../../messages';
import { SubviewHeader } from '../SubviewHeader';
import { ReplyBox, type ReplyActions } from './ReplyBox';
import { useSize } from '../report/useSize';
import { ThreadEntry, type EntryWords } from './ThreadEntry';
import { useStatusWord } from './useStatusWord';

export interface ThreadActions extends ReplyActions {
  loadOlder(): Promise<void>;
}

/**
 * One ticket's conversation, oldest first, as the agent merged it (its cache, the API's pages and
 * events, this PC's replies in the outbox); the reply box under it. Opening it focuses its title;
 * a message that arrives while it is open is announced once, politely.
 */
export function Thread({ thread, max, language, actions, onBack }: { thread: OpenThread; max: number; language: Language; actions: ThreadActions; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const statusWord = useStatusWord();
  const size = useSize(language);
  const words: EntryWords = { t, statusWord, size };
  const title = thread.number !== null ? t('thread.title', { number: String(thread.number) }) : t('thread.titleNoNumber');
  const { messages } = thread;

  // Something new at the end (an event, a fetch) is announced; the page first shown and older pages are not.
  const last = messages.at(-1) ?? null;
  const [lastSeen, setLastSeen] = useState(last?.id ?? null);
  const [announced, setAnnounced] = useState('');
  if ((last?.id ?? null) !== lastSeen) {
    setLastSeen(last?.id ?? null);
    if (lastSeen !== null && last) setAnnounced(announcement(last));
  }
  function announcement(message: ThreadMessage): string {
    if (message.kind === 'status') return message.status ? t('thread.statusChange', { status: statusWord(message.status) }) : '';
    return message.from === 'employee' ? '' : t('thread.newFrom', { name: message.name || t('thread.system') });
  }

  // "Toon eerdere berichten" keeps focus while there is more; once all is there, focus goes to the oldest.
  const oldest = useRef<HTMLLIElement>(null);
  const askedOlder = useRef(false);
  useEffect(() => {
    if (askedOlder.current && !thread.olderAvailable) {
      askedOlder.current = false;
      oldest.current?.focus();
    }
  }, [thread.olderAvailable]);

  const updated = formatDateTime(thread.syncedAt, language);
  const reason = thread.lastError ? t(errorReasonKey(thread.lastError.code, (key) => hasText(i18n, key))) : null;
  const closed = thread.gone || (!thread.canReply && !thread.canResolve);
  return (
    <div className="thread">
      <SubviewHeader title={title} backLabel={t('thread.back')} onBack={onBack} />
      <div className="thread-about">
        <p className="ticket-subject" dir="auto">
          {thread.subject}
        </p>
        {thread.status && <p className={`pill pill-${thread.status}`}>{t('thread.status', { status: statusWord(thread.status) })}</p>}
      </div>
      <p className="muted small" role="status">
        {thread.loading === 'newer' ? t('thread.loadingNewer') : thread.loading === 'older' ? t('thread.loadingOlder') : updated ? t('myTickets.updatedAt', { when: updated }) : ''}
      </p>
      {reason && <p className="small muted">{t('thread.notUpdated', { reason })}</p>}
      {thread.olderAvailable && (
        <button
          type="button"
          className="button subtle thread-older"
          aria-disabled={thread.loading === 'older' ? true : undefined}
          onClick={() => {
            if (thread.loading === 'older') return;
            askedOlder.current = true;
            void actions.loadOlder().catch(() => undefined);
          }}
        >
          {t('thread.older')}
        </button>
      )}
      <ol className="thread-messages" aria-label={t('thread.conversation')}>
        {messages.map((message, index) => (
          <ThreadEntry key={message.id} ref={index === 0 ? oldest : undefined} message={message} language={language} words={words} />
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
      {closed && (
        <p className="alert" role="status">
          {t(thread.gone ? 'thread.gone' : 'thread.closed')}
        </p>
      )}
      {/* A reply refused because the ticket is gone or closed stays in its box, with the reason. */}
      {(!closed || thread.reply.draft) && <ReplyBox key={thread.ticketId} thread={thread} max={max} language={language} actions={actions} />}
    </div>
  );
}

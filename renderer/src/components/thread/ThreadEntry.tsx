import type { Ref } from 'react';
import type { TFunction } from 'i18next';
import type { Language, ThreadMessage } from '../../../../electron/contract';
import { formatDateTime } from '../../format';

/** The thread's words, looked up once for all its entries (a hook per entry costs in a long thread). */
export interface EntryWords {
  t: TFunction;
  statusWord: (status: string) => string;
  size: (bytes: number) => string;
}

/**
 * One entry of the conversation: a message (who, when, what; this PC's reply with where it is) or a
 * status change in plain words. Text from the API or the employee is always text: React escapes
 * it, so HTML and markdown show as typed; `dir="auto"` lets right-to-left text read its own way.
 */
export function ThreadEntry({ message, language, words, ref }: { message: ThreadMessage; language: Language; words: EntryWords; ref?: Ref<HTMLLIElement> }) {
  const { t, statusWord, size } = words;
  const when = formatDateTime(message.at, language, 'short');
  const time = when && <time dateTime={message.at}>{when}</time>;
  if (message.kind === 'status') {
    return (
      <li ref={ref} tabIndex={-1} className="thread-entry thread-status">
        <p>
          {message.status ? t('thread.statusChange', { status: statusWord(message.status) }) : null}
          {message.text && (
            <span className="message-text" dir="auto">
              {' '}
              {message.text}
            </span>
          )}
        </p>
        <p className="muted small">{time}</p>
      </li>
    );
  }
  const name = message.from === 'employee' ? t('thread.you') : message.name || t('thread.system');
  return (
    <li ref={ref} tabIndex={-1} className={`thread-entry message from-${message.from}`}>
      <p className="message-head">
        <span className="message-name" dir="auto">
          {name}
        </span>{' '}
        <span className="muted small">{time}</span>
      </p>
      {message.resolution && <p className="message-resolution">{t(message.resolution === 'solved' ? 'thread.solved' : 'thread.notSolved')}</p>}
      {message.text && (
        <p className="message-text" dir="auto">
          {message.text}
        </p>
      )}
      {message.attachments.map((attachment, index) => (
        <p key={`${attachment.name}:${index}`} className="muted small message-attachment" dir="auto">
          {t('thread.attachment', { name: attachment.name, size: size(attachment.bytes) })}
        </p>
      ))}
      {message.delivery && <p className={`small delivery delivery-${message.delivery}`}>{t(`thread.delivery.${message.delivery}`)}</p>}
    </li>
  );
}

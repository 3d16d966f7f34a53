import { useTranslation } from 'react-i18next';
import type { DamagedTicket, Language, OutboxItem } from '../../../../electron/contract';
import { describeWhen, telHref } from '../../format';
import { hasText } from '../../i18n';
import { errorReasonKey } from '../../messages';
import { pendingEntries } from '../../report';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * "Meldingen onderweg": every ticket not yet sent stays in sight, with why it waits; and a saved
 * ticket that could not be read back is said too, with the servicedesk's number, until dismissed.
 */
export function OutboxList(props: {
  outbox: OutboxItem[];
  damaged: DamagedTicket[];
  phone: string | null;
  hideId: string | null;
  language: Language;
  now: Date;
  onFix: (entry: OutboxItem) => void;
  onDismiss: (id: string) => void;
}) {
  const { outbox, damaged, phone, hideId, language, now, onFix, onDismiss } = props;
  const { t, i18n } = useTranslation();
  const entries = pendingEntries(outbox).filter((entry) => entry.id !== hideId);
  const delivered = outbox.filter((entry) => entry.deliveredLater && entry.id !== hideId);
  if (entries.length === 0 && delivered.length === 0 && damaged.length === 0) return null;
  const when = (iso: string | null) => {
    const w = describeWhen(iso, now, LOCAL_ZONE, language);
    return w ? t(w.key, w.params) : null;
  };
  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <ul className="outbox-list">
        {entries.map((entry) => {
          const code = entry.lastError?.code;
          const reason = code ? t(errorReasonKey(code, (key) => hasText(i18n, key))) : null;
          const next = entry.status === 'queued' ? when(entry.nextAttemptAt) : null;
          return (
            <li key={entry.id} className="outbox-entry">
              <p className="outbox-subject" dir="auto">
                {entry.subject}
              </p>
              <p className="small">
                <span className={`pill pill-${entry.phase}`}>{t(`outbox.status.${entry.phase}`)}</span>
                {next && <span className="muted"> {t('outbox.nextAttempt', { when: next })}</span>}
              </p>
              {reason && entry.showReason && <p className="small muted">{t('outbox.reason', { reason })}</p>}
              {entry.status === 'rejected' && entry.draft && (
                <button type="button" className="button" onClick={() => onFix(entry)}>
                  {t('outbox.fix')}
                </button>
              )}
            </li>
          );
        })}
        {delivered.map((entry) => (
          <li key={entry.id} className="outbox-entry">
            <p className="outbox-subject" dir="auto">
              {entry.subject}
            </p>
            <p className="small">
              <span className="pill pill-sent">{t('outbox.status.sent')}</span> {t('outbox.deliveredLater', { number: String(entry.number) })}
            </p>
            <button type="button" className="button" onClick={() => onDismiss(entry.id)}>
              {t('result.close')}
            </button>
          </li>
        ))}
        {damaged.map((file) => (
          <li key={file.file} className="outbox-entry">
            <p className="small">
              <span className="pill pill-rejected">{t('outbox.status.rejected')}</span> {t('outbox.damaged')}
            </p>
            <p className="small">
              {phone ? <a href={telHref(phone)}>{t('outbox.damagedCall', { phone })}</a> : t('outbox.damagedNoPhone')}
            </p>
            <button type="button" className="button" onClick={() => onDismiss(file.file)}>
              {t('outbox.damagedDismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

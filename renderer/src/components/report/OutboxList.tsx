import { useTranslation } from 'react-i18next';
import type { Language, OutboxEntry } from '../../../../electron/contract';
import { describeWhen } from '../../format';
import { hasText } from '../../i18n';
import { pendingEntries, resultKind, waitedLong } from '../../report';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Meldingen onderweg": every ticket not yet sent stays in sight, with why it waits. */
export function OutboxList(props: { outbox: OutboxEntry[]; hideId: string | null; language: Language; now: Date; onFix: (entry: OutboxEntry) => void }) {
  const { outbox, hideId, language, now, onFix } = props;
  const { t, i18n } = useTranslation();
  const entries = pendingEntries(outbox).filter((entry) => entry.id !== hideId);
  if (entries.length === 0) return null;
  const when = (iso: string | null) => {
    const w = describeWhen(iso, now, LOCAL_ZONE, language);
    return w ? t(w.key, w.params) : null;
  };
  return (
    <section className="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <ul className="outbox-list">
        {entries.map((entry) => {
          const kind = resultKind(entry);
          const code = entry.lastError?.code;
          const reason = code ? (hasText(i18n, `outbox.error.${code}`) ? t(`outbox.error.${code}`) : t('outbox.error.other')) : null;
          const next = entry.status === 'queued' ? when(entry.nextAttemptAt) : null;
          return (
            <li key={entry.id} className="outbox-entry">
              <p className="outbox-subject" dir="auto">
                {entry.subject}
              </p>
              <p className="small">
                <span className={`pill pill-${kind}`}>{t(`outbox.status.${entry.status}`)}</span>
                {next && <span className="muted"> {t('outbox.nextAttempt', { when: next })}</span>}
              </p>
              {reason && kind === 'queued' && waitedLong(entry, now) && <p className="small muted">{t('outbox.reason', { reason })}</p>}
              {entry.status === 'rejected' && entry.draft && (
                <button type="button" className="button" onClick={() => onFix(entry)}>
                  {t('outbox.fix')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

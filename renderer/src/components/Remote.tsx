import { useTranslation } from 'react-i18next';
import type { Language, RemoteState } from '../../../electron/contract';
import { formatTime } from '../format';
import { RemoteAudit } from './RemoteAudit';
import { RemoteHistory } from './RemoteHistory';

export interface RemoteSectionActions {
  end(): void;
  acknowledge(): void;
}

/** Whether the popup has anything to say about remote support (nothing asked yet: no section). */
export function hasRemoteNews(remote: RemoteState): boolean {
  return remote.request !== null || remote.session !== null || remote.receipt !== null || remote.history.length > 0 || remote.audit.lines.length > 0 || remote.audit.chain === 'broken';
}

/**
 * The popup's "Hulp op afstand": the session running now with "Beëindigen", the receipt of the one
 * that just ended (once, until "Oké"), a request waiting in its own window, the history and the
 * audit log. Times read in the policy's zone, as the bar says them.
 */
export function RemoteSection(props: { remote: RemoteState; language: Language; zone: string; actions: RemoteSectionActions }) {
  const { remote, language, zone, actions } = props;
  const { t } = useTranslation();
  const { session, receipt, request } = remote;
  const time = (iso: string) => formatTime(new Date(iso), language, zone);

  return (
    <section className="card remote" aria-labelledby="remote-title">
      <h2 id="remote-title">{t('remote.title')}</h2>

      {session && (
        <div className="remote-session">
          <p>
            {session.phase === 'connecting'
              ? t('remote.connecting', { name: session.technicianName })
              : t(session.mode === 'control' ? 'remote.runningControl' : 'remote.running', {
                  name: session.technicianName,
                  time: time(session.startedAt ?? session.grantedAt),
                })}
          </p>
          <button type="button" className="button accent" onClick={actions.end} disabled={session.phase === 'ending'}>
            {t('remote.end')}
          </button>
        </div>
      )}
      {request && !session && <p>{t('remote.waiting', { name: request.technicianName })}</p>}

      {receipt && (
        <div className="remote-receipt" role="status">
          <p>
            {t('remote.receipt', {
              name: receipt.technicianName,
              time: time(receipt.endedAt),
              duration: t('duration.minutes', { count: receipt.minutes }),
            })}
          </p>
          {receipt.reason !== 'ended' && <p className="muted small">{t(`remote.endReason.${receipt.reason}`)}</p>}
          <button type="button" className="button subtle" onClick={actions.acknowledge}>
            {t('remote.acknowledge')}
          </button>
        </div>
      )}

      <RemoteHistory history={remote.history} language={language} />
      <RemoteAudit audit={remote.audit} language={language} />
    </section>
  );
}

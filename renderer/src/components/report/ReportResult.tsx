import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry, SupportState } from '../../../../electron/contract';
import { telHref } from '../../format';
import { resultKind, urgentCall } from '../../report';
import { StateIcon } from '../Icons';

/**
 * What happened to the ticket just sent, read from its outbox entry: "Verzonden, meldingnummer …"
 * only once the API acknowledged it. Lives inside a polite live region, so each change is heard.
 */
export function ReportResult({ entry, support, onClose }: { entry: OutboxEntry; support: SupportState; onClose: () => void }) {
  const { t } = useTranslation();
  const kind = resultKind(entry);
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // A ticket number is a name, not an amount: no thousands separator.
  const number = entry.number === null ? '' : String(entry.number);
  const call = urgentCall(support, entry.urgency === 'critical');
  return (
    <div className={`card result result-${kind}`}>
      <div className="result-head">
        <StateIcon kind={kind === 'sent' ? 'ok' : kind === 'rejected' ? 'problem' : kind === 'queued' ? 'attention' : 'unknown'} size={20} />
        <p ref={heading} tabIndex={-1} className="result-text">
          {kind === 'sent' ? t('result.sent', { number }) : t(`result.${kind}`)}
        </p>
      </div>
      {kind === 'sent' && <p className="muted small">{t('result.sentHint')}</p>}
      {kind === 'queued' && call.kind === 'emergency' && (
        <p className="emergency">
          <a className="emergency-call" href={telHref(call.phone)}>
            {t('result.queuedEmergency', { phone: call.phone })}
          </a>
        </p>
      )}
      {kind === 'queued' &&
        (call.kind === 'desk' ? (
          <p className="small">
            <a href={telHref(call.phone)}>{t('result.queuedHint', { phone: call.phone })}</a>
          </p>
        ) : (
          <p className="small">{t('result.queuedHintNoPhone')}</p>
        ))}
      {kind !== 'sending' && (
        <button type="button" className="button subtle" onClick={onClose}>
          {t('result.close')}
        </button>
      )}
    </div>
  );
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, SupportState } from '../../../../electron/contract';
import { telHref } from '../../format';
import { StateIcon } from '../Icons';

/**
 * What happened to the ticket just sent, read from its outbox entry: "Verzonden, meldingnummer …"
 * only once the API acknowledged it. Lives inside a polite live region, so each change is heard.
 */
export function ReportResult({ entry, support, onClose }: { entry: OutboxItem; support: SupportState; onClose: () => void }) {
  const { t } = useTranslation();
  const kind = entry.phase;
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // A ticket number is a name, not an amount: no thousands separator.
  const number = entry.number === null ? '' : String(entry.number);
  return (
    <div className={`card result result-${kind}`}>
      <div className="result-head">
        <StateIcon kind={kind === 'sent' ? 'ok' : kind === 'rejected' ? 'problem' : kind === 'queued' ? 'attention' : 'unknown'} size={20} />
        <p ref={heading} tabIndex={-1} className="result-text">
          {kind === 'sent' ? t('result.sent', { number }) : t(`result.${kind}`)}
        </p>
      </div>
      {kind === 'sent' && <p className="muted small">{t('result.sentHint')}</p>}
      {kind === 'queued' && entry.advice === 'emergency' && support.emergencyPhone && (
        <p className="emergency">
          <a className="emergency-call" href={telHref(support.emergencyPhone)}>
            {t('result.queuedEmergency', { phone: support.emergencyPhone })}
          </a>
        </p>
      )}
      {kind === 'queued' &&
        (entry.advice === 'call' ? (
          <p className="small">
            <a href={telHref(support.phone)}>{t('result.queuedHint', { phone: support.phone })}</a>
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

import { useTranslation } from 'react-i18next';
import type { Language, RemoteAuditLine, RemoteState } from '../../../electron/contract';
import { hasText } from '../i18n';
import { formatDateTime } from '../format';
import { Chevron } from './Icons';

type T = (key: string, params?: Record<string, unknown>) => string;

/**
 * A line's words: the kind's sentence, with the refusal's reason or the decision in words. A code
 * this version does not know (a newer agent's) gets the general words, never a raw key.
 */
export function auditText(line: RemoteAuditLine, t: T, has: (key: string) => boolean): string {
  const reason = `remote.refusal.${String(line.params.reason ?? '')}`;
  const why = t(has(reason) ? reason : 'remote.refusal.other');
  const decision = String(line.params.decision ?? '');
  const decided = ['granted', 'denied', 'expired'].includes(decision) ? t(`remote.outcome.${decision}`) : decision;
  return has(`remote.audit.${line.kind}`) ? t(`remote.audit.${line.kind}`, { why, decision: decided }) : line.kind;
}

/**
 * The audit log as the employee reads it: plain lines, newest first, and whether the chain holds.
 * A broken chain is said plainly; the first line that does not follow (its number) is for admins.
 */
export function RemoteAudit({ audit, language }: { audit: RemoteState['audit']; language: Language }) {
  const { t, i18n } = useTranslation();
  const has = (key: string) => hasText(i18n, key);
  const broken = audit.chain === 'broken';
  return (
    <details className="disclosure" open={broken || undefined}>
      <summary>
        <span className="summary-text">{t('remote.auditTitle')}</span>
        <Chevron />
      </summary>
      {broken ? (
        <div role="alert" className="updates-problem">
          <p>{t('remote.chainBroken')}</p>
          {audit.brokenAtSeq !== null && <p className="small">{t('remote.chainBrokenAt', { seq: audit.brokenAtSeq })}</p>}
        </div>
      ) : (
        <p className="muted small">{t('remote.chainIntact')}</p>
      )}
      <p className="muted small">{t('remote.auditIntro')}</p>
      {audit.unsent > 0 && <p className="muted small">{t('remote.unsent', { count: audit.unsent })}</p>}
      {audit.lines.length === 0 ? (
        <p className="muted">{t('remote.auditEmpty')}</p>
      ) : (
        <ol className="remote-list remote-audit">
          {audit.lines.map((line) => (
            <li key={line.seq}>
              <span className="muted small">
                {formatDateTime(line.at, language, 'short')} · {t('remote.auditSeq', { seq: line.seq })}
              </span>{' '}
              {auditText(line, t, has)}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

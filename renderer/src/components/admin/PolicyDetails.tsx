import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../../electron/contract/errors';
import type { AdminActions } from './actions';

type Read = { kind: 'closed' } | { kind: 'reading' } | { kind: 'read'; json: string } | { kind: 'error'; code: string };

/**
 * The policy the agent works from, as JSON, folded under the configuration card's fields ("where
 * it came from" stands above it). Read each time it opens: a policy may have arrived meanwhile.
 */
export function PolicyDetails({ readPolicy }: { readPolicy: AdminActions['admin.readPolicy'] }) {
  const { t } = useTranslation();
  const [read, setRead] = useState<Read>({ kind: 'closed' });

  const toggled = (open: boolean) => {
    if (!open) return setRead({ kind: 'closed' });
    setRead({ kind: 'reading' });
    readPolicy({}).then(
      ({ policy }) => setRead({ kind: 'read', json: JSON.stringify(policy, null, 2) }),
      (error: unknown) => setRead({ kind: 'error', code: error instanceof ActionError ? error.code : 'internal' }),
    );
  };

  return (
    <details className="disclosure" onToggle={(event) => toggled(event.currentTarget.open)}>
      <summary>
        <span className="summary-text">{t('admin.policy.show')}</span>
      </summary>
      {read.kind === 'reading' && <p className="muted small">{t('admin.policy.reading')}</p>}
      {read.kind === 'error' && <p role="alert">{t(`errors.${read.code}`)}</p>}
      {read.kind === 'read' && (
        <pre className="code block raw-json" tabIndex={0} aria-label={t('admin.policy.show')}>
          {read.json}
        </pre>
      )}
    </details>
  );
}

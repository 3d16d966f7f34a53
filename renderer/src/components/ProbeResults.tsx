import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecksState, Language } from '../../../electron/contract';
import { formatDateTime, formatNumber } from '../format';

/**
 * For admins: each probe behind the protection checks as it last ran (state.checks.probes): when,
 * how long, read or why not, the tool's own words, and what it printed, folded. "Nu controleren"
 * asks the agent to check now (`checks.refresh`).
 */
export function ProbeResults({ checks, language, onRefresh }: { checks: ChecksState; language: Language; onRefresh: () => void }) {
  const { t } = useTranslation();
  const checked = formatDateTime(checks.lastCheckedAt, language);
  return (
    <section className="card" aria-labelledby="admin-probes">
      <h2 id="admin-probes">{t('admin.probes.title')}</h2>
      <div className="probes-top">
        <p className="muted small" aria-live="polite">
          {checks.checking ? t('admin.probes.checking') : checked ? t('admin.probes.lastChecked', { when: checked }) : t('admin.probes.none')}
        </p>
        <button type="button" className="button" aria-disabled={checks.checking} onClick={() => !checks.checking && onRefresh()}>
          {t('admin.probes.refresh')}
        </button>
      </div>
      {checks.probes.length > 0 && (
        <table className="probes">
          <thead>
            <tr>
              <th scope="col">{t('admin.probes.probe')}</th>
              <th scope="col">{t('admin.probes.ranAt')}</th>
              <th scope="col">{t('admin.probes.duration')}</th>
              <th scope="col">{t('admin.probes.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.probes.map((run) => (
              <Fragment key={run.probe}>
                <tr>
                  <th scope="row">
                    <code className="code">{run.probe}</code>
                  </th>
                  <td>{formatDateTime(run.ranAt, language)}</td>
                  <td>{t('admin.probes.durationValue', { value: formatNumber(run.durationMs, language, 0) })}</td>
                  <td>
                    {run.read ? t('admin.probes.read') : t('admin.probes.notRead', { reason: t(`admin.probes.reason.${run.reason ?? 'error'}`) })}
                    {run.detail && <code className="code block">{run.detail}</code>}
                  </td>
                </tr>
                <tr className="probe-raw">
                  <td colSpan={4}>
                    <details className="disclosure">
                      <summary>
                        <span className="summary-text">{t('admin.probes.output', { probe: run.probe })}</span>
                      </summary>
                      {run.raw === '' ? (
                        <p className="muted small">{t('admin.probes.noOutput')}</p>
                      ) : (
                        <pre className="code block raw-json" tabIndex={0}>
                          {run.raw}
                        </pre>
                      )}
                    </details>
                  </td>
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

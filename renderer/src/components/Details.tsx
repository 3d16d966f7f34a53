import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthState, Language, Severity, SizeUnits } from '../../../electron/contract';
import { formatGb, formatNumber, formatTime, uptimeParts } from '../format';
import { Chevron } from './Icons';
import { HistoryCharts } from './HistoryCharts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="figure-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A share as a bar. SVG attributes, not inline styles: the CSP allows no `style=`. Its colour is
 * the severity the agent gave that disk's check; the popup does not judge figures itself.
 */
function Bar({ used, severity }: { used: number; severity: Severity | undefined }) {
  const width = Math.round(Math.min(1, Math.max(0, used)) * 1000) / 10;
  const level = severity === 'problem' || severity === 'attention' ? `bar-${severity}` : 'bar-ok';
  return (
    <svg className="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="bar-track" width="100" height="4" rx="2" />
      <rect className={level} width={width} height="4" rx="2" />
    </svg>
  );
}

/** The figures behind the checks, for whoever wants them. */
export function Details({ health, units, language }: { health: HealthState; units: SizeUnits; language: Language }) {
  const { t } = useTranslation();
  const figures = health.figures;
  const none = t('details.notMeasured');
  const percent = (value: number | null | undefined) =>
    value === null || value === undefined ? none : t('details.percent', { value: formatNumber(value, language, 0) });
  const uptime = figures?.uptimeSeconds != null ? uptimeParts(figures.uptimeSeconds) : null;

  return (
    <details className="disclosure details">
      <summary>
        <span className="summary-text">{t('details.title')}</span>
        <Chevron />
      </summary>
      <div className="details-body">
        <dl className="figures">
          <Row label={t('details.cpu')}>{percent(figures?.cpuLoadPercent)}</Row>
          <Row label={t('details.memory')}>
            {figures?.memory
              ? t('details.memoryValue', {
                  used: formatGb(figures.memory.usedBytes, units, language),
                  total: formatGb(figures.memory.totalBytes, units, language),
                })
              : none}
          </Row>
          <Row label={t('details.uptime')}>
            {uptime
              ? uptime.length === 2
                ? t('duration.join', { a: t(uptime[0]!.key, { count: uptime[0]!.count }), b: t(uptime[1]!.key, { count: uptime[1]!.count }) })
                : t(uptime[0]!.key, { count: uptime[0]!.count })
              : none}
          </Row>
          {figures?.battery && (
            <Row label={t('details.battery')}>
              {t(figures.battery.charging ? 'details.batteryCharging' : 'details.batteryValue', {
                percent: formatNumber(figures.battery.percent, language, 0),
              })}
              {figures.battery.healthPercent !== null && (
                <span className="figure-sub">
                  {t('details.batteryHealth', { percent: formatNumber(figures.battery.healthPercent, language, 0) })}
                </span>
              )}
            </Row>
          )}
        </dl>

        {figures && figures.disks.length > 0 && (
          <>
            <h3 className="subheading">{t('details.disks')}</h3>
            <ul className="disks">
              {figures.disks.map((disk) => (
                <li key={disk.mount} className="disk">
                  <div className="disk-line">
                    <span className="disk-name">{disk.label ? `${disk.label} (${disk.mount})` : disk.mount}</span>
                    <span className="disk-value">
                      {t('details.diskValue', {
                        free: formatGb(disk.freeBytes, units, language),
                        size: formatGb(disk.sizeBytes, units, language),
                      })}
                    </span>
                  </div>
                  <Bar
                    used={disk.sizeBytes > 0 ? 1 - disk.freeBytes / disk.sizeBytes : 0}
                    severity={health.items.find((item) => item.id === `disk-space:${disk.mount}`)?.severity}
                  />
                </li>
              ))}
            </ul>
          </>
        )}

        <h3 className="subheading">{t('history.title')}</h3>
        <HistoryCharts history={health.history} language={language} />
        {health.collectedAt && (
          <p className="muted small">{t('details.measuredAt', { time: formatTime(new Date(health.collectedAt), language) })}</p>
        )}
      </div>
    </details>
  );
}

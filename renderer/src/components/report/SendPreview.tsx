import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SizeUnits, TicketPreview, TicketsState } from '../../../../electron/contract';
import { formatDateTime, formatGb, formatNumber, localizeParams } from '../../format';
import { hasText } from '../../i18n';
import { itemMessage } from '../../messages';
import { useSize } from './useSize';

function Row({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{empty ? t('preview.none') : children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="preview-section">
      <h3 className="subheading">{title}</h3>
      {children}
    </section>
  );
}

/** "Bekijk wat er wordt meegestuurd": the request body of Send, section by section, in words. */
export function SendPreview(props: {
  body: TicketPreview;
  processesWanted: boolean;
  language: Language;
  units: SizeUnits;
  categories: TicketsState['categories'];
}) {
  const { body, processesWanted, language, units, categories } = props;
  const { t, i18n } = useTranslation();
  const size = useSize(language);
  const { contact, diagnostics } = body;
  const { device, health, processes } = diagnostics;
  const category = categories.find((c) => c.id === body.category);
  const percent = (value: number | null) => (value === null ? null : t('details.percent', { value: formatNumber(value, language) }));

  const checkText = (item: TicketPreview['diagnostics']['checks'][number]) => {
    const message = itemMessage(item, (key) => hasText(i18n, key));
    return t(message.text, localizeParams(message.params, language));
  };
  const processList = (list: NonNullable<TicketPreview['diagnostics']['processes']>['byCpu']) => (
    <ul className="preview-list">
      {list.map((p, index) => (
        <li key={`${p.name}:${index}`}>
          {t('preview.processValue', {
            name: p.name,
            cpu: formatNumber(p.cpuPercent, language),
            memory: formatNumber(p.memoryBytes / 1e6, language, 0),
          })}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="send-preview" aria-label={t('preview.title')} role="region">
      <h2 className="preview-title">{t('preview.title')}</h2>
      <Section title={t('preview.ticket')}>
        <dl className="fields">
          <Row label={t('preview.subject')}>{body.subject}</Row>
          <Row label={t('preview.description')}>
            <span className="preview-text" dir="auto">
              {body.description}
            </span>
          </Row>
          <Row label={t('preview.category')}>{category ? category.label[language] : body.category}</Row>
          <Row label={t('preview.urgency')}>{t(`preview.urgencyValue.${body.urgency}`)}</Row>
          <Row label={t('preview.contact')}>{[contact.name, contact.phone, contact.email].filter(Boolean).join(', ')}</Row>
        </dl>
      </Section>
      <Section title={t('preview.device')}>
        <dl className="fields">
          <Row label={t('preview.hostname')}>{device.hostname}</Row>
          <Row label={t('preview.model')}>{[device.manufacturer, device.model].filter(Boolean).join(' ')}</Row>
          <Row label={t('preview.serial')}>{device.serialNumber}</Row>
          <Row label={t('preview.os')}>{[device.os.distro, device.os.release, device.os.build].filter(Boolean).join(' ')}</Row>
          <Row label={t('preview.appVersion')}>{diagnostics.appVersion}</Row>
        </dl>
      </Section>
      <Section title={t('preview.health')}>
        <dl className="fields">
          <Row label={t('preview.overall')}>{t(`overall.${health.overall}`)}</Row>
          <Row label={t('preview.cpu')}>{percent(health.cpuLoadPercent)}</Row>
          <Row label={t('preview.memory')}>{percent(health.memoryUsedPercent)}</Row>
          <Row label={t('preview.disks')}>
            {health.disks.map((disk, index) => (
              <span key={`${disk.mount}:${index}`}>
                {disk.mount}: {t('details.diskValue', { free: formatGb(disk.freeBytes, units, language), size: formatGb(disk.sizeBytes, units, language) })}
              </span>
            ))}
          </Row>
          <Row label={t('preview.history')}>{t('preview.historyValue', { count: health.history.length })}</Row>
        </dl>
        <p className="field-label">{t('preview.checks')}</p>
        <ul className="preview-list">
          {diagnostics.checks.map((item, index) => (
            <li key={index}>{checkText(item)}</li>
          ))}
        </ul>
      </Section>
      <Section title={t('preview.processes')}>
        {processes === null ? (
          <p className="muted small">{t(processesWanted ? 'preview.processesUnavailable' : 'preview.processesLeftOut')}</p>
        ) : (
          <>
            <p className="field-label">{t('preview.processesByCpu')}</p>
            {processList(processes.byCpu)}
            <p className="field-label">{t('preview.processesByMemory')}</p>
            {processList(processes.byMemory)}
          </>
        )}
      </Section>
      <Section title={t('preview.recentErrors')}>
        {diagnostics.recentErrors.length === 0 ? (
          <p className="muted small">{t('preview.noRecentErrors')}</p>
        ) : (
          <ul className="preview-list">
            {diagnostics.recentErrors.map((entry, index) => (
              <li key={index}>
                {formatDateTime(entry.at, language)} · {entry.scope}: {entry.msg}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t('preview.attachments')}>
        {body.attachments.length === 0 ? (
          <p className="muted small">{t('preview.noAttachments')}</p>
        ) : (
          <ul className="preview-list">
            {body.attachments.map((a, index) => (
              <li key={index}>{t('preview.attachmentValue', { name: a.name, type: a.contentType, size: size(a.bytes) })}</li>
            ))}
          </ul>
        )}
      </Section>
      <details className="disclosure raw">
        <summary>
          <span className="summary-text">{t('preview.raw')}</span>
        </summary>
        <pre className="code block raw-json" tabIndex={0}>
          {JSON.stringify(body, null, 2)}
        </pre>
      </details>
    </div>
  );
}

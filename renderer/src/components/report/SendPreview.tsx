import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SizeUnits, StatusItem, TicketsState } from '../../../../electron/contract';
import { formatDateTime, formatGb, formatNumber, localizeParams } from '../../format';
import { hasText } from '../../i18n';
import { itemMessage } from '../../messages';
import { useSize } from './useSize';

// The body comes from the agent as plain JSON: read it defensively, show what is there.
type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {});
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

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
  body: Obj;
  processesWanted: boolean;
  language: Language;
  units: SizeUnits;
  categories: TicketsState['categories'];
}) {
  const { body, processesWanted, language, units, categories } = props;
  const { t, i18n } = useTranslation();
  const size = useSize(language);
  const contact = obj(body.contact);
  const diagnostics = obj(body.diagnostics);
  const device = obj(diagnostics.device);
  const os = obj(device.os);
  const health = obj(diagnostics.health);
  const processes = diagnostics.processes === null ? null : obj(diagnostics.processes);
  const category = categories.find((c) => c.id === body.category);
  const urgency = str(body.urgency);
  const percent = (value: unknown) => (num(value) === null ? null : t('details.percent', { value: formatNumber(num(value)!, language) }));
  const overall = str(health.overall);

  const checkText = (raw: unknown) => {
    const item = obj(raw) as unknown as StatusItem;
    if (typeof item.check !== 'string' || typeof item.code !== 'string') return str(obj(raw).code);
    const message = itemMessage({ ...item, params: obj(item.params) as StatusItem['params'] }, (key) => hasText(i18n, key));
    return t(message.text, localizeParams(message.params, language));
  };
  const processList = (list: unknown) => (
    <ul className="preview-list">
      {arr(list).map((raw, index) => {
        const p = obj(raw);
        return (
          <li key={`${str(p.name)}:${index}`}>
            {t('preview.processValue', {
              name: str(p.name),
              cpu: formatNumber(num(p.cpuPercent) ?? 0, language),
              memory: formatNumber((num(p.memoryBytes) ?? 0) / 1e6, language, 0),
            })}
          </li>
        );
      })}
    </ul>
  );

  return (
    <div className="send-preview" aria-label={t('preview.title')} role="region">
      <h2 className="preview-title">{t('preview.title')}</h2>
      <Section title={t('preview.ticket')}>
        <dl className="fields">
          <Row label={t('preview.subject')}>{str(body.subject)}</Row>
          <Row label={t('preview.description')}>
            <span className="preview-text" dir="auto">
              {str(body.description)}
            </span>
          </Row>
          <Row label={t('preview.category')}>{category ? category.label[language] : str(body.category)}</Row>
          <Row label={t('preview.urgency')}>{hasText(i18n, `preview.urgencyValue.${urgency}`) ? t(`preview.urgencyValue.${urgency}`) : urgency}</Row>
          <Row label={t('preview.contact')}>{[contact.name, contact.phone, contact.email].map(str).filter(Boolean).join(', ')}</Row>
        </dl>
      </Section>
      <Section title={t('preview.device')}>
        <dl className="fields">
          <Row label={t('preview.hostname')}>{str(device.hostname)}</Row>
          <Row label={t('preview.model')}>{[device.manufacturer, device.model].map(str).filter(Boolean).join(' ')}</Row>
          <Row label={t('preview.serial')}>{str(device.serialNumber)}</Row>
          <Row label={t('preview.os')}>{[os.distro, os.release, os.build].map(str).filter(Boolean).join(' ')}</Row>
          <Row label={t('preview.appVersion')}>{str(diagnostics.appVersion) || str(device.agentVersion)}</Row>
        </dl>
      </Section>
      <Section title={t('preview.health')}>
        <dl className="fields">
          <Row label={t('preview.overall')}>{hasText(i18n, `overall.${overall}`) ? t(`overall.${overall}`) : overall}</Row>
          <Row label={t('preview.cpu')}>{percent(health.cpuLoadPercent)}</Row>
          <Row label={t('preview.memory')}>{percent(health.memoryUsedPercent)}</Row>
          <Row label={t('preview.disks')}>
            {arr(health.disks).map((raw, index) => {
              const disk = obj(raw);
              return (
                <span key={`${str(disk.mount)}:${index}`}>
                  {str(disk.mount)}: {t('details.diskValue', { free: formatGb(num(disk.freeBytes) ?? 0, units, language), size: formatGb(num(disk.sizeBytes) ?? 0, units, language) })}
                </span>
              );
            })}
          </Row>
          <Row label={t('preview.history')}>{t('preview.historyValue', { count: arr(health.history).length })}</Row>
        </dl>
        <p className="field-label">{t('preview.checks')}</p>
        <ul className="preview-list">
          {arr(diagnostics.checks).map((raw, index) => (
            <li key={index}>{checkText(raw)}</li>
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
        {arr(diagnostics.recentErrors).length === 0 ? (
          <p className="muted small">{t('preview.noRecentErrors')}</p>
        ) : (
          <ul className="preview-list">
            {arr(diagnostics.recentErrors).map((raw, index) => {
              const entry = obj(raw);
              return (
                <li key={index}>
                  {formatDateTime(str(entry.at), language)} · {str(entry.scope)}: {str(entry.msg)}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section title={t('preview.attachments')}>
        {arr(body.attachments).length === 0 ? (
          <p className="muted small">{t('preview.noAttachments')}</p>
        ) : (
          <ul className="preview-list">
            {arr(body.attachments).map((raw, index) => {
              const a = obj(raw);
              return <li key={index}>{t('preview.attachmentValue', { name: str(a.name), type: str(a.contentType), size: size(num(a.bytes) ?? 0) })}</li>;
            })}
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

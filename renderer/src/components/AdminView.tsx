import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState, LanguagePreference } from '../../../electron/contract';
import { formatDateTime, formatGb } from '../format';
import { hasText } from '../i18n';
import { EnrollForm } from './EnrollForm';
import { ProbeResults } from './ProbeResults';
import { SubviewHeader } from './SubviewHeader';
import type { AdminActions } from './admin/actions';
import { BrandingCard } from './admin/BrandingCard';
import { DiagnosticsExport } from './admin/DiagnosticsExport';
import { Field } from './admin/Field';
import { LogCard } from './admin/LogCard';
import { PolicyDetails } from './admin/PolicyDetails';
import { ReportCard } from './admin/ReportCard';
import { SelfUpdateCard } from './admin/SelfUpdateCard';

interface Props {
  state: AgentState;
  onBack: () => void;
  enroll: (code: string) => Promise<unknown>;
  setLanguage: (language: LanguagePreference) => void;
  /** "Nu controleren": the protection checks now (`checks.refresh`). */
  refreshChecks?: () => void;
  /** The cards for the log, the export, the report and self-update. */
  actions: AdminActions;
}

/** Everything an on-site admin or the servicedesk on the phone needs to know about this agent. */
export function AdminView({ state, onBack, enroll, setLanguage, refreshChecks, actions }: Props) {
  const { t, i18n } = useTranslation();
  const languageId = useId();
  const language = state.settings.language;
  const { device, connection, config } = state;

  const errorText = connection.lastError
    ? hasText(i18n, `connection.error.${connection.lastError.code}`)
      ? t(`connection.error.${connection.lastError.code}`)
      : t('connection.error.other', { code: connection.lastError.code })
    : null;

  // Enrolling is what an admin comes for while the PC is not enrolled; once it is, the form is
  // for moving it to another API or tenant and goes below what the admin looks up.
  const needsEnrol = connection.status === 'not-enrolled' || connection.status === 'reenroll';
  const enrolCard = (
    <section className="card" aria-labelledby="admin-enroll">
      <h2 id="admin-enroll">{t('admin.enroll.title')}</h2>
      <EnrollForm enroll={enroll} />
    </section>
  );

  return (
    <div className="admin">
      <SubviewHeader title={t('admin.title')} backLabel={t('admin.back')} onBack={onBack} />

      {needsEnrol && enrolCard}

      <section className="card" aria-labelledby="admin-connection">
        <h2 id="admin-connection">{t('admin.connection')}</h2>
        <dl className="fields">
          <Field label={t('admin.status')} value={t(`connection.status.${connection.status}`)} />
          <Field label={t('admin.apiUrl')} value={connection.apiUrl} />
          <Field label={t('admin.deviceId')} value={connection.deviceId} />
          <Field label={t('admin.tenant')} value={connection.tenantName} />
          <Field label={t('admin.lastContact')} value={formatDateTime(connection.lastContactAt, language)} />
          {connection.status !== 'online' && connection.nextAttemptAt && <Field label={t('admin.nextAttempt')} value={formatDateTime(connection.nextAttemptAt, language)} />}
          <Field
            label={t('admin.lastError')}
            value={
              connection.lastError && (
                <>
                  {errorText}
                  <code className="code">
                    {[connection.lastError.code, connection.lastError.status, connection.lastError.detail]
                      .filter((part) => part !== undefined && part !== '')
                      .join(' · ')}
                  </code>
                </>
              )
            }
          />
        </dl>
      </section>

      {!needsEnrol && enrolCard}

      <section className="card" aria-labelledby="admin-device">
        <h2 id="admin-device">{t('admin.device')}</h2>
        <dl className="fields">
          <Field label={t('admin.hostname')} value={device?.hostname} />
          <Field label={t('admin.manufacturer')} value={device?.manufacturer} />
          <Field label={t('admin.model')} value={device?.model} />
          <Field label={t('admin.serial')} value={device?.serialNumber} />
          <Field
            label={t('admin.os')}
            value={device && [device.os.distro, device.os.release, device.os.build && `(${device.os.build})`, device.os.arch].filter(Boolean).join(' ')}
          />
          <Field label={t('admin.cpu')} value={device?.cpu} />
          <Field label={t('admin.memory')} value={device && t('admin.memoryValue', { value: formatGb(device.memoryBytes, state.app.sizeUnits, language) })} />
        </dl>
      </section>

      <ProbeResults checks={state.checks} language={language} onRefresh={() => refreshChecks?.()} />

      <section className="card" aria-labelledby="admin-config">
        <h2 id="admin-config">{t('admin.config')}</h2>
        <dl className="fields">
          <Field
            label={t('admin.files')}
            value={
              config.files.length === 0
                ? t('admin.noFiles')
                : config.files.map((file) => (
                    <code key={file} className="code block">
                      {file}
                    </code>
                  ))
            }
          />
          <Field label={t('admin.policySource')} value={t(`config.source.${config.policySource}`)} />
          <Field label={t('admin.etag')} value={config.policyEtag && <code className="code">{config.policyEtag}</code>} />
        </dl>
        <PolicyDetails readPolicy={actions['admin.readPolicy']} />
        <h3 className="subheading">{t('admin.problems')}</h3>
        {config.problems.length === 0 ? (
          <p className="muted small">{t('admin.noProblems')}</p>
        ) : (
          <ul className="problems">
            {config.problems.map((problem, index) => (
              <li key={`${problem.file}:${problem.field}:${index}`} className="problem">
                <code className="code block">{problem.file}</code>
                <span>{problem.field ? t('admin.problemField', { field: problem.field }) : t('admin.wholeFile')}: </span>
                <span>{t(`config.problem.${problem.code}`)}</span>
                <code className="code block">{problem.detail}</code>
              </li>
            ))}
          </ul>
        )}
      </section>

      <BrandingCard branding={state.branding} language={language} />
      <LogCard language={language} readLog={actions['admin.readLog']} />
      <DiagnosticsExport language={language} sizeUnits={state.app.sizeUnits} contents={actions['admin.diagnosticsContents']} exportZip={actions['admin.exportDiagnostics']} />
      <ReportCard language={language} make={actions['report.make']} />

      <section className="card" aria-labelledby="admin-app">
        <h2 id="admin-app">{t('admin.app')}</h2>
        <dl className="fields">
          <Field label={t('admin.appVersion')} value={`${state.app.version} (${state.app.platform})`} />
          <Field label={t('admin.secretStorage')} value={t(`admin.secretStorageValue.${state.app.secretStorage}`)} />
        </dl>
        <div className="field-inline">
          <label htmlFor={languageId}>{t('admin.language')}</label>
          <select
            id={languageId}
            className="select"
            value={state.settings.languagePreference}
            onChange={(event) => setLanguage(event.target.value as LanguagePreference)}
          >
            <option value="system">{t('tray.languageSystem')}</option>
            <option value="nl" lang="nl">
              {t('tray.languageNl')}
            </option>
            <option value="en" lang="en">
              {t('tray.languageEn')}
            </option>
          </select>
        </div>
      </section>

      <SelfUpdateCard state={state} check={actions['selfUpdate.check']} />
    </div>
  );
}

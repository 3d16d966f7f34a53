import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../../electron/contract';

export function Header({ state }: { state: AgentState | null }) {
  const { t } = useTranslation();
  const logo = state?.branding.logo;
  const tenant = state?.connection.tenantName;
  return (
    <header className="header">
      <p className="brand">
        <span className="wordmark">
          hallo<span className="comma">,</span>
        </span>
        {/* The customer's logo beside hallo,'s name, never instead of it: the agent judged and cached it (state.branding). */}
        {logo && (
          <img className="brand-logo" src={logo.dataUrl} width={logo.width} height={logo.height} alt={tenant ? t('header.logoAlt', { tenant }) : t('header.logoAltUnknown')} />
        )}
        <span className="device">{state?.device?.hostname ?? t('header.deviceLoading')}</span>
      </p>
      {state?.connection.demo && <p className="demo-badge">{t('header.demo')}</p>}
    </header>
  );
}

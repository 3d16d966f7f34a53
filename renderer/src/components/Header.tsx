import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../../electron/contract';

export function Header({ state }: { state: AgentState | null }) {
  const { t } = useTranslation();
  return (
    <header className="header">
      <p className="brand">
        <span className="wordmark">
          hallo<span className="comma">,</span>
        </span>
        <span className="device">{state?.device?.hostname ?? t('header.deviceLoading')}</span>
      </p>
      {state?.connection.demo && <p className="demo-badge">{t('header.demo')}</p>}
    </header>
  );
}

import { StrictMode, useEffect, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract';
import { connectBridge } from './bridge/connect';
import type { WindowBridge } from './bridge/types';
import { createI18n } from './i18n';
import { createMirror, type AgentMirror } from './store';
import './styles.css';

/**
 * A small window's page (consent, session bar): the same bridge and mirror as the popup, seen
 * through that window's own actions, rendered into #root.
 */
export function mountWindowPage<W extends 'consent' | 'session-bar'>(render: (bridge: WindowBridge<W>, mirror: AgentMirror) => ReactElement): void {
  const bridge = connectBridge<W>();
  // Both windows may send state.get (the contract's windows list); TypeScript cannot see it through W.
  const mirror = createMirror(bridge as WindowBridge<'consent'>);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={createI18n('nl')}>{render(bridge, mirror)}</I18nextProvider>
    </StrictMode>,
  );
}

/** The page follows the agent's language: its words, its `lang` and the window's title. */
export function useWindowLanguage(language: Language, titleKey: string): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    document.title = t(titleKey);
  }, [i18n, language, t, titleKey]);
}

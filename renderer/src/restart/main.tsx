import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectBridge } from '../bridge/connect';
import type { RestartBridge } from '../bridge/types';
import { createI18n } from '../i18n';
import { createMirror } from '../store';
import { RestartApp } from './RestartApp';
import '../styles.css';

// The restart window's page: the same bridge and mirror as the popup, seen through its own actions.
const bridge: RestartBridge = connectBridge();
const mirror = createMirror(bridge);
const i18n = createI18n('nl');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RestartApp bridge={bridge} mirror={mirror} />
    </I18nextProvider>
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { PreviewNotices } from './components/PreviewNotices';
import { connectBridge } from './bridge/connect';
import { createI18n } from './i18n';
import { createMirror } from './store';
import './styles.css';

const bridge = connectBridge();
const mirror = createMirror(bridge);
const i18n = createI18n('nl');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App bridge={bridge} mirror={mirror} />
    </I18nextProvider>
  </StrictMode>,
);

// Only the preview's bridge carries notices: its page shows them where the app has OS notifications.
if (bridge.onNotice) {
  const host = document.createElement('div');
  document.body.prepend(host);
  createRoot(host).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <PreviewNotices bridge={bridge} onNotice={bridge.onNotice} />
      </I18nextProvider>
    </StrictMode>,
  );
}

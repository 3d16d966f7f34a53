import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { LanguagePreference } from '../../electron/contract';
import type { PopupBridge } from './bridge/types';
import type { AgentMirror } from './store';
import { AdminView } from './components/AdminView';
import { EnrolBanner } from './components/Banner';
import { Checks } from './components/Checks';
import { Details } from './components/Details';
import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { Headline } from './components/Headline';
import { Skeleton } from './components/Skeleton';
import { SupportCard } from './components/SupportCard';

/**
 * The tray flyout. It renders the mirror of the agent's state and sends intents; which view is
 * open is the only thing it keeps itself.
 */
export function App({ bridge, mirror }: { bridge: PopupBridge; mirror: AgentMirror }) {
  const { status, state } = useStore(mirror.store);
  const { i18n } = useTranslation();
  const [view, setView] = useState<'main' | 'admin'>('main');
  const [refreshing, setRefreshing] = useState(false);
  const adminButton = useRef<HTMLButtonElement>(null);
  const cameBack = useRef(false);
  const language = state?.settings.language ?? 'nl';

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) void bridge.actions['popup.hide']({}).catch(() => undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await bridge.actions['health.refresh']({});
    } catch {
      // The headline and checks say what the agent knows; a failed refresh changes nothing there.
    } finally {
      setRefreshing(false);
    }
  }, [bridge]);

  const openPortal = useCallback(async () => {
    await bridge.actions['support.openPortal']({}).catch(() => undefined);
    // In the browser preview there is no shell to open links: the page does it.
    const url = state?.support.portalUrl;
    if (bridge.kind === 'socket' && url?.startsWith('https://')) window.open(url, '_blank', 'noopener');
  }, [bridge, state?.support.portalUrl]);

  // Leaving the admin view puts focus back where the keyboard user came from.
  useEffect(() => {
    if (view === 'main' && cameBack.current) adminButton.current?.focus();
    cameBack.current = view === 'admin';
  }, [view]);

  const needsEnrol = state?.connection.status === 'reenroll' || state?.connection.status === 'not-enrolled';

  return (
    <div className="flyout">
      <Header state={state} />
      <main className="content">
        {!state ? (
          <Skeleton failed={status === 'failed'} />
        ) : view === 'admin' ? (
          <AdminView
            state={state}
            onBack={() => setView('main')}
            enroll={(code) => bridge.actions['admin.enroll']({ code })}
            setLanguage={(preference: LanguagePreference) =>
              void bridge.actions['settings.setLanguage']({ language: preference }).catch(() => undefined)
            }
          />
        ) : (
          <>
            {needsEnrol && <EnrolBanner onAdmin={() => setView('admin')} />}
            <Headline overall={state.overall} />
            <Checks items={state.health.items} language={language} />
            <Details health={state.health} language={language} />
            <SupportCard support={state.support} language={language} now={new Date()} onPortal={() => void openPortal()} />
          </>
        )}
      </main>
      {state && (
        <Footer
          refreshing={refreshing}
          onRefresh={() => void refresh()}
          onAdmin={() => setView('admin')}
          adminOpen={view === 'admin'}
          adminRef={adminButton}
        />
      )}
    </div>
  );
}

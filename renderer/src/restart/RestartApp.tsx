import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { RestartBridge } from '../bridge/types';
import type { AgentMirror } from '../store';
import { Skeleton } from '../components/Skeleton';
import { RestartPrompt, type RestartPromptActions } from './RestartPrompt';

/** The restart window: the mirror, the language, and a clock that ticks only while counting down. */
export function RestartApp({ bridge, mirror }: { bridge: RestartBridge; mirror: AgentMirror }) {
  const { status, state } = useStore(mirror.store);
  const { t, i18n } = useTranslation();
  const language = state?.settings.language ?? 'nl';
  const [, setTicks] = useState(0);
  const counting = state?.updates.restart.step?.kind === 'countdown';

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    document.title = t('restartPrompt.windowTitle');
  }, [i18n, language, t]);

  // Each render reads the time now (the buttons say "om 14:30" or "morgen om 09:00"); only the
  // final countdown re-renders on its own, once a second.
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setTicks((ticks) => ticks + 1), 1000);
    return () => clearInterval(timer);
  }, [counting]);

  const actions = useMemo<RestartPromptActions>(
    () => ({
      defer: (at) => void bridge.actions['updates.defer']({ at }).catch(() => undefined),
      remindLater: () => void bridge.actions['updates.remindLater']({}).catch(() => undefined),
      restartNow: () => void bridge.actions['updates.restartNow']({}).catch(() => undefined),
    }),
    [bridge],
  );

  return state ? <RestartPrompt state={state} language={language} now={new Date()} actions={actions} /> : <Skeleton failed={status === 'failed'} />;
}

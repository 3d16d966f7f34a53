import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useWindowLanguage } from '../window-page';
import type { ConsentBridge } from '../bridge/types';
import type { AgentMirror } from '../store';
import { Skeleton } from '../components/Skeleton';
import { ConsentPrompt, type ConsentActions } from './ConsentPrompt';

/** The consent window: the mirror, the language, and a clock that ticks while a request waits. */
export function ConsentApp({ bridge, mirror }: { bridge: ConsentBridge; mirror: AgentMirror }) {
  const { status, state } = useStore(mirror.store);
  useWindowLanguage(state?.settings.language ?? 'nl', 'consent.windowTitle');
  const [, setTicks] = useState(0);
  const waiting = Boolean(state?.remote.request);

  // The countdown to expiresAt re-renders once a second, only while a request waits.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setTicks((ticks) => ticks + 1), 1000);
    return () => clearInterval(timer);
  }, [waiting]);

  const actions = useMemo<ConsentActions>(
    () => ({
      answer: async (request) => (await bridge.actions['remote.answer'](request)).outcome,
      showTicket: () => void bridge.actions['remote.showTicket']({}).catch(() => undefined),
    }),
    [bridge],
  );

  if (!state) return <Skeleton failed={status === 'failed'} />;
  const { request } = state.remote;
  return <ConsentPrompt key={request?.sessionId ?? 'none'} request={request} now={new Date()} actions={actions} />;
}

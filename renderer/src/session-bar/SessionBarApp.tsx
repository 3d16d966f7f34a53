import { useStore } from 'zustand';
import { useWindowLanguage } from '../window-page';
import type { SessionBarBridge } from '../bridge/types';
import type { AgentMirror } from '../store';
import { Skeleton } from '../components/Skeleton';
import { SessionBar } from './SessionBar';

/** The session bar's window: the mirror and the language; "Beëindigen" goes to the agent. */
export function SessionBarApp({ bridge, mirror }: { bridge: SessionBarBridge; mirror: AgentMirror }) {
  const { status, state } = useStore(mirror.store);
  const language = state?.settings.language ?? 'nl';
  useWindowLanguage(language, 'sessionBar.windowTitle');

  if (!state) return <Skeleton failed={status === 'failed'} />;
  return (
    <SessionBar
      session={state.remote.session}
      language={language}
      zone={state.support.timeZone}
      shortcut={state.settings.remoteEndShortcut}
      onEnd={() => void bridge.actions['remote.end']({}).catch(() => undefined)}
    />
  );
}

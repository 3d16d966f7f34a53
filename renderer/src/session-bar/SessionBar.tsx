import { useTranslation } from 'react-i18next';
import type { Language, RemoteSessionView } from '../../../electron/contract';
import { formatTime } from '../format';

/** An Electron accelerator as people read it on a keyboard ("Control+Alt+E" → "Ctrl+Alt+E"). */
export function shortcutLabel(accelerator: string): string {
  return accelerator.replace(/\b(CommandOrControl|CmdOrCtrl|Control)\b/g, 'Ctrl');
}

/**
 * Who is watching, since when, and "Beëindigen": always there while a session runs (the shell keeps
 * the window on top and out of the capture). It renders the agent's session; ending goes to the agent.
 */
export function SessionBar(props: { session: RemoteSessionView | null; language: Language; zone: string; shortcut: string; onEnd: () => void }) {
  const { session, language, zone, shortcut, onEnd } = props;
  const { t } = useTranslation();
  if (!session) {
    return (
      <main className="session-bar">
        <h1 className="visually-hidden">{t('sessionBar.windowTitle')}</h1>
        <p>{t('sessionBar.none')}</p>
      </main>
    );
  }
  const name = session.technicianName;
  const time = formatTime(new Date(session.startedAt ?? session.grantedAt), language, zone);
  const line =
    session.phase === 'connecting'
      ? t('sessionBar.connecting', { name })
      : session.phase === 'ending'
        ? t('sessionBar.ending', { name })
        : t(session.mode === 'control' ? 'sessionBar.control' : 'sessionBar.view', { name, time });
  return (
    <main className="session-bar">
      <h1 className="visually-hidden">{t('sessionBar.windowTitle')}</h1>
      <span className="session-bar-dot" aria-hidden="true" />
      <p className="session-bar-text" role="status">
        {line}
      </p>
      <button
        type="button"
        className="button accent"
        onClick={onEnd}
        disabled={session.phase === 'ending'}
        aria-label={t('sessionBar.endLabel', { name })}
        aria-keyshortcuts={shortcut.replace(/\b(CommandOrControl|CmdOrCtrl)\b/g, 'Control')}
      >
        {t('sessionBar.end')}
      </button>
      <span className="muted small session-bar-shortcut">{t('sessionBar.shortcut', { shortcut: shortcutLabel(shortcut) })}</span>
    </main>
  );
}

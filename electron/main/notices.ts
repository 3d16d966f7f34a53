import { Notification } from 'electron';
import type { Agent } from '../agent/agent';
import { NOTICE_ACTIONS, type Language, type Notice } from '../contract';
import type { Logger } from '../agent/log';
import { message } from './catalog';

// Electron drops a notification's click handler once the object is garbage collected (Windows):
// keep the recent ones referenced. A few is enough; older ones are long gone from the screen.
const KEEP = 10;

/**
 * The agent's notices as OS notifications, in the agent's language. A click opens the popup, at
 * the notice's ticket when it names one; on macOS, where notifications carry buttons, such a notice
 * also offers its action ("Beantwoorden", `notice.<code>.action`), which does the same.
 *
 * A notice with `actions` (the restart: "Nu opnieuw opstarten", "Later") shows them as buttons on
 * macOS, and each sends the intent the restart window sends, through the agent. Windows draws
 * buttons too, but an unpackaged app hears no `action` event without a toast activator registered
 * in its Start-menu shortcut (electron/electron#51147; Notification.handleActivation has the same
 * need), and a button that does nothing is worse than none: there, as on Linux, the notification
 * has no buttons and a click brings up the restart window, where both answers are.
 */
export function showNotices(opts: { agent: Agent; platform: NodeJS.Platform; popup: { show(): void }; restart: { show(): boolean } }): () => void {
  const log = opts.agent.log.child('notices');
  const alive: Notification[] = [];
  return opts.agent.onNotice((notice) => {
    if (!Notification.isSupported()) return;
    const { language } = opts.agent.state().settings;
    const words = noticeWords(log, language, notice.code, notice.params);
    if (!words) return;
    const { title, body } = words;
    const actions = notice.actions ?? [];
    const buttons = opts.platform === 'darwin' ? buttonWords(language, notice) : [];
    const shown = new Notification({ title, body, ...(buttons.length ? { actions: buttons.map((text) => ({ type: 'button' as const, text })) } : {}) });
    const open = () => {
      if (actions.length === 0) return void openNotice(opts.agent, opts.popup, notice);
      // The restart window has both answers; should the agent have moved on, the popup says where it stands.
      if (!opts.restart.show()) opts.popup.show();
    };
    shown.on('click', open);
    shown.on('action', (details: { actionIndex?: number } | undefined, index?: number) => {
      const chosen = actions[details?.actionIndex ?? index ?? -1];
      if (!chosen) return open();
      void opts.agent.invoke(NOTICE_ACTIONS[chosen], {}).catch((error: unknown) => log.warn('notice action failed', { action: chosen, error: String(error) }));
    });
    showKept(alive, shown);
  });
}

/** A notice's title and body in this language; null (and a log line) when the catalog has no words for its code. */
export function noticeWords(log: Logger, language: Language, code: string, params: Record<string, string | number>): { title: string; body: string } | null {
  const title = message(language, `notice.${code}.title`, params);
  if (title === null) {
    log.warn('notice without words in the catalog', { code, language });
    return null;
  }
  return { title, body: message(language, `notice.${code}.body`, params) ?? '' };
}

/** Shows a notification and keeps it referenced (its click handler lives as long as the object) until it closes or is among the oldest. */
export function showKept(alive: Notification[], shown: Notification): void {
  shown.on('close', () => {
    const at = alive.indexOf(shown);
    if (at >= 0) alive.splice(at, 1);
  });
  alive.push(shown);
  if (alive.length > KEEP) alive.shift();
  shown.show();
}

/** The words of a notice's buttons: its actions, or else the action that opens its ticket. */
function buttonWords(language: Language, notice: Notice): string[] {
  if (notice.actions?.length) return notice.actions.map((action) => message(language, `noticeAction.${action}`, {}) ?? action);
  const action = notice.ticketId ? message(language, `notice.${notice.code}.action`, notice.params) : null;
  return action ? [action] : [];
}

/** The popup, at the notice's ticket: the agent opens the thread before the popup shows, so it shows there. */
export async function openNotice(agent: Agent, popup: { show(): void }, notice: Notice): Promise<void> {
  if (notice.ticketId) {
    try {
      await agent.invoke('tickets.openThread', { ticketId: notice.ticketId });
    } catch (error) {
      // The popup still opens: "Mijn meldingen" has the ticket.
      agent.log.warn('notices: could not open the ticket', { error: String(error) });
    }
  }
  popup.show();
}

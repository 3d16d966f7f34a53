import { Notification } from 'electron';
import type { Agent } from '../agent/agent';
import type { Notice } from '../contract';
import { message } from './catalog';

// Electron drops a notification's click handler once the object is garbage collected (Windows):
// keep the recent ones referenced. A few is enough; older ones are long gone from the screen.
const KEEP = 10;

/**
 * The agent's notices as OS notifications, in the agent's language. A click opens the popup, at
 * the notice's ticket when it names one; on macOS, where notifications carry buttons, such a notice
 * also offers its action ("Beantwoorden", `notice.<code>.action`), which does the same.
 */
export function showNotices(opts: { agent: Agent; platform: NodeJS.Platform; popup: { show(): void } }): () => void {
  const log = opts.agent.log.child('notices');
  const alive: Notification[] = [];
  return opts.agent.onNotice((notice) => {
    if (!Notification.isSupported()) return;
    const { language } = opts.agent.state().settings;
    const title = message(language, `notice.${notice.code}.title`, notice.params);
    const body = message(language, `notice.${notice.code}.body`, notice.params);
    if (title === null) {
      log.warn('notice without words in the catalog', { code: notice.code, language });
      return;
    }
    const action = notice.ticketId && opts.platform === 'darwin' ? message(language, `notice.${notice.code}.action`, notice.params) : null;
    const shown = new Notification({ title, body: body ?? '', ...(action ? { actions: [{ type: 'button' as const, text: action }] } : {}) });
    const open = () => void openNotice(opts.agent, opts.popup, notice);
    shown.on('click', open);
    shown.on('action', open);
    shown.on('close', () => {
      const at = alive.indexOf(shown);
      if (at >= 0) alive.splice(at, 1);
    });
    alive.push(shown);
    if (alive.length > KEEP) alive.shift();
    shown.show();
  });
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

import { Notification } from 'electron';
import type { Agent } from '../agent/agent';
import { message } from './catalog';

// Electron drops a notification's click handler once the object is garbage collected (Windows):
// keep the recent ones referenced. A few is enough; older ones are long gone from the screen.
const KEEP = 10;

/** The agent's notices as OS notifications, in the agent's language; a click opens the popup. */
export function showNotices(opts: { agent: Agent; onClick: () => void }): () => void {
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
    const shown = new Notification({ title, body: body ?? '' });
    shown.on('click', () => opts.onClick());
    shown.on('close', () => {
      const at = alive.indexOf(shown);
      if (at >= 0) alive.splice(at, 1);
    });
    alive.push(shown);
    if (alive.length > KEEP) alive.shift();
    shown.show();
  });
}

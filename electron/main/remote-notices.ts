import { Notification } from 'electron';
import type { Agent } from '../agent/agent';
import type { Language, RemoteReceipt } from '../contract';
import { formatTime } from '../contract/when';
import { message } from './catalog';
import { noticeWords, showKept } from './notices';

/** The receipt's words: "Beëindigd om 14:32, 12 minuten", the time in the policy's zone. */
export function receiptParams(receipt: RemoteReceipt, language: Language, timeZone: string): Record<string, string> {
  const minutes = message(language, `duration.minutes_${receipt.minutes === 1 ? 'one' : 'other'}`, { count: receipt.minutes }) ?? String(receipt.minutes);
  return { name: receipt.technicianName, time: formatTime(new Date(receipt.endedAt), language, timeZone), duration: minutes };
}

/**
 * The OS notifications of remote support, from the agent's state: once per request while it
 * waits (a click brings the consent window to the front: it may be behind a full-screen app),
 * and once per receipt when a session ended (a click opens the popup, which shows it).
 */
export function showRemoteNotices(opts: { agent: Agent; consent: { show(): void }; popup: { show(): void } }): () => void {
  const log = opts.agent.log.child('notices');
  const alive: Notification[] = [];
  let requestTold: string | null = opts.agent.state().remote.request?.sessionId ?? null;
  let receiptTold: string | null = opts.agent.state().remote.receipt?.sessionId ?? null;

  const tell = (code: 'remote-request' | 'remote-ended', params: Record<string, string>, onClick: () => void) => {
    if (!Notification.isSupported()) return;
    const words = noticeWords(log, opts.agent.state().settings.language, code, params);
    if (!words) return;
    const shown = new Notification(words);
    shown.on('click', onClick);
    showKept(alive, shown);
  };

  return opts.agent.subscribe((patch) => {
    if (!patch.remote) return;
    const { request, receipt } = patch.remote;
    const { settings, support } = opts.agent.state();
    if (request && request.sessionId !== requestTold) tell('remote-request', { name: request.technicianName }, () => opts.consent.show());
    requestTold = request?.sessionId ?? null;
    if (receipt && receipt.sessionId !== receiptTold) tell('remote-ended', receiptParams(receipt, settings.language, support.timeZone), () => opts.popup.show());
    receiptTold = receipt?.sessionId ?? receiptTold;
  });
}

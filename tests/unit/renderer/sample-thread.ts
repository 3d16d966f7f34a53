import type { OpenThread, ThreadMessage } from '../../../electron/contract';

// A conversation as the agent would hand it to the popup: for the render tests and `npm run bench`.

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute)).toISOString();

export function threadMessage(patch: Partial<ThreadMessage> & Pick<ThreadMessage, 'id'>): ThreadMessage {
  return {
    seq: null,
    kind: 'message',
    from: 'servicedesk',
    name: 'Sanne van hallo,',
    at: at(0),
    text: '',
    status: null,
    resolution: null,
    attachments: [],
    delivery: null,
    ...patch,
  };
}

/** Outlook hangs: the report, a question, the status "waiting", the employee's answer on its way. */
export function sampleThread(patch: Partial<OpenThread> = {}): OpenThread {
  return {
    ticketId: 't-outlook',
    number: 10002,
    subject: 'Outlook start niet',
    status: 'waiting',
    messages: [
      threadMessage({ id: 'm1', seq: 1, from: 'employee', name: 'Anna de Vries', at: at(0), text: 'Outlook start niet.\nSinds vanochtend.' }),
      threadMessage({ id: 'm2', seq: 2, at: at(5), text: 'Kun je Outlook een keer afsluiten en opnieuw starten? Laat je weten of het dan wel lukt?' }),
      threadMessage({ id: 'm3', seq: 3, kind: 'status', from: 'system', name: '', at: at(5), status: 'waiting' }),
      threadMessage({ id: 'o1', from: 'employee', name: 'Anna de Vries', at: at(9), text: 'Nee, nog steeds niet.', delivery: 'queued', attachments: [{ name: 'screenshot.png', bytes: 312_000 }] }),
    ],
    olderAvailable: false,
    loading: 'idle',
    syncedAt: at(9),
    lastError: null,
    gone: false,
    canReply: true,
    canResolve: false,
    reply: { screenshot: null, screenshotNote: null, draft: null, problems: [] },
    ...patch,
  };
}

/** A long conversation: `count` messages, servicedesk and employee in turn, with status changes between. */
export function longThread(count: number): OpenThread {
  const messages = Array.from({ length: count }, (_, i) =>
    i % 10 === 9
      ? threadMessage({ id: `m${i + 1}`, seq: i + 1, kind: 'status', from: 'system', name: '', at: at(i), status: i % 20 === 9 ? 'waiting' : 'open' })
      : threadMessage({
          id: `m${i + 1}`,
          seq: i + 1,
          from: i % 2 === 0 ? 'employee' : 'servicedesk',
          name: i % 2 === 0 ? 'Anna de Vries' : 'Sanne van hallo,',
          at: at(i),
          text: `Bericht ${i + 1}: Outlook blijft hangen bij het openen van een bijlage. Kun je het nog eens proberen en laten weten wat je ziet?`,
          delivery: i % 2 === 0 ? 'sent' : null,
        }),
  );
  return sampleThread({ messages, olderAvailable: true });
}

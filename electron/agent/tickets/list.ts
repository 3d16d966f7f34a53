import type { MyTicket, Notice } from '../../contract';
import type { HalloApi } from '../hallo-api/client';
import type { TicketList } from '../hallo-api/types';
import type { Logger } from '../log';

export interface TicketListDeps {
  log: Logger;
  api: () => HalloApi | null;
  now: () => number;
  /** May return the promise of keeping the list, which a refresh then waits for. */
  onList: (list: MyTicket[], updatedAt: string) => void | Promise<void>;
  onNotice: (notice: Notice) => void;
}

export interface TicketListSync {
  /** Fetches now; a call while one runs makes one more fetch after it, never a pile. */
  refresh(): Promise<void>;
  /** The list as it was before a restart: changes against it are notices. */
  seed(list: readonly MyTicket[]): void;
  /** Another device or API: the next list is a first one again (no notices against the old). */
  forget(): void;
}

/** newest first; a reply the API left out is null (the contract's shape). */
export function toMyTickets(list: TicketList): MyTicket[] {
  return list
    .map((t) => ({
      ticketId: t.ticketId,
      number: t.number,
      subject: t.subject,
      status: t.status,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      lastReply: t.lastReply ?? null,
      unread: 0,
      pendingReplies: 0,
    }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.number - a.number));
}

/**
 * What the employee should hear about from the list: a ticket that became resolved. An answer is
 * told by the conversation (ticket-marks.ts), which also hears it from the event stream.
 */
export function noticesBetween(before: readonly MyTicket[], after: readonly MyTicket[]): Notice[] {
  const known = new Map(before.map((t) => [t.ticketId, t]));
  const notices: Notice[] = [];
  for (const ticket of after) {
    const was = known.get(ticket.ticketId);
    if (!was) continue; // a ticket this PC just sent is no news
    if (ticket.status === 'resolved' && was.status !== 'resolved') notices.push({ code: 'ticket-resolved', params: { number: ticket.number }, ticketId: ticket.ticketId });
  }
  return notices;
}

/** This PC's tickets from GET /tickets, and the notices their changes call for. */
export function createTicketListSync(deps: TicketListDeps): TicketListSync {
  const log = deps.log.child('list');
  let previous: readonly MyTicket[] | null = null; // null until the first load (or a seed): that one gives no notices
  let running: Promise<void> | null = null;
  let again = false;

  async function fetchOnce(): Promise<void> {
    const api = deps.api();
    if (!api) return;
    try {
      const list = toMyTickets(await api.listTickets());
      const notices = previous ? noticesBetween(previous, list) : [];
      previous = list;
      await deps.onList(list, new Date(deps.now()).toISOString());
      for (const notice of notices) deps.onNotice(notice);
    } catch (error) {
      log.warn('could not fetch the ticket list', { error: String(error) });
    }
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await fetchOnce();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    refresh,
    seed(list) {
      previous ??= list;
    },
    forget() {
      previous = null;
    },
  };
}

import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import type { EventStreams } from './sse';
import type { MessageRecord, Store, TicketRecord } from './store';

type S = components['schemas'];

// A ticket's conversation: the one way to add to it (so that seq, the events, updatedAt and
// lastReply cannot disagree), and its pages with opaque cursors.

/** What the writer of a message decides; the thread adds messageId, seq, ticketId and at. */
export type NewMessage = Omit<S['TicketMessage'], 'messageId' | 'seq' | 'ticketId' | 'at'>;

/** The message as the agent sees it: without the key it came with. */
export function publicMessage({ idempotencyKey: _key, ...message }: MessageRecord): S['TicketMessage'] {
  return message;
}

/**
 * Appends to the thread and sends `ticket.message` to the ticket's device. `lastReply` follows
 * the servicedesk only: the agent notifies "answered" when it changes, and an employee is not
 * answered by their own reply.
 */
export function addMessage(store: Store, streams: EventStreams, ticket: TicketRecord, message: NewMessage, idempotencyKey: string | null): MessageRecord {
  const at = store.nowIso();
  const record: MessageRecord = { messageId: `msg_${ulid()}`, seq: ticket.thread.length + 1, ticketId: ticket.ticketId, at, ...message, idempotencyKey };
  ticket.thread.push(record);
  ticket.updatedAt = at;
  if (message.author === 'servicedesk' && message.kind === 'message' && message.text) {
    ticket.lastReply = { from: message.name, at, text: message.text };
  }
  streams.emit(ticket.deviceId, 'ticket.message', { ticketId: ticket.ticketId, message: publicMessage(record) });
  return record;
}

/**
 * Sets a new status and records it as a `status` message (`ticket.message`, then `ticket.updated`).
 * The same status again changes nothing and says nothing (false).
 */
export function changeStatus(
  store: Store,
  streams: EventStreams,
  ticket: TicketRecord,
  status: S['TicketStatus'],
  by: { author: 'servicedesk' | 'system'; name: string },
): boolean {
  if (ticket.status === status) return false;
  ticket.status = status;
  addMessage(store, streams, ticket, { kind: 'status', author: by.author, name: by.name, status }, null);
  streams.emit(ticket.deviceId, 'ticket.updated', { ticketId: ticket.ticketId, status });
  return true;
}

// Cursors: base64url of `<direction>:<seq>:<tag>`, where the tag ties the cursor to its ticket.
// Clients must treat them as opaque; the server refuses one it could not have given for this
// ticket and this parameter (a `newer` passed as `before`, another ticket's, a seq past the end).

type Direction = 'before' | 'after';

function tagOf(ticketId: string): string {
  return createHash('sha256').update(ticketId).digest('base64url').slice(0, 8);
}

function cursor(ticket: TicketRecord, direction: Direction, seq: number): string {
  return Buffer.from(`${direction}:${seq}:${tagOf(ticket.ticketId)}`).toString('base64url');
}

/** The seq a cursor points at, or null when it is not one this ticket's `direction` takes. */
function seqOf(ticket: TicketRecord, direction: Direction, value: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const match = /^(before|after):(\d{1,9}):([A-Za-z0-9_-]{8})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match || match[1] !== direction || match[3] !== tagOf(ticket.ticketId)) return null;
  const seq = Number(match[2]);
  const last = ticket.thread.length;
  // `before` n: the messages below n (1 = nothing left); `after` n: those above n (last = none yet).
  const fits = direction === 'before' ? seq >= 1 && seq <= last + 1 : seq >= 0 && seq <= last;
  return fits ? seq : null;
}

export type PageQuery = { before?: string; after?: string; limit: number };

/**
 * One page of the thread, oldest first: the newest `limit` without a cursor, the `limit` just
 * below `before`, or the `limit` just above `after`. A string is a problem with the query.
 */
export function pageOf(ticket: TicketRecord, query: PageQuery): S['TicketMessagePage'] | string {
  if (query.before !== undefined && query.after !== undefined) return 'before and after cannot be used together';
  const last = ticket.thread.length;
  let from: number; // seq of the first message on the page, or where an empty page sits
  let to: number; // seq after the last one
  if (query.before !== undefined) {
    const seq = seqOf(ticket, 'before', query.before);
    if (seq === null) return 'before: not a cursor of this ticket’s `older`';
    to = seq;
    from = Math.max(1, to - query.limit);
  } else if (query.after !== undefined) {
    const seq = seqOf(ticket, 'after', query.after);
    if (seq === null) return 'after: not a cursor of this ticket’s `newer`';
    from = seq + 1;
    to = Math.min(last + 1, from + query.limit);
  } else {
    to = last + 1;
    from = Math.max(1, to - query.limit);
  }
  const messages = ticket.thread.slice(from - 1, to - 1).map(publicMessage);
  return {
    messages,
    older: from > 1 ? cursor(ticket, 'before', from) : null,
    newer: cursor(ticket, 'after', to - 1),
    hasNewer: to <= last,
  };
}

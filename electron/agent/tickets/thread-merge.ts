import type { ThreadMessage } from '../../contract';
import type { TicketMessage, TicketMessagePage } from '../hallo-api/types';
import type { ReplyRecord } from './outbox';
import { phaseOf } from './outbox-view';

// The thread as the employee sees it, made of what overlaps: pages fetched from the API, events
// from its stream, the cache on disk, and this PC's replies still in the outbox. Pure, so that
// every order of arrival can be tested by a table.

/**
 * The acknowledged part of a thread held in memory and on disk: a window of it, never the whole
 * thread. `starts` keeps, for a message that began a fetched page, that page's `older` cursor (null:
 * the thread begins there): the window is only ever cut at such a message, so that the page before
 * it can still be asked for. `newer`: the `after` cursor of the newest page fetched.
 */
export interface ThreadWindow {
  messages: ThreadMessage[];
  starts: Record<string, string | null>;
  newer: string | null;
}

export const emptyWindow = (): ThreadWindow => ({ messages: [], starts: {}, newer: null });

/** The API's message as the thread shows it; `delivery: 'sent'` marks one of this PC's replies. */
export function fromApi(message: TicketMessage, delivery: ThreadMessage['delivery'] = null): ThreadMessage {
  return {
    id: message.messageId,
    seq: message.seq,
    kind: message.kind,
    from: message.author,
    name: message.name,
    at: message.at,
    text: message.text ?? '',
    status: message.status ?? null,
    resolution: message.resolution ?? null,
    attachments: (message.attachments ?? []).map((a) => ({ name: a.name, bytes: a.bytes })),
    delivery,
  };
}

const bySeq = (a: ThreadMessage, b: ThreadMessage) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One entry per messageId, ordered by seq. A later copy of an entry replaces the earlier (the API
 * may have corrected it), but this PC's mark (`sent`) stays: a page does not know whose reply it is.
 */
export function mergeMessages(known: readonly ThreadMessage[], incoming: readonly ThreadMessage[]): ThreadMessage[] {
  const byId = new Map(known.map((m) => [m.id, m]));
  for (const message of incoming) {
    const was = byId.get(message.id);
    byId.set(message.id, was?.delivery && !message.delivery ? { ...message, delivery: was.delivery } : message);
  }
  return [...byId.values()].sort(bySeq);
}

/**
 * A page into the window. `newest`: the thread's last page, asked without a cursor: it replaces a
 * window that fell too far behind, keeping only what arrived after it (an event while it was
 * asked); `after`: what came after `newer`; `before`: an older page.
 */
export function addPage(window: ThreadWindow, page: TicketMessagePage, side: 'newest' | 'after' | 'before'): ThreadWindow {
  const last = page.messages.at(-1)?.seq ?? Infinity;
  const base = side === 'newest' ? { ...emptyWindow(), messages: window.messages.filter((m) => m.seq !== null && m.seq > last) } : window;
  const starts = { ...base.starts };
  const first = page.messages[0];
  if (first && (side !== 'after' || base.messages.length === 0)) starts[first.messageId] = page.older;
  return {
    messages: mergeMessages(base.messages, page.messages.map((m) => fromApi(m))),
    starts,
    newer: side === 'before' ? base.newer : page.newer,
  };
}

/** Messages from the event stream or a send's answer: merged where they belong. */
export function addMessages(window: ThreadWindow, messages: readonly ThreadMessage[]): ThreadWindow {
  return { ...window, messages: mergeMessages(window.messages, messages) };
}

/** The `before` cursor for the page before the window, or null when the thread starts in it (or nothing is known). */
export function olderCursor(window: ThreadWindow): string | null {
  for (const message of window.messages) if (Object.hasOwn(window.starts, message.id)) return window.starts[message.id]!;
  return null;
}

/**
 * At most `max` messages, cut only where a page began (see ThreadWindow): the longest such tail
 * that fits, else the shortest one there is, so that the newest page always stays whole.
 */
export function trimWindow(window: ThreadWindow, max: number): ThreadWindow {
  const { messages } = window;
  if (messages.length <= max) return window;
  let cut = -1;
  for (let i = 0; i < messages.length; i++) {
    if (!Object.hasOwn(window.starts, messages[i]!.id)) continue;
    cut = i;
    if (messages.length - i <= max) break;
  }
  if (cut < 0) cut = messages.length - max; // no page start known: only events; nothing older can be asked for anyway
  const kept = messages.slice(cut);
  const starts = Object.fromEntries(kept.filter((m) => Object.hasOwn(window.starts, m.id)).map((m) => [m.id, window.starts[m.id]!]));
  return { ...window, messages: kept, starts };
}

/**
 * The thread as shown: the window, this PC's replies that the API has acknowledged merged in as
 * `sent` (each once, also before a page brings it), then those still on their way at the end
 * (`sending`, `queued`, or `rejected`), oldest first.
 */
export function withReplies(window: ThreadWindow, replies: readonly ReplyRecord[], name: string): ThreadMessage[] {
  const acknowledged = replies.flatMap((r) => (r.message ? [fromApi(r.message, 'sent')] : []));
  const shown = mergeMessages(window.messages, acknowledged.filter((m) => m.seq !== null && inWindow(window, m.seq)));
  const waiting = replies
    .filter((r) => r.message === null)
    .sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1))
    .map((r): ThreadMessage => ({
      id: r.entry.id,
      seq: null,
      kind: 'message',
      from: 'employee',
      name,
      at: r.entry.createdAt,
      text: r.body.text,
      status: null,
      resolution: r.body.resolution ?? null,
      attachments: (r.body.attachments ?? []).map((a) => ({ name: a.name, bytes: Buffer.byteLength(a.dataBase64, 'base64') })),
      delivery: phaseOf(r.entry),
    }));
  return [...shown, ...waiting];
}

/** A reply acknowledged long ago that the window no longer reaches is not pulled back into it. */
function inWindow(window: ThreadWindow, seq: number): boolean {
  const first = window.messages[0]?.seq;
  return first === undefined || first === null || seq >= first;
}

import { ActionError, type ErrorInfo, type MyTicket, type Notice, type OpenReply, type ReplyDraft, type ReplyProblem, type ThreadMessage, type TicketsState, type TicketStatus } from '../../contract';
import type { SliceStore } from '../capability';
import { ApiError } from '../hallo-api/api-error';
import type { HalloApi } from '../hallo-api/client';
import type { ServerEvent, TicketMessageCreateRequest } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import type { Logger } from '../log';
import { createWriteGate } from '../platform/write-gate';
import type { Clock, ScreenCapture } from '../ports';
import { subjectOf } from './draft';
import { isReply, type OutboxRecord, type ReplyRecord } from './outbox';
import { checkReply } from './reply-draft';
import { createReplyPicture } from './reply-picture';
import { createTicketsService, DOUBLE_SEND_MS, type ConversationHooks, type SharedOutbox, type TicketsDeps, type TicketsService } from './service';
import { ThreadCache, CACHED_MESSAGES_MAX } from './thread-cache';
import { addMessages, addPage, emptyWindow, fromApi, olderCursor, trimWindow, withReplies, type ThreadWindow } from './thread-merge';
import { screenshotAttachment } from './ticket-body';
import { markAnswer, markListed, markRead, TicketMarksMemory, type TicketMarks } from './ticket-marks';
import { newUlid } from '../platform/ids';

export interface ConversationDeps {
  store: SliceStore<'tickets'>;
  log: Logger;
  clock: Clock;
  screen: ScreenCapture;
  dataDir: string;
  api: () => HalloApi | null;
  /** The tickets' outbox (service.ts), which replies share. */
  outbox: () => SharedOutbox;
  onNotice: (notice: Notice) => void;
  /** A reply refused as closed, or an answer on a ticket the list does not know yet: the list is asked again. */
  refreshList: () => Promise<void>;
}

export type ReplyResult = { outcome: 'saved'; id: string } | { outcome: 'invalid'; problems: ReplyProblem[] };

export interface Conversation extends ConversationHooks {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Shows the cached thread at once, then brings it up to date (not awaited: offline it may take a while). */
  openThread(ticketId: string): Promise<void>;
  closeThread(): void;
  loadOlder(): Promise<void>;
  addReplyScreenshot(): Promise<void>;
  removeReplyScreenshot(): void;
  sendReply(draft: ReplyDraft): Promise<ReplyResult>;
  onServerEvent(event: ServerEvent): void;
  /** Settles when the open thread's fetch and the cache writes so far are done (tests, the bench). */
  idle(): Promise<void>;
}

/** Asked per page: one quick answer, and the newest page is what the cache keeps. */
export const PAGE_MESSAGES = 100;
/** How long a change of the open thread waits to be written with the next ones (see keepWindow). */
const CACHE_WRITE_DELAY_MS = 1000;
/** At most this many messages in the open thread: a thread of thousands is read in the portal. */
export const SHOWN_MESSAGES_MAX = 1000;

interface Open {
  ticketId: string;
  window: ThreadWindow;
  loading: 'idle' | 'newer' | 'older';
  syncedAt: string | null;
  lastError: ErrorInfo | null;
  gone: boolean;
  reply: OpenReply;
  /** The refused reply whose draft is in the box: a new Send takes its place. */
  refused: string | null;
}

const emptyReply = (): OpenReply => ({ screenshot: null, screenshotNote: null, draft: null, problems: [] });

/**
 * The conversation on one ticket at a time, and what every ticket's answers mean for the list:
 * the thread (cache first, then `after` pages; older pages on demand; events merged), the reply box
 * (validated as the report is, saved into the tickets' outbox), and each servicedesk answer told
 * once (ticket-marks.ts), with the unread and waiting counts and the list's order.
 */
export function createConversation(deps: ConversationDeps): Conversation {
  const { store, clock } = deps;
  const log = deps.log.child('conversation');
  const cache = new ThreadCache(deps.dataDir, log);
  const marksMemory = new TicketMarksMemory(deps.dataDir, log);
  const disk = createWriteGate();
  let marks = new Map<string, TicketMarks>();
  let current: Open | null = null;
  let generation = 0;
  let fetching: Promise<void> = Promise.resolve();
  let cacheChain: Promise<void> = Promise.resolve();
  let lastSend: { key: string; result: Promise<ReplyResult>; at: number } | null = null;
  let saving: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const state = () => store.get().tickets;
  const patch = (value: Partial<TicketsState>) => {
    if (!stopped) store.update('tickets', (previous) => ({ ...previous, ...value }));
  };
  const iso = () => new Date(clock.now()).toISOString();
  const replies = (ticketId?: string) =>
    deps
      .outbox()
      .records()
      .filter(isReply)
      .filter((r) => ticketId === undefined || r.ticketId === ticketId);

  const picture = createReplyPicture({
    log,
    screen: deps.screen,
    maxBytes: () => state().maxAttachmentBytes,
    show: (view) => {
      if (!current) return;
      current.reply = { ...current.reply, ...view };
      show();
    },
  });

  /** Cache and marks reads and writes one at a time: an event and a fetch never write over each other. */
  function onCache(work: () => Promise<void>): Promise<void> {
    cacheChain = cacheChain.then(() => disk.run(work));
    return cacheChain;
  }

  /**
   * The open thread's window to disk, a moment later: what comes meanwhile (a reply's answer, its
   * event, the next reply) goes in the same write, so that the cache's flushes do not queue before
   * the outbox's on the same disk. Lost in a crash, the next open fetches it again.
   */
  const keeping = new Map<string, ThreadWindow>();
  let keepTimer: unknown = null;
  function keepWindow(ticketId: string, window: ThreadWindow): void {
    keeping.set(ticketId, window);
    keepTimer ??= clock.setTimeout(() => void flushWindows(), CACHE_WRITE_DELAY_MS);
  }
  function flushWindows(): Promise<void> {
    clock.clearTimeout(keepTimer);
    keepTimer = null;
    const windows = [...keeping];
    keeping.clear();
    return onCache(async () => {
      for (const [ticketId, window] of windows) await cache.save(ticketId, trimWindow(window, CACHED_MESSAGES_MAX));
    });
  }

  /** In the same line as the cache: an older copy of the marks never lands after a newer one. */
  function keepMarks(): void {
    const copy = new Map(marks);
    void onCache(() => marksMemory.save(copy));
  }

  /** The status the thread knows best: a status change newer than the list's copy wins. */
  function statusOf(open: Open, ticket: MyTicket | undefined): TicketStatus | null {
    const change = open.window.messages.findLast((m) => m.kind === 'status' && m.status !== null);
    if (change && (!ticket || Date.parse(change.at) >= Date.parse(ticket.updatedAt))) return change.status;
    return ticket?.status ?? change?.status ?? null;
  }

  function targetOf(ticketId: string, list: readonly MyTicket[] = state().list) {
    const ticket = list.find((t) => t.ticketId === ticketId);
    const open = current?.ticketId === ticketId ? current : null;
    const status = open ? statusOf(open, ticket) : (ticket?.status ?? null);
    const gone = open?.gone ?? false;
    const canReply = !gone && status !== 'closed';
    return { ticket, status, gone, canReply, canResolve: canReply && status === 'resolved', maxDescriptionChars: state().maxDescriptionChars };
  }

  function show(list: readonly MyTicket[] = state().list): void {
    if (!current) return patch({ thread: null });
    const { ticketId, window } = current;
    const target = targetOf(ticketId, list);
    patch({
      thread: {
        ticketId,
        number: target.ticket?.number ?? null,
        subject: target.ticket?.subject ?? '',
        status: target.status,
        messages: withReplies(window, replies(ticketId), state().contact.name),
        olderAvailable: olderCursor(window) !== null && window.messages.length < SHOWN_MESSAGES_MAX,
        loading: current.loading,
        syncedAt: current.syncedAt,
        lastError: current.lastError,
        gone: target.gone,
        canReply: target.canReply,
        canResolve: target.canResolve,
        reply: current.reply,
      },
    });
  }

  /** Everything the open thread shows is read: its unread count goes. */
  function readOpen(): void {
    if (!current) return;
    const newest = current.window.messages.findLast((m) => m.from === 'servicedesk')?.at ?? null;
    const ticket = state().list.find((t) => t.ticketId === current!.ticketId);
    const at = [newest, ticket?.lastReply?.at ?? null].filter((a): a is string => a !== null).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
    const was = marks.get(current.ticketId);
    const next = markRead(was, at);
    if (was && was.unread === next.unread && was.readAt === next.readAt) return;
    marks.set(current.ticketId, next);
    keepMarks();
    reshapeList();
  }

  /** The newest rejected reply of the open thread back into its box, unless one is there already. */
  function bringBackRefused(): void {
    if (!current || current.refused !== null) return;
    const refused = replies(current.ticketId)
      .filter((r) => r.entry.status === 'rejected')
      .at(-1);
    if (!refused) return;
    current.refused = refused.entry.id;
    current.reply = { ...current.reply, draft: refused.draft, problems: refused.problems };
    if (refused.problems.some((p) => p.code === 'gone')) current.gone = true;
    const png = refused.body.attachments?.[0];
    if (png) picture.restore(Buffer.from(png.dataBase64, 'base64'));
  }

  async function sync(mine: number): Promise<void> {
    const open = current;
    if (!open) return;
    const api = deps.api();
    if (!api) {
      open.loading = 'idle';
      open.lastError = { code: 'not-enrolled' };
      return show();
    }
    const { ticketId } = open;
    try {
      let side: 'after' | 'newest' = open.window.newer === null ? 'newest' : 'after';
      let page = await api.listTicketMessages(ticketId, side === 'after' ? { after: open.window.newer!, limit: PAGE_MESSAGES } : { limit: PAGE_MESSAGES });
      // Further behind than a page: the newest page instead, never every page in between.
      if (side === 'after' && page.hasNewer) {
        side = 'newest';
        page = await api.listTicketMessages(ticketId, { limit: PAGE_MESSAGES });
      }
      if (mine !== generation) return;
      open.window = trimWindow(addPage(open.window, page, side), SHOWN_MESSAGES_MAX);
      open.syncedAt = iso();
      open.lastError = null;
      open.gone = false;
      keepWindow(ticketId, open.window);
    } catch (error) {
      if (mine !== generation) return;
      if (error instanceof ApiError && error.status === 404) open.gone = true;
      else open.lastError = error instanceof ApiError ? error.toJSON() : { code: 'internal', detail: String(error) };
      if (!(error instanceof ApiError)) log.error('a thread could not be brought up to date', { error: String(error) });
    }
    open.loading = 'idle';
    readOpen();
    show();
  }

  /** Messages for a ticket's thread: into the open one, else into its cache if it has one. */
  function addToThread(ticketId: string, messages: readonly ThreadMessage[]): void {
    if (current?.ticketId === ticketId) {
      current.window = addMessages(current.window, messages);
      keepWindow(ticketId, current.window);
      return show();
    }
    void onCache(async () => {
      const cached = await cache.load(ticketId);
      if (cached) await cache.save(ticketId, trimWindow(addMessages(cached, messages), CACHED_MESSAGES_MAX));
    });
  }

  /** `state.tickets.waitingForYou`: the tray's and "Mijn meldingen"'s count, from one rule. */
  function waitingCount(list: readonly MyTicket[]): number {
    return list.filter((t) => t.status === 'waiting').length;
  }

  /** Counts and order of the list: waiting for the employee first, then as the API gave it (newest first). */
  function shape(list: readonly MyTicket[]): MyTicket[] {
    const pending = new Map<string, number>();
    for (const r of replies()) if (r.entry.status === 'queued' || r.entry.status === 'sending') pending.set(r.ticketId, (pending.get(r.ticketId) ?? 0) + 1);
    const shaped = list.map((t) => ({ ...t, unread: marks.get(t.ticketId)?.unread ?? 0, pendingReplies: pending.get(t.ticketId) ?? 0 }));
    return [...shaped.filter((t) => t.status === 'waiting'), ...shaped.filter((t) => t.status !== 'waiting')];
  }

  function reshapeList(): void {
    const list = shape(state().list);
    patch({ list, waitingForYou: waitingCount(list) });
  }

  /** A servicedesk answer from the event stream: told once, unread unless its thread is open. */
  function answered(ticketId: string, name: string, text: string, at: string): void {
    const number = state().list.find((t) => t.ticketId === ticketId)?.number;
    if (number === undefined) {
      // A ticket the list does not know yet: the list tells this answer once it has the number.
      if (!marks.has(ticketId)) marks.set(ticketId, { notifiedAt: null, readAt: null, unread: 0 });
      void deps.refreshList();
      return;
    }
    const result = markAnswer(marks.get(ticketId), { ticketId, number, name, text, at }, current?.ticketId === ticketId);
    marks.set(ticketId, result.marks);
    keepMarks();
    reshapeList();
    if (result.notice) deps.onNotice(result.notice);
  }

  async function save(draft: ReplyDraft, text: string): Promise<ReplyResult> {
    const open = current?.ticketId === draft.ticketId ? current : null;
    const shot = draft.includeScreenshot && open ? await picture.picture() : null;
    const body: TicketMessageCreateRequest = {
      text,
      ...(draft.intent === 'reply' ? {} : { resolution: draft.intent }),
      ...(shot ? { attachments: [screenshotAttachment(shot.png)] } : {}),
    };
    const valid = validateSchema('TicketMessageCreateRequest', body);
    if (!valid.ok) {
      log.error('reply body failed its schema', { errors: valid.errors.slice(0, 1000) });
      throw new ActionError('internal', 'the reply could not be made');
    }
    const id = await newUlid(clock.now());
    const record: ReplyRecord = {
      kind: 'reply',
      ticketId: draft.ticketId,
      entry: { id, createdAt: iso(), subject: subjectOf(text), status: 'queued', attempts: 0, nextAttemptAt: null, lastError: null, number: null, problems: [], draft: null },
      body,
      draft,
      problems: [],
      message: null,
      sentAt: null,
    };
    await deps.outbox().keep(record);
    // In the thread now, as waiting: the box empties, and a refused reply it fixed goes.
    if (open && current === open) {
      const refused = open.refused;
      open.refused = null;
      open.reply = emptyReply();
      picture.clear();
      show();
      if (refused) await deps.outbox().dismiss(refused);
    }
    return { outcome: 'saved', id };
  }

  return {
    async start() {
      marks = (await marksMemory.load()) ?? new Map();
    },

    async stop() {
      stopped = true;
      generation++;
      picture.clear();
      await flushWindows(); // what the thread showed is there after a restart
      await disk.close();
    },

    async openThread(ticketId) {
      const mine = ++generation;
      picture.clear();
      current = { ticketId, window: emptyWindow(), loading: 'newer', syncedAt: null, lastError: null, gone: false, reply: emptyReply(), refused: null };
      const open = current;
      const cached = await cache.load(ticketId);
      if (mine !== generation) return;
      if (cached) open.window = addMessages(cached, open.window.messages); // an event that came while it was read stays
      bringBackRefused();
      readOpen();
      show();
      fetching = sync(mine);
    },

    closeThread() {
      void flushWindows();
      generation++;
      current = null;
      picture.clear();
      show();
    },

    async loadOlder() {
      const open = current;
      if (!open || open.loading !== 'idle') return;
      const cursor = olderCursor(open.window);
      if (cursor === null || open.window.messages.length >= SHOWN_MESSAGES_MAX) return;
      const api = deps.api();
      if (!api) {
        open.lastError = { code: 'not-enrolled' };
        return show();
      }
      const mine = generation;
      open.loading = 'older';
      show();
      try {
        const page = await api.listTicketMessages(open.ticketId, { before: cursor, limit: PAGE_MESSAGES });
        if (mine !== generation) return;
        open.window = addPage(open.window, page, 'before');
        open.lastError = null;
      } catch (error) {
        if (mine !== generation) return;
        if (error instanceof ApiError && error.status === 404) open.gone = true;
        else open.lastError = error instanceof ApiError ? error.toJSON() : { code: 'internal', detail: String(error) };
      }
      open.loading = 'idle';
      show();
    },

    async addReplyScreenshot() {
      if (!current) throw new ActionError('invalid-request', 'no thread is open');
      await picture.take();
    },

    removeReplyScreenshot() {
      if (current) picture.remove();
    },

    async sendReply(draft) {
      const check = checkReply(draft, targetOf(draft.ticketId));
      if (!check.ok) return { outcome: 'invalid', problems: check.problems };
      const key = JSON.stringify([draft.ticketId, check.text, draft.intent, draft.includeScreenshot]);
      if (lastSend && lastSend.key === key && clock.now() - lastSend.at < DOUBLE_SEND_MS) return lastSend.result;
      // One save at a time: replies enter the outbox in the order of their ids, which is the
      // order the sender keeps per ticket; two writes racing would let the later one go first.
      const result = saving.then(() => save(draft, check.text));
      saving = result.catch(() => undefined);
      lastSend = { key, result, at: clock.now() };
      result.catch(() => lastSend?.result === result && (lastSend = null)); // a full disk: Send again at once
      return result;
    },

    onServerEvent(event) {
      if (event.type !== 'ticket.message') return;
      const { ticketId, message } = event.data;
      addToThread(ticketId, [fromApi(message)]);
      if (message.author === 'servicedesk' && message.kind === 'message') answered(ticketId, message.name, message.text ?? '', message.at);
    },

    idle: () => fetching.then(flushWindows),

    outboxChanged(records: readonly OutboxRecord[]) {
      if (!current) return reshapeList();
      if (current.refused !== null && !records.some((r) => r.entry.id === current!.refused)) {
        current.refused = null; // dismissed: its draft leaves the box
        current.reply = { ...current.reply, draft: null, problems: [] };
      }
      bringBackRefused();
      if (current.reply.problems.some((p) => p.code === 'closed')) void deps.refreshList();
      reshapeList();
      show();
    },

    sent(record) {
      if (isReply(record) && record.message) addToThread(record.ticketId, [fromApi(record.message, 'sent')]);
    },

    shapeList(list, fresh) {
      if (fresh) {
        const own = new Set(replies().flatMap((r) => (r.message ? [r.message.at] : [])));
        const notices: Notice[] = [];
        let changed = false;
        for (const ticket of list) {
          const was = marks.get(ticket.ticketId);
          // The list's last reply may be this PC's own: never news.
          const reply = ticket.lastReply && own.has(ticket.lastReply.at) ? null : ticket.lastReply;
          const result = markListed(was, { ...ticket, lastReply: reply }, current?.ticketId === ticket.ticketId);
          if (result.marks !== was) {
            marks.set(ticket.ticketId, result.marks);
            changed = true;
          }
          if (result.notice) notices.push(result.notice);
        }
        if (changed) keepMarks(); // a list that brings nothing new writes nothing
        for (const notice of notices) deps.onNotice(notice);
      }
      const shaped = shape(list);
      patch({ waitingForYou: waitingCount(shaped) });
      if (current) show(shaped);
      return shaped;
    },
  };
}

/**
 * The tickets service and the conversation, wired to each other: the conversation is made first
 * (it shapes the list the service's first load shows) and reaches the outbox once the service exists.
 */
export function createTicketsWithConversation(deps: Omit<TicketsDeps, 'conversation'>): { service: TicketsService; conversation: Conversation } {
  const conversation = createConversation({
    store: deps.store,
    log: deps.log,
    clock: deps.clock,
    screen: deps.screen,
    dataDir: deps.dataDir,
    api: deps.api,
    outbox: () => service.outbox,
    onNotice: deps.onNotice,
    refreshList: () => service.refresh(),
  });
  const service = createTicketsService({ ...deps, conversation });
  return { service, conversation };
}

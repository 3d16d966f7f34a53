import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { MyTicket, Notice } from '../../../electron/contract';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { ServerEvent, TicketList, TicketMessage, TicketMessageCreateRequest } from '../../../electron/agent/hallo-api/types';
import { initialState } from '../../../electron/agent/capabilities';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { createTicketsWithConversation } from '../../../electron/agent/tickets/conversation';
import { healthDiagnostics } from '../../../electron/agent/health/diagnostics';
import { createMasker } from '../../../electron/agent/platform/mask';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';
import { device } from './device';

// The tickets capability's two halves (service + conversation, wired as capability.ts wires them)
// against a fake servicedesk that keeps threads with cursors, as the API describes them.

/** `hang`: no answer ever; `lost`: the desk takes it, but its answer never arrives (a crash mid-send). */
export type Answer = ApiError | 'hang' | 'lost' | undefined;

/** One ticket's thread at the fake servicedesk; cursors are `b<seq>` (before) and `a<seq>` (after). */
export class FakeDesk {
  readonly threads = new Map<string, TicketMessage[]>();
  readonly tickets = new Map<string, TicketList[number]>();
  /** Every GET of a thread, as asked. */
  readonly pages: { ticketId: string; before?: string; after?: string; limit?: number }[] = [];
  /** Every POST of a reply: its key and body. */
  readonly posts: { ticketId: string; key: string; body: TicketMessageCreateRequest }[] = [];
  /** What the next POSTs answer (in order); undefined: accepted. */
  readonly script: Answer[] = [];
  /** Each key's message: a retry under the same key gets the first one back. */
  private readonly byKey = new Map<string, TicketMessage>();
  private clock = 0;

  ticket(ticketId: string, number: number, status: MyTicket['status'] = 'open', messages = 1): void {
    this.tickets.set(ticketId, { ticketId, number, subject: `Melding ${number}`, status, createdAt: '2025-03-01T09:00:00.000Z', updatedAt: '2025-03-01T09:00:00.000Z' });
    this.threads.set(ticketId, []);
    for (let i = 0; i < messages; i++) this.add(ticketId, i === 0 ? 'employee' : 'servicedesk', i === 0 ? 'Printen lukt niet' : `antwoord ${i}`);
  }

  /** A message in the thread; a servicedesk one is the list's last reply. */
  add(ticketId: string, author: TicketMessage['author'], text: string, patch: Partial<TicketMessage> = {}): TicketMessage {
    const thread = this.threads.get(ticketId)!;
    const seq = thread.length + 1;
    const at = new Date(Date.UTC(2025, 2, 3, 9) + ++this.clock * 1000).toISOString();
    const message: TicketMessage = { messageId: `${ticketId}-m${seq}`, seq, ticketId, kind: 'message', author, name: author === 'servicedesk' ? 'Sanne' : 'Anna', at, text, ...patch };
    thread.push(message);
    const ticket = this.tickets.get(ticketId)!;
    this.tickets.set(ticketId, { ...ticket, updatedAt: at, ...(author === 'servicedesk' ? { lastReply: { from: message.name, at, text } } : {}) });
    return message;
  }

  status(ticketId: string, status: MyTicket['status']): void {
    this.add(ticketId, 'system', '', { kind: 'status', status });
    this.tickets.set(ticketId, { ...this.tickets.get(ticketId)!, status });
  }

  api(): HalloApi {
    return {
      listTickets: async () => [...this.tickets.values()],
      listTicketMessages: async (ticketId: string, page: { before?: string; after?: string; limit?: number } = {}) => {
        this.pages.push({ ticketId, ...page });
        const thread = this.threads.get(ticketId);
        if (!thread) throw new ApiError('http-4xx', 'gone', 404);
        const limit = Math.min(page.limit ?? 50, 200);
        let slice: TicketMessage[];
        if (page.after) slice = thread.filter((m) => m.seq > Number(page.after!.slice(1))).slice(0, limit);
        else if (page.before) slice = thread.filter((m) => m.seq < Number(page.before!.slice(1))).slice(-limit);
        else slice = thread.slice(-limit);
        const first = slice[0]?.seq;
        const last = slice.at(-1)?.seq ?? (page.after ? Number(page.after.slice(1)) : thread.length);
        return {
          messages: slice,
          older: first === undefined || first === 1 ? null : `b${first}`,
          newer: `a${last}`,
          hasNewer: thread.some((m) => m.seq > last),
        };
      },
      createTicketMessage: async (ticketId: string, body: TicketMessageCreateRequest, key: string) => {
        this.posts.push({ ticketId, key, body });
        const answer = this.script.shift();
        if (answer === 'hang') return new Promise(() => undefined);
        if (answer instanceof ApiError) throw answer;
        const known = this.byKey.get(key);
        if (known) return { message: known, replayed: true };
        if (!this.threads.has(ticketId)) throw new ApiError('http-4xx', 'gone', 404);
        const message = this.add(ticketId, 'employee', body.text, body.resolution ? { resolution: body.resolution } : {});
        this.byKey.set(key, message);
        if (answer === 'lost') return new Promise(() => undefined);
        return { message, replayed: false };
      },
      createTicket: async () => ({ ticket: { ticketId: 'tnew', number: 99, status: 'new', createdAt: '2025-03-03T09:00:00.000Z' }, replayed: false }),
    } as unknown as HalloApi;
  }

  /** The event the API sends for a message. */
  event(message: TicketMessage): ServerEvent {
    return { id: null, type: 'ticket.message', data: { ticketId: message.ticketId, message } };
  }
}

export function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(120);
  return PNG.sync.write(image);
}

const dirs: string[] = [];
const running: { stop(): Promise<void> }[] = [];

/** For afterEach: every agent started stops, every data folder goes. */
export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
}

export interface AgentOptions {
  dataDir?: string;
  clock?: FakeClock;
  online?: () => boolean;
  screen?: Uint8Array | null;
}

/** The tickets capability on a data folder; `online() === false`: not enrolled (no API). */
export async function startTickets(desk: FakeDesk, opts: AgentOptions = {}) {
  const clock = opts.clock ?? createFakeClock();
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'hallo-thread-')));
  if (!opts.dataDir) dirs.push(dataDir);
  const store = new AgentStore(initialState({ appVersion: '0.1.0', platform: 'linux' }));
  store.update('tickets', (t) => ({ ...t, contact: { name: 'Anna', phone: '', email: '' } }));
  const log = createLogger({ file: null, clock });
  const notices: Notice[] = [];
  const client = desk.api();
  const api = () => (opts.online?.() === false ? null : client);
  const screen = { capture: async () => (opts.screen ? { png: opts.screen, width: 0, height: 0 } : null) };
  const { service, conversation } = createTicketsWithConversation({
    store,
    log,
    clock,
    screen,
    dataDir,
    appVersion: '0.1.0',
    api,
    diagnostics: async (mask) => healthDiagnostics({ state: store.get(), device, appVersion: '0.1.0', mask }),
    onNotice: (n) => notices.push(n),
    processes: async () => ({ byCpu: [], byMemory: [] }),
    mask: createMasker({ username: 'anna', home: '/home/anna' }),
    backoff: { random: () => 0.5 },
  });
  service.applyPolicy({ categories: [{ id: 'other', label: { nl: 'Iets anders', en: 'Something else' } }], maxAttachmentBytes: 100_000, maxDescriptionChars: 500 });
  await conversation.start();
  await service.start();
  await service.refresh();
  const thread = () => store.get().tickets.thread;
  const agent = {
    clock,
    dataDir,
    store,
    notices,
    conversation,
    service,
    thread,
    texts: () => thread()?.messages.map((m) => m.text) ?? [],
    /** Opens a thread and waits for its fetch. */
    async open(ticketId: string) {
      await conversation.openThread(ticketId);
      await conversation.idle();
      await settle();
    },
    async event(message: TicketMessage) {
      conversation.onServerEvent(desk.event(message));
      service.onServerEvent(desk.event(message));
      await settle();
    },
    async stop() {
      await conversation.stop();
      await service.stop();
    },
  };
  running.push(agent);
  return agent;
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openReport, type MyTicket, type Notice, type TicketDraft, TicketPreview } from '../../../electron/contract';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { TicketCreateRequest } from '../../../electron/agent/hallo-api/types';
import { initialState } from '../../../electron/agent/capabilities';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { ContactMemory } from '../../../electron/agent/tickets/contact';
import { healthDiagnostics } from '../../../electron/agent/health/diagnostics';
import { createMasker } from '../../../electron/agent/platform/mask';
import type { TicketsService } from '../../../electron/agent/tickets/service';
import { createTicketsWithConversation } from '../../../electron/agent/tickets/conversation';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import { createFakeClock } from '../../doubles/fake-clock';
import { device } from './device';

const services: TicketsService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) s.stop();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

/** Random pixels: PNG cannot compress them, so only scaling makes them smaller. */
function noise(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 2654435761) >>> 24;
  return PNG.sync.write(image);
}

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

interface Setup {
  screen?: Uint8Array | null;
  /** The API's answer to POST /tickets; default 201 with number 10001. */
  answer?: (body: TicketCreateRequest) => Error | null | Promise<Error | null>;
  tickets?: () => MyTicket[];
  dataDir?: string;
  firstListDelayMs?: number;
}

async function setup(opts: Setup = {}) {
  const clock = createFakeClock();
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'hallo-tickets-')));
  if (!opts.dataDir) dirs.push(dataDir);
  const notices: Notice[] = [];
  const listCalls = { count: 0 };
  const store = new AgentStore(initialState({ appVersion: '0.1.0', platform: 'linux' }));
  const log = createLogger({ file: null, clock });
  const posted: { body: TicketCreateRequest; key: string }[] = [];
  const api = {
    async createTicket(body: TicketCreateRequest, key: string) {
      posted.push({ body, key });
      const refused = await opts.answer?.(body);
      if (refused) throw refused;
      return { ticket: { ticketId: 't1', number: 10001, status: 'new', createdAt: '2025-03-03T09:00:00.000Z' }, replayed: false };
    },
    listTickets: async () => {
      listCalls.count++;
      return opts.tickets?.() ?? [];
    },
  } as unknown as HalloApi;
  const processes = vi.fn(async () => ({ byCpu: [{ name: 'code', pid: 7, cpuPercent: 50, memoryBytes: 1e9 }], byMemory: [] }));
  // Wired as capability.ts wires them: the conversation tells the answers the list brings.
  const { service, conversation } = createTicketsWithConversation({
    store,
    log,
    clock,
    screen: { capture: async () => (opts.screen ? { png: opts.screen, width: 0, height: 0 } : null) },
    dataDir,
    appVersion: '0.1.0',
    api: () => api,
    diagnostics: async (mask) => healthDiagnostics({ state: store.get(), device, appVersion: '0.1.0', mask }),
    onNotice: (notice) => notices.push(notice),
    processes,
    mask: createMasker({ username: 'anna', home: '/home/anna' }),
    contact: new ContactMemory(dataDir, log),
    firstListDelayMs: opts.firstListDelayMs,
  });
  services.push(service);
  service.applyPolicy({
    categories: [
      { id: 'print', label: { nl: 'Printen', en: 'Printing' } },
      { id: 'other', label: { nl: 'Iets anders', en: 'Something else' } },
    ],
    maxAttachmentBytes: 100_000,
    maxDescriptionChars: 500,
  });
  await conversation.start();
  await service.start();
  /** Both stopped, as the capability stops them: nothing of either writes after it settles. */
  const stop = () => Promise.all([conversation.stop(), service.stop()]);
  return { stop, service, store, posted, processes, dataDir, clock, notices, listCalls };
}

/** The picture is fitted after the form opens; this waits until the form shows it. */
async function screenshotShown(store: AgentStore) {
  await vi.waitFor(() => expect(store.get().tickets.report?.screenshotNote).not.toBe('taking'));
  return store.get().tickets.report!;
}

const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  description: 'Printen lukt niet\u0007',
  categoryId: 'print',
  impact: 'several-cannot-work',
  contact: { name: 'Anna', phone: '', email: 'anna@example.nl' },
  relatedItemId: null,
  includeScreenshot: true,
  includeProcesses: true,
  ...overrides,
});

describe('the tickets service', () => {
  it('opening the report takes the screenshot and shows its thumbnail; cancel drops it', async () => {
    const t = await setup({ screen: png(640, 400) });
    await t.service.startReport('disk-space:C:');
    expect(t.store.get().tickets.report).toMatchObject({ relatedItemId: 'disk-space:C:', screenshotNote: 'taking' }); // the form is open at once
    const report = await screenshotShown(t.store);
    expect(report.relatedItemId).toBe('disk-space:C:');
    expect(report.screenshot).toMatchObject({ width: 640, height: 400 });
    expect(report.screenshot!.thumbnail.startsWith('data:image/png;base64,')).toBe(true);
    expect(t.processes).toHaveBeenCalledTimes(1); // started when the form opens, not on Send
    t.service.cancelReport();
    expect(t.store.get().tickets.report).toBeNull();
  });

  it('a PC where capture is refused opens the form without a screenshot', async () => {
    const t = await setup({ screen: null });
    await t.service.startReport(null);
    expect(t.store.get().tickets.report).toEqual(openReport({ screenshotNote: 'capture-failed' }));
  });

  it('a screen too large to fit even scaled down is said, not silently dropped', async () => {
    const t = await setup({ screen: noise(400, 300) });
    t.service.applyPolicy({ categories: [], maxAttachmentBytes: 1_000, maxDescriptionChars: 500 });
    await t.service.startReport(null);
    expect(await screenshotShown(t.store)).toEqual(openReport({ screenshotNote: 'too-large' }));
  });

  it('"what will be sent" is exactly what Send sends, the picture as its size', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    const preview = await t.service.preview(draft());
    await t.clock.advance(60_000); // a minute of reading: Send still sends what was shown
    const result = await t.service.submit(draft());
    expect(result.outcome).toBe('saved');
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    const { body } = t.posted[0]!;
    const { attachments, diagnostics, ...rest } = body;
    // The contract's TicketPreview, strict: the picture as its size, never its bytes.
    expect(TicketPreview.safeParse(preview).error).toBeUndefined();
    const { attachments: shown, diagnostics: shownDiagnostics, ...shownRest } = preview;
    expect(shownRest).toEqual(rest);
    expect(shownDiagnostics).toEqual(diagnostics);
    expect(shown).toEqual([{ name: 'screenshot.png', contentType: 'image/png', bytes: Buffer.from(attachments![0]!.dataBase64, 'base64').length }]);
    expect(rest).toMatchObject({ subject: 'Printen lukt niet', description: 'Printen lukt niet', urgency: 'critical', contact: { name: 'Anna', email: 'anna@example.nl' } });
    expect(diagnostics.processes?.byCpu[0]?.name).toBe('code');
  });

  it('the screenshot and the processes can be left out', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    await t.service.submit(draft({ includeScreenshot: false, includeProcesses: false }));
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    expect(t.posted[0]!.body.attachments).toEqual([]);
    expect(t.posted[0]!.body.diagnostics.processes).toBeNull();
  });

  it('removing the screenshot in the form means none is sent', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    await screenshotShown(t.store);
    t.service.removeScreenshot();
    expect(t.store.get().tickets.report).toEqual(openReport({ screenshotNote: 'removed' }));
    await t.service.submit(draft());
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    expect(t.posted[0]!.body.attachments).toEqual([]);
  });

  it('an invalid draft saves nothing and keeps the form open', async () => {
    const t = await setup();
    await t.service.startReport(null);
    const result = await t.service.submit(draft({ description: 'x'.repeat(501) }));
    expect(result).toEqual({ outcome: 'invalid', problems: [{ field: 'description', code: 'too-long', params: { max: 500 } }] });
    expect(t.store.get().tickets.report).not.toBeNull();
    expect(t.store.get().tickets.outbox).toEqual([]);
  });

  it('a saved ticket closes the form, shows in the outbox and remembers the contact', async () => {
    const t = await setup();
    await t.service.startReport(null);
    const result = await t.service.submit(draft({ contact: { name: 'Anna', phone: '06 12345678', email: 'anna@example.nl' } }));
    expect(t.store.get().tickets.report).toBeNull();
    expect(t.store.get().tickets.outbox[0]).toMatchObject({ id: (result as { id: string }).id, subject: 'Printen lukt niet' });
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ status: 'sent', number: 10001 }));
    expect(t.store.get().tickets.contact).toEqual({ name: 'Anna', phone: '06 12345678', email: 'anna@example.nl' });
  });

  it('a ticket that waited and then reached the servicedesk is told, with its number; one sent at once is not', async () => {
    let down = true;
    const t = await setup({ answer: () => (down ? new ApiError('network', 'offline') : null) });
    await t.service.startReport(null);
    await t.service.submit(draft());
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ status: 'queued', attempts: 1 }));
    expect(t.notices).toEqual([]);
    down = false;
    await t.clock.advance(60 * 60_000);
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ status: 'sent', number: 10001 }));
    expect(t.notices).toEqual([{ code: 'ticket-delivered', params: { number: 10001 } }]);

    await t.service.startReport(null);
    await t.service.submit(draft({ description: 'Nog iets' }));
    await vi.waitFor(() => expect(t.posted).toHaveLength(3));
    await vi.waitFor(() => expect(t.store.get().tickets.outbox.every((e) => e.status === 'sent')).toBe(true));
    expect(t.notices).toHaveLength(1);
  });

  it('a double click on Send makes one ticket', async () => {
    const t = await setup();
    await t.service.startReport(null);
    const [first, second] = await Promise.all([t.service.submit(draft()), t.service.submit(draft())]);
    expect(second).toEqual(first);
    await vi.waitFor(() => expect(t.posted).toHaveLength(1));
    expect(t.store.get().tickets.outbox).toHaveLength(1);
  });

  it('a ticket the API refuses comes back into the form with its problems and screenshot, and leaves the outbox only when fixed', async () => {
    let refuse = true;
    const t = await setup({
      screen: png(320, 200),
      answer: () => (refuse ? new ApiError('http-4xx', 'invalid', 422, undefined, [{ field: '/contact/email', code: 'invalid' }]) : null),
    });
    await t.service.startReport(null);
    const saved = (await t.service.submit(draft())) as { id: string };
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ status: 'rejected' }));

    await t.service.reopen(saved.id);
    const report = await screenshotShown(t.store);
    expect(report).toMatchObject({ replaces: saved.id, draft: draft(), problems: [{ field: 'contact.email', code: 'invalid-email' }] });
    expect(report.screenshot).toMatchObject({ width: 320, height: 200 }); // the picture it had, not a new one

    // Closing the form loses nothing: the refused ticket is still there, to fix later.
    t.service.cancelReport();
    expect(t.store.get().tickets.outbox).toEqual([expect.objectContaining({ id: saved.id, status: 'rejected' })]);

    refuse = false;
    await t.service.reopen(saved.id);
    await screenshotShown(t.store);
    const fixed = (await t.service.submit(draft({ contact: { name: 'Anna', phone: '', email: 'anna@example.com' } }))) as { id: string };
    await vi.waitFor(() => expect(t.store.get().tickets.outbox).toEqual([expect.objectContaining({ id: fixed.id, status: 'sent' })]));
    expect(t.posted.at(-1)!.body.attachments).toHaveLength(1);
    await expect(t.service.reopen(saved.id)).rejects.toThrow(); // gone, file and all
  });

  it('the ticket just sent, refused by the API, comes straight back into the form by itself', async () => {
    const t = await setup({ answer: () => new ApiError('http-4xx', 'invalid', 422, undefined, [{ field: '/contact/phone', code: 'invalid' }]) });
    await t.service.startReport(null);
    const saved = (await t.service.submit(draft())) as { id: string };
    expect(t.store.get().tickets.report).toBeNull(); // sent: the form closed
    await vi.waitFor(() => expect(t.store.get().tickets.report).toMatchObject({ replaces: saved.id, problems: [{ field: 'contact.phone', code: 'invalid-phone' }] }));
    expect(t.store.get().tickets.outbox[0]).toMatchObject({ id: saved.id, status: 'rejected', phase: 'rejected' });
  });

  it('sending a refused ticket again unchanged, at once, is a new Send, not a double click', async () => {
    const t = await setup({ answer: () => new ApiError('http-4xx', 'too large', 413) });
    await t.service.startReport(null);
    const first = (await t.service.submit(draft())) as { id: string };
    await vi.waitFor(() => expect(t.store.get().tickets.report).toMatchObject({ replaces: first.id }));
    const second = (await t.service.submit(draft())) as { id: string };
    expect(second.id).not.toBe(first.id);
    await vi.waitFor(() => expect(t.posted).toHaveLength(2));
  });

  it('after stop() a late screenshot fit changes nothing', async () => {
    const t = await setup({ screen: png(320, 200) });
    await t.service.startReport(null);
    const before = t.store.get().tickets.report;
    await t.service.stop();
    await new Promise((done) => setTimeout(done, 50)); // the fit was queued with setImmediate
    expect(t.store.get().tickets.report).toEqual(before);
  });

  it('a refusal that comes while another report is open leaves that report alone', async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((done) => (release = done));
    const refusal = new ApiError('http-4xx', 'invalid', 422, undefined, [{ field: '/contact/email', code: 'invalid' }]);
    const t = await setup({ answer: () => answered.then(() => refusal) });
    await t.service.startReport(null);
    const saved = (await t.service.submit(draft())) as { id: string };
    await t.service.startReport('memory'); // the employee is already writing the next one
    release();
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ id: saved.id, status: 'rejected' }));
    expect(t.store.get().tickets.report).toMatchObject({ relatedItemId: 'memory', replaces: null });
  });

  it('"My tickets" survives a restart, and a reply that came while the PC was off is a notice', async () => {
    let list: MyTicket[] = [{ ticketId: 't1', number: 10001, subject: 'Printen', status: 'open', createdAt: '2025-03-03T08:00:00Z', updatedAt: '2025-03-03T08:00:00Z', lastReply: null, unread: 0, pendingReplies: 0 }];
    const first = await setup({ tickets: () => list });
    await first.service.refresh();
    first.service.stop();
    expect(first.notices).toEqual([]); // the first list is no news

    list = [{ ...list[0]!, status: 'waiting', lastReply: { from: 'Sanne', at: '2025-03-03T10:00:00Z', text: 'Is de printer aan?' } }];
    const second = await setup({ tickets: () => list, dataDir: first.dataDir });
    expect(second.store.get().tickets.list[0]).toMatchObject({ number: 10001, status: 'open' }); // shown before the API answers
    await second.service.refresh();
    expect(second.notices).toEqual([{ code: 'ticket-answered', params: { number: 10001, name: 'Sanne', excerpt: 'Is de printer aan?' }, ticketId: 't1' }]);
    expect(second.store.get().tickets).toMatchObject({ waitingForYou: 1, list: [{ ticketId: 't1', unread: 1 }] });

    // A third start: that answer was told already.
    await second.stop();
    const third = await setup({ tickets: () => list, dataDir: first.dataDir });
    await third.service.refresh();
    expect(third.notices).toEqual([]);
  });

  it('enrolling as another device or with another API starts a clean "My tickets"; the outbox keeps its tickets', async () => {
    const enrolled = (deviceId: string, apiUrl: string) =>
      t.store.update('connection', (c) => ({ ...c, status: 'online', deviceId, apiUrl }));
    const mine: MyTicket[] = [{ ticketId: 't1', number: 10001, subject: 'Printen', status: 'open', createdAt: '2025-03-03T08:00:00Z', updatedAt: '2025-03-03T08:00:00Z', lastReply: null, unread: 0, pendingReplies: 0 }];
    let down = false;
    const t = await setup({ tickets: () => mine, answer: () => (down ? new ApiError('network', 'offline') : null) });
    enrolled('dev-1', 'https://a.example/v1');
    await t.service.refresh();
    expect(t.store.get().tickets.list).toHaveLength(1);
    down = true;
    await t.service.startReport(null);
    await t.service.submit(draft());
    await vi.waitFor(() => expect(t.store.get().tickets.outbox[0]).toMatchObject({ status: 'queued', attempts: 1 }));

    enrolled('dev-2', 'https://b.example/v1');
    await vi.waitFor(() => expect(t.store.get().tickets.list).toEqual([]));
    expect(t.store.get().tickets.outbox).toHaveLength(1); // nothing lost from the outbox
  });

  it('asks for "My tickets" once a run: with a list from before on screen after its follow-up delay; after an outage not again', async () => {
    const list: MyTicket[] = [{ ticketId: 't1', number: 10001, subject: 'Printen', status: 'closed', createdAt: '2025-03-03T08:00:00Z', updatedAt: '2025-03-03T08:00:00Z', lastReply: null, unread: 0, pendingReplies: 0 }];
    const first = await setup({ tickets: () => list });
    await first.service.refresh();
    await first.stop();
    const t = await setup({ tickets: () => list, dataDir: first.dataDir, firstListDelayMs: 60_000 });
    const connection = (status: 'online' | 'offline') => t.store.update('connection', (c) => ({ ...c, status }));
    connection('online');
    expect(t.store.get().tickets.list).toMatchObject([{ number: 10001 }]); // the list from before, meanwhile
    await t.clock.advance(59_999);
    expect(t.listCalls.count).toBe(0);
    await t.clock.advance(1);
    expect(t.listCalls.count).toBe(1);
    // An outage and back: the event stream resumes where it left off; the list is not asked again.
    connection('offline');
    connection('online');
    await t.clock.advance(60 * 60_000);
    expect(t.listCalls.count).toBe(1);
  });

  it('keeps "My tickets" current by asking again while a ticket is open, not once all are closed', async () => {
    let status: MyTicket['status'] = 'open';
    const t = await setup({ tickets: () => [{ ticketId: 't1', number: 10001, subject: 'Printen', status, createdAt: '2025-03-03T08:00:00Z', updatedAt: '2025-03-03T08:00:00Z', lastReply: null, unread: 0, pendingReplies: 0 }] });
    await t.service.refresh();
    const before = t.listCalls.count;
    const updatedAt = () => t.store.get().tickets.listUpdatedAt;
    const seen = updatedAt();
    await t.clock.advance(15 * 60_000); // the poll comes within 5 to 15 minutes
    expect(t.listCalls.count).toBe(before + 1);
    // Let its answer land before the next jump: a loaded machine's file I/O can outlast the jump,
    // and the next poll would then be planned from a later time (past the next jump).
    await vi.waitFor(() => expect(updatedAt()).not.toBe(seen));
    status = 'closed';
    await t.clock.advance(15 * 60_000);
    await vi.waitFor(() => expect(t.store.get().tickets.list[0]?.status).toBe('closed'));
    const closed = t.listCalls.count;
    await t.clock.advance(60 * 60_000);
    expect(t.listCalls.count).toBe(closed);
  });
});

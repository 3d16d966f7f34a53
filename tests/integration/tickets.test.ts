import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionError, openReport, type Notice, type TicketDraft } from '../../electron/contract';
import { createAgent, type Agent } from '../../electron/agent/agent';
import type { Fault } from '../reference-api/server';
import { validateSchema } from '../../electron/agent/hallo-api/validator';
import type { HttpTransport, ScreenCapture } from '../../electron/agent/ports';
import { createNodePorts } from '../../electron/preview/node-ports';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { technician } from '../reference-api/testing';
import { until } from './fixtures/until';

// "Report a problem" end to end in Node: the real agent (real probes, real files) against the
// reference API on 127.0.0.1, with faults injected through the portal endpoint as a test would.

let api: ReferenceApi | null = null;
const agents: Agent[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
  await api?.close();
  api = null;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A noisy picture: it compresses badly, so fitting it under 2 MB takes real scaling. */
function noisyPng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  let seed = 7;
  for (let i = 0; i < png.data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    png.data[i] = i % 4 === 3 ? 255 : seed >> 23;
  }
  return PNG.sync.write(png);
}

const screen = (png: Uint8Array | null): ScreenCapture => ({
  capture: async () => (png ? { png, width: 0, height: 0 } : null),
});

async function startApi(): Promise<ReferenceApi> {
  api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
  return api;
}

async function boot(opts: { dataDir?: string; screenPng?: Uint8Array | null; waitOnline?: boolean; timeoutMs?: number; http?: HttpTransport } = {}) {
  const reference = api ?? (await startApi());
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'hallo-tickets-it-')));
  if (!opts.dataDir) dirs.push(dataDir);
  const ports = createNodePorts({ dataDir, screen: screen(opts.screenPng ?? null) });
  const agent = createAgent(opts.http ? { ...ports, http: opts.http } : ports, {
    appVersion: '0.1.0-test',
    systemLanguages: ['nl-NL'],
    env: { HALLO_API_URL: reference.url, HALLO_ENROLLMENT_CODE: reference.enrollmentCode },
    api: { backoffBaseMs: 50, timeoutMs: opts.timeoutMs },
  });
  agents.push(agent);
  await agent.start();
  // A PC that knows its token spreads its first heartbeat over 30 s; its outbox does not wait for it.
  if (opts.waitOnline !== false) await until('online', () => agent.state().connection.status === 'online' && agent.state().tickets.categories.length > 1);
  return { agent, dataDir, api: reference };
}

function draft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    description: 'Printen lukt niet\nDe printer op de tweede verdieping doet niets 🖨️',
    categoryId: 'print',
    impact: 'cannot-work',
    contact: { name: 'Anna de Vries', phone: '06 12345678', email: 'anna@example.nl' },
    relatedItemId: null,
    includeScreenshot: true,
    includeProcesses: false,
    ...overrides,
  };
}

async function portal(reference: ReferenceApi, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${reference.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${reference.portalToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}
/** Every file under `dir` as "path size mtime", sorted: a write shows as a changed line (or a "gone" one). */
async function filesIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).sort();
  const files = await Promise.all(names.map(async (name) => [name, await stat(join(dir, name)).catch(() => null)] as const));
  return files.filter(([, s]) => !s?.isDirectory()).map(([name, s]) => (s ? `${name} ${s.size} ${s.mtimeMs}` : `${name} gone while listed`));
}
const inject = (reference: ReferenceApi, ...faults: Fault[]) => portal(reference, 'POST', '/portal/faults', { faults });
const entry = (agent: Agent, id: string) => agent.state().tickets.outbox.find((e) => e.id === id);

describe('report a problem against the reference API', () => {
  it('a ticket with diagnostics and screenshot arrives once, and its number shows', async () => {
    const { agent, api } = await boot({ screenPng: noisyPng(1200, 900) });
    await agent.invoke('tickets.startReport', { relatedItemId: null });
    expect(agent.state().tickets.report?.screenshotNote).toBe('taking'); // the form is open before the picture is fitted
    await until('the screenshot fitted', () => agent.state().tickets.report?.screenshotNote !== 'taking');
    const shot = agent.state().tickets.report?.screenshot;
    expect(shot).toBeTruthy();
    expect(shot!.bytes).toBeLessThanOrEqual(api.policy().policy.tickets.maxAttachmentBytes);
    expect(shot!.width).toBeLessThan(1200);
    expect(shot!.thumbnail).toMatch(/^data:image\/png;base64,/);

    const result = await agent.invoke('tickets.submit', { draft: draft() });
    expect(result.outcome).toBe('saved');
    const id = (result as { id: string }).id;
    expect(agent.state().tickets.report).toBeNull();
    await until('sent', () => entry(agent, id)?.status === 'sent');

    expect(api.tickets).toHaveLength(1);
    const ticket = api.tickets[0]!;
    expect(entry(agent, id)!.number).toBe(ticket.number);
    expect(ticket.idempotencyKey).toBe(id);
    expect(ticket.request).toMatchObject({ subject: 'Printen lukt niet', category: 'print', urgency: 'high' });
    expect(ticket.request.description).toContain('🖨️');
    expect(validateSchema('Diagnostics', ticket.request.diagnostics).ok).toBe(true);
    expect(ticket.request.diagnostics.device.hostname).toBe(agent.state().device?.hostname);
    const attachment = ticket.request.attachments![0]!;
    const picture = PNG.sync.read(Buffer.from(attachment.dataBase64, 'base64'));
    expect([picture.width, picture.height]).toEqual([shot!.width, shot!.height]);

    // What the technician sees in the portal.
    const seen = (await (await portal(api, 'GET', '/portal/tickets')).json()) as { diagnostics: unknown; attachments: unknown[] }[];
    expect(seen[0]!.diagnostics).toBeTruthy();
    expect(seen[0]!.attachments).toHaveLength(1);
    await until('in my tickets', () => agent.state().tickets.list.some((t) => t.number === ticket.number));
    expect(api.received.serverErrors).toEqual([]);
  });

  it('the API down: the ticket waits, queued with the reason, and arrives exactly once when it is back', async () => {
    const { agent, api } = await boot();
    await inject(api, { method: 'POST', path: '/tickets', kind: 'reset', times: 1000 });
    const result = await agent.invoke('tickets.submit', { draft: draft({ includeScreenshot: false }) });
    const id = (result as { id: string }).id;
    await until('queued after a failure', () => (entry(agent, id)?.attempts ?? 0) >= 2 && entry(agent, id)?.status === 'queued');
    expect(entry(agent, id)!.lastError?.code).toBe('network');
    expect(entry(agent, id)!.nextAttemptAt).not.toBeNull();
    expect(api.tickets).toHaveLength(0);

    expect((await portal(api, 'DELETE', '/portal/faults')).status).toBe(204);
    await until('sent', () => entry(agent, id)?.status === 'sent');
    expect(api.tickets).toHaveLength(1);
    expect(entry(agent, id)!.number).toBe(api.tickets[0]!.number);
  });

  it('a 422 brings the draft back with the reason; a 413 names the screenshot', async () => {
    const { agent, api } = await boot({ screenPng: noisyPng(200, 150) });
    const problem = (status: number, errors: unknown[]) => ({
      method: 'POST' as const,
      path: '/tickets',
      kind: 'body' as const,
      status,
      body: { type: 'about:blank', title: 'refused', status, errors },
    });
    await inject(api, problem(422, [{ field: '/description', code: 'too-long' }]));
    const typed = draft({ includeScreenshot: false, description: 'Inloggen lukt niet' });
    const first = (await agent.invoke('tickets.submit', { draft: typed })) as { id: string };
    await until('rejected', () => entry(agent, first.id)?.status === 'rejected');
    expect(entry(agent, first.id)).toMatchObject({
      draft: typed,
      problems: [{ field: 'description', code: 'too-long', params: { max: 2000 } }],
      lastError: { code: 'http-4xx', status: 422 },
    });
    await agent.invoke('tickets.dismiss', { id: first.id });
    expect(entry(agent, first.id)).toBeUndefined();

    await inject(api, problem(413, []));
    await agent.invoke('tickets.startReport', { relatedItemId: null });
    const second = (await agent.invoke('tickets.submit', { draft: draft() })) as { id: string };
    await until('rejected', () => entry(agent, second.id)?.status === 'rejected');
    expect(entry(agent, second.id)!.problems).toEqual([{ field: 'screenshot', code: 'too-large', params: { max: 2 * 1024 * 1024 } }]);
    expect(api.tickets).toHaveLength(0);
  });

  it('an outbox that cannot be written: not-saved, the form stays open, and nothing is lost', async () => {
    const { agent, api, dataDir } = await boot();
    await rm(join(dataDir, 'outbox'), { recursive: true, force: true });
    await writeFile(join(dataDir, 'outbox'), 'not a folder'); // even root cannot create files below a file
    await agent.invoke('tickets.startReport', { relatedItemId: 'memory' });
    const error = await agent.invoke('tickets.submit', { draft: draft() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe('not-saved');
    expect(agent.state().tickets.report).toEqual(openReport({ relatedItemId: 'memory', screenshotNote: 'capture-failed' }));
    expect(agent.state().tickets.outbox).toEqual([]);

    await rm(join(dataDir, 'outbox'));
    const again = (await agent.invoke('tickets.submit', { draft: draft({ relatedItemId: 'memory' }) })) as { id: string };
    await until('sent', () => entry(agent, again.id)?.status === 'sent');
    expect(api.tickets).toHaveLength(1);
    expect(api.tickets[0]!.request.diagnostics.relatedItemId).toBe('memory');
  });

  it('a crash while sending: after the restart the same ticket is sent, and the API keeps one', async () => {
    const first = await boot();
    // The API makes the ticket but the answer is lost; then the agent "dies" mid-retry.
    await inject(first.api, { method: 'POST', path: '/tickets', kind: 'lose-response' }, { method: 'POST', path: '/tickets', kind: 'reset', times: 1000 });
    const { id } = (await first.agent.invoke('tickets.submit', { draft: draft({ includeScreenshot: false }) })) as { id: string };
    await until('a failed attempt', () => (entry(first.agent, id)?.attempts ?? 0) >= 1 && entry(first.agent, id)?.status === 'queued');
    await first.agent.stop();
    agents.splice(agents.indexOf(first.agent), 1);
    expect(first.api.tickets).toHaveLength(1);
    const file = join(first.dataDir, 'outbox', `${id}.json`);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...saved, entry: { ...saved.entry, status: 'sending' } }));
    await portal(first.api, 'DELETE', '/portal/faults');

    const second = await boot({ dataDir: first.dataDir, waitOnline: false });
    await until('sent after restart', () => entry(second.agent, id)?.status === 'sent');
    expect(first.api.tickets).toHaveLength(1);
    expect(entry(second.agent, id)!.number).toBe(first.api.tickets[0]!.number);
    // Made once (the answer lost), the resets never reached it, then replayed once after the restart.
    expect(first.api.received.tickets.filter((t) => t.idempotencyKey === id).map((t) => t.status)).toEqual([201, 200]);
  });

  it('after stop() nothing writes into the data folder, though a ticket was on its way', async () => {
    const reference = await startApi();
    // The API holds the request open: the agent's own timeout ends it, after the agent has stopped.
    await inject(reference, { method: 'POST', path: '/tickets', kind: 'timeout' });
    const calls: Promise<unknown>[] = [];
    const http: HttpTransport = {
      fetch: (url, init) => {
        const call = fetch(url, init);
        calls.push(call.catch(() => undefined));
        return call;
      },
    };
    const { agent, dataDir } = await boot({ http, timeoutMs: 1_000 });
    const { id } = (await agent.invoke('tickets.submit', { draft: draft({ includeScreenshot: false }) })) as { id: string };
    await until('the API has the ticket request', () => reference.received.requests.some((r) => r.method === 'POST' && r.path === '/tickets'));
    await agent.stop();
    agents.splice(agents.indexOf(agent), 1);
    const before = await filesIn(dataDir);
    expect(before.map((line) => line.split(' ')[0])).toEqual(expect.arrayContaining([join('logs', 'agent.log'), join('outbox', `${id}.json`)]));

    await Promise.all(calls); // the request has timed out (and the heartbeat, policy and list calls ended)
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r)); // what would follow it, runs
    expect(await filesIn(dataDir)).toEqual(before);
  });

  it('a damaged outbox file is moved aside, logged and shown until acknowledged, never deleted', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hallo-tickets-it-'));
    dirs.push(dataDir);
    const name = '01JD0000000000000000000000.json';
    await rm(join(dataDir, 'outbox'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dataDir, 'outbox'), { recursive: true }));
    await writeFile(join(dataDir, 'outbox', name), '{"version":1,"entry":');
    const { agent } = await boot({ dataDir });
    expect(await readdir(join(dataDir, 'outbox', 'damaged'))).toEqual([name]);
    expect(agent.log.recent().some((e) => e.level === 'error' && e.msg.includes('damaged outbox file'))).toBe(true);
    expect(agent.state().tickets.damaged).toEqual([expect.objectContaining({ file: name })]);

    // "Begrepen": the notice goes, the file stays where a person can read it.
    await agent.invoke('tickets.dismiss', { id: name });
    expect(agent.state().tickets.damaged).toEqual([]);
    expect(await readFile(join(dataDir, 'outbox', 'damaged', 'seen', name), 'utf8')).toBe('{"version":1,"entry":');
    await agent.stop();
    agents.splice(agents.indexOf(agent), 1);
    // A PC that knows its token spreads its first heartbeat over 30 s; the outbox is read at start.
    const again = await boot({ dataDir, waitOnline: false });
    expect(again.agent.state().tickets.damaged).toEqual([]); // not shown again after a restart
  });
});

describe('the conversation on a ticket against the reference API', () => {
  /** A ticket of this PC at the servicedesk, in "Mijn meldingen". */
  async function ticketOf(agent: Agent, reference: ReferenceApi): Promise<string> {
    const { id } = (await agent.invoke('tickets.submit', { draft: draft({ includeScreenshot: false }) })) as { id: string };
    await until('sent', () => entry(agent, id)?.status === 'sent');
    const ticketId = reference.tickets.find((t) => t.idempotencyKey === id)!.ticketId;
    await until('in my tickets', () => agent.state().tickets.list.some((t) => t.ticketId === ticketId));
    return ticketId;
  }

  it('the technician asks, the employee is told once and replies with a screenshot, the technician sees it once; "Het is opgelost" closes it', async () => {
    const { agent, api } = await boot({ screenPng: noisyPng(400, 300) });
    const notices: Notice[] = [];
    agent.onNotice((n) => notices.push(n));
    const ticketId = await ticketOf(agent, api);
    const desk = technician(api);

    await desk.reply(ticketId, 'Kun je Outlook een keer afsluiten en opnieuw starten? Laat je weten of het dan wel lukt?', 'waiting');
    await until('told', () => notices.some((n) => n.code === 'ticket-answered'));
    await until('waiting first', () => agent.state().tickets.waitingForYou === 1);
    await agent.invoke('tickets.refresh', {}); // the list brings the same answer: not told again
    expect(notices.filter((n) => n.code === 'ticket-answered')).toEqual([
      { code: 'ticket-answered', params: { number: expect.any(Number), name: 'Sanne (hallo,)', excerpt: 'Kun je Outlook een keer afsluiten en opnieuw starten? Laat je weten of het dan…' }, ticketId },
    ]);
    expect(agent.state().tickets.list[0]).toMatchObject({ ticketId, status: 'waiting', unread: 1 });

    await agent.invoke('tickets.openThread', { ticketId });
    await until('the thread', () => agent.state().tickets.thread?.loading === 'idle' && (agent.state().tickets.thread?.messages.length ?? 0) >= 3);
    expect(agent.state().tickets.list.find((t) => t.ticketId === ticketId)!.unread).toBe(0);
    expect(agent.state().tickets.thread!.messages.map((m) => [m.kind, m.from])).toEqual([
      ['message', 'employee'],
      ['message', 'servicedesk'],
      ['status', 'servicedesk'],
    ]);

    await agent.invoke('tickets.addReplyScreenshot', {});
    await until('the picture', () => agent.state().tickets.thread?.reply.screenshot !== null);
    const saved = await agent.invoke('tickets.sendReply', { draft: { ticketId, text: 'Na een herstart werkt het weer.', intent: 'reply', includeScreenshot: true } });
    expect(saved.outcome).toBe('saved');
    await until('sent', () => agent.state().tickets.thread!.messages.some((m) => m.text === 'Na een herstart werkt het weer.' && m.delivery === 'sent'));
    const thread = await desk.thread(ticketId);
    const replies = thread.filter((m) => m.text === 'Na een herstart werkt het weer.');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ author: 'employee', attachments: [expect.objectContaining({ contentType: 'image/png' })] });
    expect(agent.state().tickets.thread!.messages.filter((m) => m.text === 'Na een herstart werkt het weer.')).toHaveLength(1);

    await desk.setStatus(ticketId, 'resolved');
    await until('resolved', () => agent.state().tickets.thread?.canResolve === true);
    await agent.invoke('tickets.sendReply', { draft: { ticketId, text: '', intent: 'solved', includeScreenshot: false } });
    await until('closed', () => agent.state().tickets.thread?.status === 'closed');
    expect(agent.state().tickets.thread).toMatchObject({ canReply: false, canResolve: false });
    expect(api.received.serverErrors).toEqual([]);
  });

  it('a reply written offline waits in the thread and arrives once when the API is back; one to a deleted ticket is kept as a draft', async () => {
    const { agent, api } = await boot();
    const ticketId = await ticketOf(agent, api);
    await agent.invoke('tickets.openThread', { ticketId });
    await until('the thread', () => agent.state().tickets.thread?.loading === 'idle');
    await inject(api, { method: 'POST', path: '/tickets', kind: 'reset', times: 1000 });
    await agent.invoke('tickets.sendReply', { draft: { ticketId, text: 'Offline geschreven', intent: 'reply', includeScreenshot: false } });
    await until('queued', () => agent.state().tickets.thread!.messages.some((m) => m.text === 'Offline geschreven' && m.delivery === 'queued'));
    expect(agent.state().tickets.list.find((t) => t.ticketId === ticketId)!.pendingReplies).toBe(1);
    await portal(api, 'DELETE', '/portal/faults');
    await until('sent', () => agent.state().tickets.thread!.messages.some((m) => m.text === 'Offline geschreven' && m.delivery === 'sent'));
    expect((await technician(api).thread(ticketId)).filter((m) => m.text === 'Offline geschreven')).toHaveLength(1);

    await technician(api).deleteTicket(ticketId);
    await agent.invoke('tickets.sendReply', { draft: { ticketId, text: 'Nog een vraag', intent: 'reply', includeScreenshot: false } });
    await until('gone', () => agent.state().tickets.thread?.gone === true);
    expect(agent.state().tickets.thread!.reply).toMatchObject({ draft: { text: 'Nog een vraag' }, problems: [{ field: 'ticket', code: 'gone' }] });
  });
});

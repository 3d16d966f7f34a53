import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { createApiClient, type HalloApi } from '../../electron/agent/hallo-api/client';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { createFakeClock } from '../doubles/fake-clock';
import { failure } from '../unit/hallo-api/fakes';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol, openEvents, technician, ticketBody, type EventStream, type Technician } from '../reference-api/testing';

type S = components['schemas'];

// A ticket's conversation at the reference API, as the agent's client reads and writes it and as a
// technician answers in the portal: the thread, its pages, replies, "solved", and every refusal.

let api: ReferenceApi;
let token: string;
let client: HalloApi; // the PC
let other: HalloApi; // another PC of the same company
let sanne: Technician;

function clientFor(deviceToken: string): HalloApi {
  return createApiClient({ baseUrl: api.url, http: { fetch: (url, init) => fetch(url, init) }, clock: createFakeClock({ realTime: true }), token: () => deviceToken });
}

beforeAll(async () => {
  api = await startReferenceApi({ keepAliveMs: 60_000 });
  token = (await enrol(api.url, api.enrollmentCode)).deviceToken;
  client = clientFor(token);
  other = clientFor((await enrol(api.url, api.enrollmentCode, 'PC-DEMO-02')).deviceToken);
  sanne = technician(api);
});
afterAll(async () => {
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

async function newTicket(overrides: Partial<S['TicketCreateRequest']> = {}): Promise<{ ticketId: string; key: string }> {
  const key = ulid();
  const { ticket } = await client.createTicket(ticketBody(overrides), key);
  return { ticketId: ticket.ticketId, key };
}

/** The next `n` events of the stream, as type and data. */
async function nextEvents(stream: EventStream, n: number): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const events = [];
  for (let i = 0; i < n; i++) {
    const event = await stream.next();
    events.push({ type: event.event ?? 'message', data: JSON.parse(event.data) as Record<string, unknown> });
  }
  return events;
}

const reply = (text: string, extra: Partial<S['TicketMessageCreateRequest']> = {}): S['TicketMessageCreateRequest'] => ({ text, ...extra });
const screenshot = (bytes: number): S['Attachment'] => ({ name: 'scherm.png', contentType: 'image/png', dataBase64: Buffer.alloc(bytes, 7).toString('base64') });

describe('the thread', () => {
  it('starts with the report: the contact’s name, the description, the screenshot’s name and size; the portal sees the key it came with', async () => {
    const { ticketId, key } = await newTicket({ attachments: [screenshot(1234)] });
    const page = await client.listTicketMessages(ticketId);
    expect(page).toMatchObject({ older: null, hasNewer: false });
    expect(page.messages).toEqual([
      expect.objectContaining({
        seq: 1,
        ticketId,
        kind: 'message',
        author: 'employee',
        name: 'Anna de Vries',
        text: 'De printer op de tweede verdieping doet niets.',
        attachments: [{ name: 'scherm.png', contentType: 'image/png', bytes: 1234 }],
      }),
    ]);
    expect(await sanne.thread(ticketId)).toEqual([{ ...page.messages[0], idempotencyKey: key }]);
  });

  it('pages through a thread of thousands: every message once, in order, no page over the limit, back and forth', async () => {
    const { ticketId } = await newTicket();
    const total = 3000;
    for (let n = 2; n < total; n++) api.addToThread(ticketId, { kind: 'message', author: 'servicedesk', name: 'Sanne', text: `Bericht ${n}` });
    await sanne.reply(ticketId, `Bericht ${total}`);

    const newest = await client.listTicketMessages(ticketId);
    expect(newest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => total - 49 + i)); // the default limit
    expect(newest.hasNewer).toBe(false);

    // Back to the report, 200 at a time: "Toon eerdere berichten" until there are none.
    const backwards: number[] = [];
    let oldest = await client.listTicketMessages(ticketId, { limit: 200 });
    for (;;) {
      expect(oldest.messages.length).toBeLessThanOrEqual(200);
      backwards.unshift(...oldest.messages.map((m) => m.seq));
      if (oldest.older === null) break;
      oldest = await client.listTicketMessages(ticketId, { before: oldest.older, limit: 200 });
    }
    expect(backwards).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    // And forwards from the oldest page, 37 at a time, as a PC catching up after a week off.
    const forwards = oldest.messages.map((m) => m.seq);
    let cursor = oldest;
    while (cursor.hasNewer) {
      cursor = await client.listTicketMessages(ticketId, { after: cursor.newer, limit: 37 });
      expect(cursor.messages.length).toBeLessThanOrEqual(37);
      forwards.push(...cursor.messages.map((m) => m.seq));
    }
    expect(forwards).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set((await sanne.thread(ticketId)).map((m) => m.messageId)).size).toBe(total);
  });

  it('a page’s `newer` brings what came after it, also from a page with nothing new', async () => {
    const { ticketId } = await newTicket();
    const first = await client.listTicketMessages(ticketId);
    const nothing = await client.listTicketMessages(ticketId, { after: first.newer });
    expect(nothing).toEqual({ messages: [], older: expect.any(String), newer: first.newer, hasNewer: false });

    await sanne.reply(ticketId, 'Welke printer?');
    await sanne.reply(ticketId, 'Staat hij aan?');
    await sanne.reply(ticketId, 'Ik bel je even.');
    const two = await client.listTicketMessages(ticketId, { after: nothing.newer, limit: 2 });
    expect(two.messages.map((m) => m.text)).toEqual(['Welke printer?', 'Staat hij aan?']);
    expect(two.hasNewer).toBe(true);
    const rest = await client.listTicketMessages(ticketId, { after: two.newer });
    expect(rest.messages.map((m) => m.text)).toEqual(['Ik bel je even.']);
    expect(rest.hasNewer).toBe(false);
    // The older cursor of a later page leads back to the same messages.
    const back = await client.listTicketMessages(ticketId, { before: rest.older! });
    expect(back.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('refuses a cursor it did not give for this ticket and this direction, before with after, and a limit past 200 (400)', async () => {
    const { ticketId } = await newTicket();
    const another = await newTicket();
    await sanne.reply(ticketId, 'Eerste vraag');
    const page = await client.listTicketMessages(ticketId, { limit: 1 });
    const foreign = await client.listTicketMessages(another.ticketId);
    const forged = Buffer.from('after:999:xxxxxxxx').toString('base64url');
    const path = `/tickets/${ticketId}/messages`;
    const queries = [
      `before=${page.older}&after=${page.newer}`,
      `after=${page.older}`, // an older cursor where a newer one belongs
      `before=${page.newer}`,
      `after=${foreign.newer}`, // another ticket's
      `after=${forged}`,
      'before=%3Cscript%3E',
      `before=${page.older}&before=${page.older}`,
      'limit=0',
      'limit=201',
      'limit=tien',
      'limit=1.5',
    ];
    for (const query of queries) {
      const answer = await call<S['Problem']>(api.url, 'GET', `${path}?${query}`, { token });
      expect([query, answer.status, answer.headers.get('content-type')]).toEqual([query, 400, 'application/problem+json']);
    }
    const error = await failure(client.listTicketMessages(ticketId, { before: page.older!, after: page.newer }));
    expect([error.code, error.status]).toEqual(['http-4xx', 400]);
    expect((await call(api.url, 'GET', `${path}?limit=200`, { token })).status).toBe(200);
  });

  it('answers 404 for another PC’s ticket and for one the servicedesk deleted, to reading and to replying', async () => {
    const { ticketId } = await newTicket();
    expect((await failure(other.listTicketMessages(ticketId))).status).toBe(404);
    expect((await failure(other.createTicketMessage(ticketId, reply('Ik ook'), ulid()))).status).toBe(404);

    await sanne.deleteTicket(ticketId);
    expect((await failure(client.listTicketMessages(ticketId))).status).toBe(404);
    const refused = await failure(client.createTicketMessage(ticketId, reply('Nog iets'), ulid()));
    expect([refused.code, refused.status]).toEqual(['http-4xx', 404]);
    expect((await client.listTickets()).map((t) => t.ticketId)).not.toContain(ticketId);
    expect((await sanne.tickets()).map((t) => t.ticketId)).not.toContain(ticketId);
    expect((await call(api.url, 'GET', `/portal/tickets/${ticketId}/messages`, { token: api.portalToken })).status).toBe(404);
    expect((await call(api.url, 'DELETE', `/portal/tickets/${ticketId}`, { token: api.portalToken })).status).toBe(404);
    expect(api.received.messages.filter((m) => m.ticketId === ticketId).map((m) => m.status)).toEqual([404, 404]);
  });
});

describe('replies', () => {
  it('one message per Idempotency-Key: the replay answers 200 with the first message, adds nothing and tells nothing', async () => {
    const { ticketId } = await newTicket();
    const stream = await openEvents(api.url, token);
    const key = ulid();
    const first = await client.createTicketMessage(ticketId, reply('Het is de printer bij de keuken'), key);
    const again = await client.createTicketMessage(ticketId, reply('Het is de printer bij de keuken'), key);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ message: first.message, replayed: true });
    await sanne.reply(ticketId, 'Dank je');

    // Between the reply and the technician's answer, no second event for the reply.
    const events = await nextEvents(stream, 2);
    expect(events.map((e) => [e.type, (e.data.message as S['TicketMessage']).author])).toEqual([
      ['ticket.message', 'employee'],
      ['ticket.message', 'servicedesk'],
    ]);
    stream.close();
    const thread = await sanne.thread(ticketId);
    expect(thread.filter((m) => m.idempotencyKey === key)).toEqual([{ ...first.message, idempotencyKey: key }]);
    expect(api.received.messages.filter((m) => m.idempotencyKey === key).map((m) => m.status)).toEqual([201, 200]);
  });

  it('a lost answer: the retry with the same key gets the message that was made, not a second one', async () => {
    const { ticketId } = await newTicket();
    api.faults.push({ method: 'POST', path: `/tickets/${ticketId}/messages`, kind: 'lose-response' });
    const key = ulid();
    expect((await failure(client.createTicketMessage(ticketId, reply('Zie de bijlage'), key))).code).toBe('network');
    const retry = await client.createTicketMessage(ticketId, reply('Zie de bijlage'), key);
    expect(retry.replayed).toBe(true);
    expect((await sanne.thread(ticketId)).map((m) => m.text)).toEqual(['De printer op de tweede verdieping doet niets.', 'Zie de bijlage']);
  });

  it('the retry of “Het is opgelost” whose answer was lost still hears 200, though the ticket is closed by then', async () => {
    const { ticketId } = await newTicket();
    await sanne.setStatus(ticketId, 'resolved');
    api.faults.push({ method: 'POST', path: `/tickets/${ticketId}/messages`, kind: 'lose-response' });
    const key = ulid();
    await failure(client.createTicketMessage(ticketId, reply('', { resolution: 'solved' }), key));
    expect((await client.listTickets()).find((t) => t.ticketId === ticketId)?.status).toBe('closed');
    const retry = await client.createTicketMessage(ticketId, reply('', { resolution: 'solved' }), key);
    expect(retry).toMatchObject({ replayed: true, message: { resolution: 'solved' } });
    expect((await failure(client.createTicketMessage(ticketId, reply('Toch nog iets'), ulid()))).status).toBe(409);
  });

  it('a reply to a ticket waiting for the employee opens it; the PC hears each entry and the new status', async () => {
    const { ticketId } = await newTicket();
    const stream = await openEvents(api.url, token);
    await sanne.reply(ticketId, 'Kun je Outlook een keer afsluiten en opnieuw starten?', 'waiting');
    const answered = await client.createTicketMessage(ticketId, reply('Gedaan, nu werkt het.'), ulid());
    expect(answered.message).toMatchObject({ seq: 4, kind: 'message', author: 'employee', name: 'Anna de Vries', text: 'Gedaan, nu werkt het.' });

    const events = await nextEvents(stream, 6);
    stream.close();
    const brief = events.map(({ type, data }) => {
      const m = data.message as S['TicketMessage'] | undefined;
      return m ? [type, m.seq, m.kind, m.author, m.name, m.status ?? m.text] : [type, data.status];
    });
    expect(brief).toEqual([
      ['ticket.message', 2, 'message', 'servicedesk', 'Sanne (hallo,)', 'Kun je Outlook een keer afsluiten en opnieuw starten?'],
      ['ticket.message', 3, 'status', 'servicedesk', 'Sanne (hallo,)', 'waiting'],
      ['ticket.updated', 'waiting'],
      ['ticket.message', 4, 'message', 'employee', 'Anna de Vries', 'Gedaan, nu werkt het.'],
      ['ticket.message', 5, 'status', 'system', '', 'open'],
      ['ticket.updated', 'open'],
    ]);
    expect(events.every((e) => e.data.ticketId === ticketId)).toBe(true);

    // The list follows: the new status, updatedAt of the last entry, and still the technician's reply.
    const summary = (await client.listTickets()).find((t) => t.ticketId === ticketId)!;
    const last = (await sanne.thread(ticketId)).at(-1)!;
    expect(summary).toMatchObject({ status: 'open', updatedAt: last.at, lastReply: { from: 'Sanne (hallo,)', text: 'Kun je Outlook een keer afsluiten en opnieuw starten?' } });
  });

  it('on a resolved ticket: “nog niet opgelost” reopens it with a sentence, “opgelost” closes it without one; closed takes no reply', async () => {
    const { ticketId } = await newTicket();
    await sanne.reply(ticketId, 'De driver is bijgewerkt.', 'resolved');
    const notYet = await client.createTicketMessage(ticketId, reply('Hij print nog steeds niet.', { resolution: 'not-solved' }), ulid());
    expect(notYet.message).toMatchObject({ resolution: 'not-solved', text: 'Hij print nog steeds niet.' });
    await sanne.setStatus(ticketId, 'resolved');
    const solved = await client.createTicketMessage(ticketId, reply('', { resolution: 'solved' }), ulid());
    expect(solved.message).toMatchObject({ kind: 'message', author: 'employee', resolution: 'solved' });
    expect(solved.message.text).toBeUndefined();

    const thread = await sanne.thread(ticketId);
    expect(thread.filter((m) => m.kind === 'status').map((m) => [m.author, m.status])).toEqual([
      ['servicedesk', 'resolved'],
      ['system', 'open'],
      ['servicedesk', 'resolved'],
      ['system', 'closed'],
    ]);
    const closed = await failure(client.createTicketMessage(ticketId, reply('Nog een vraag'), ulid()));
    expect([closed.code, closed.status]).toEqual(['http-4xx', 409]);
    expect(await sanne.thread(ticketId)).toHaveLength(thread.length);
  });

  it('refuses what the employee can fix with 422 naming the field, and a screenshot over the policy with 413; nothing is added', async () => {
    const { ticketId } = await newTicket();
    const max = api.policy().policy.tickets.maxDescriptionChars;
    const refusals: [S['TicketMessageCreateRequest'], number, { field: string; code: string }[]][] = [
      [reply(' \n\t '), 422, [{ field: '/text', code: 'required' }]],
      [reply('x'.repeat(max + 1)), 422, [{ field: '/text', code: 'too-long' }]],
      [reply('x'.repeat(1024 * 1024)), 422, [{ field: '/text', code: 'too-long' }]], // a megabyte paste
      [reply('Opgelost!', { resolution: 'solved' }), 422, [{ field: '/resolution', code: 'not-resolved' }]],
      [reply('Kijk maar', { attachments: [screenshot(api.policy().policy.tickets.maxAttachmentBytes + 1)] }), 413, []],
    ];
    for (const [body, status, fields] of refusals) {
      const error = await failure(client.createTicketMessage(ticketId, body, ulid()));
      expect([error.status, error.fieldErrors]).toEqual([status, fields]);
    }
    await sanne.setStatus(ticketId, 'resolved');
    const silent = await failure(client.createTicketMessage(ticketId, reply('', { resolution: 'not-solved' }), ulid()));
    expect(silent.fieldErrors).toEqual([{ field: '/text', code: 'required' }]);
    expect((await sanne.thread(ticketId)).filter((m) => m.author === 'employee')).toHaveLength(1);

    // The limit counts characters as the report does: 2000 emoji are 2000, not 4000.
    const emoji = await client.createTicketMessage(ticketId, reply('😀'.repeat(max)), ulid());
    expect(emoji.replayed).toBe(false);
  });

  it('answers 400 to what only a broken agent sends: no key, an unknown field, two screenshots, an unknown resolution', async () => {
    const { ticketId } = await newTicket();
    const path = `/tickets/${ticketId}/messages`;
    const bodies: [unknown, Record<string, string>][] = [
      [reply('Hallo'), {}],
      [{ text: 'Hallo', urgent: true }, { 'idempotency-key': ulid() }],
      [reply('Hallo', { attachments: [screenshot(10), screenshot(10)] }), { 'idempotency-key': ulid() }],
      [{ text: 'Hallo', resolution: 'maybe' }, { 'idempotency-key': ulid() }],
    ];
    for (const [body, headers] of bodies) expect((await call(api.url, 'POST', path, { token, body, headers })).status).toBe(400);
    expect(await sanne.thread(ticketId)).toHaveLength(1);
  });

  it('answers 413 for a screenshot past the API’s hard cap even when the policy allows more', async () => {
    const { ticketId } = await newTicket();
    const before = api.policy().policy;
    api.setPolicy({ ...before, tickets: { ...before.tickets, maxAttachmentBytes: 64 * 1024 * 1024 } });
    try {
      const error = await failure(client.createTicketMessage(ticketId, reply('Groot', { attachments: [screenshot(17 * 1024 * 1024)] }), ulid()));
      expect(error.status).toBe(413);
    } finally {
      api.setPolicy(before);
    }
  });

  it('keeps the text as it was sent (markup, right-to-left, controls); the client hands it on without the invisible controls', async () => {
    const { ticketId } = await newTicket();
    const text = '<b>vet</b> **ster** [link](https://x.example) שלום\u202E 123\u0007 einde';
    const sent = await client.createTicketMessage(ticketId, reply(text), ulid());
    expect((await sanne.thread(ticketId)).at(-1)?.text).toBe(text);
    expect(sent.message.text).toBe('<b>vet</b> **ster** [link](https://x.example) שלום 123 einde');
    const page = await client.listTicketMessages(ticketId);
    expect(page.messages.at(-1)?.text).toBe('<b>vet</b> **ster** [link](https://x.example) שלום 123 einde');
  });
});

describe('faults', () => {
  it('hit the thread’s operations like the others: a 503 with Retry-After, garbage, and a /tickets fault reaches the messages too', async () => {
    const { ticketId } = await newTicket();
    const path = `/tickets/${ticketId}/messages`;
    api.faults.push({ method: 'GET', path, kind: 'status', status: 503, retryAfter: 30 });
    const busy = await failure(client.listTicketMessages(ticketId));
    expect([busy.code, busy.status, busy.retryAfterMs]).toEqual(['http-5xx', 503, 30_000]);

    api.faults.push({ method: 'POST', path, kind: 'garbage' });
    expect((await failure(client.createTicketMessage(ticketId, reply('Hallo'), ulid()))).code).toBe('invalid-response');

    api.faults.push({ path: '/tickets', kind: 'status', status: 500 });
    expect((await failure(client.listTicketMessages(ticketId))).status).toBe(500);
    expect((await client.listTicketMessages(ticketId)).messages.length).toBeGreaterThan(0);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReplyDraft, TicketDraft } from '../../../electron/contract';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import { settle } from '../../doubles/fake-clock';
import { FakeDesk, png, startTickets as start, stopAll } from './conversation-harness';

afterEach(stopAll);

const reply = (text: string, patch: Partial<ReplyDraft> = {}): ReplyDraft => ({ ticketId: 't1', text, intent: 'reply', includeScreenshot: false, ...patch });
const server500 = () => new ApiError('http-5xx', 'boom', 500);
const ticketDraft: TicketDraft = {
  description: 'Het scherm flikkert',
  categoryId: null,
  impact: 'can-work',
  contact: { name: 'Anna', phone: '', email: '' },
  relatedItemId: null,
  includeScreenshot: false,
  includeProcesses: false,
};
const deliveries = (agent: Awaited<ReturnType<typeof start>>) => agent.thread()!.messages.filter((m) => m.from === 'employee' && m.seq !== 1).map((m) => [m.text, m.delivery]);

describe('a reply', () => {
  it('is on disk before Send answers, waits in the thread, then shows once as sent; the desk has it once', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'waiting', 2);
    const agent = await start(desk);
    await agent.open('t1');
    desk.script.push('hang');
    const saved = await agent.conversation.sendReply(reply('Ja, na een herstart werkt Outlook weer.'));
    expect(saved).toMatchObject({ outcome: 'saved' });
    const id = (saved as { id: string }).id;
    const file = JSON.parse(await readFile(join(agent.dataDir, 'outbox', `${id}.json`), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ kind: 'reply', ticketId: 't1', body: { text: 'Ja, na een herstart werkt Outlook weer.' } });
    expect(deliveries(agent)).toEqual([['Ja, na een herstart werkt Outlook weer.', 'sending']]);
    expect(agent.store.get().tickets.outbox).toEqual([]); // "Meldingen onderweg" lists tickets only
    expect(agent.store.get().tickets.list[0]).toMatchObject({ pendingReplies: 1 });
    await vi.waitFor(() => expect(desk.posts).toHaveLength(1));
    await agent.stop();

    const again = await start(desk, { dataDir: agent.dataDir });
    await again.open('t1');
    await vi.waitFor(() => expect(deliveries(again)).toEqual([['Ja, na een herstart werkt Outlook weer.', 'sent']]));
    expect(desk.posts.map((p) => p.key)).toEqual([id, id]);
    expect(desk.threads.get('t1')!.filter((m) => m.text === 'Ja, na een herstart werkt Outlook weer.')).toHaveLength(1);
    expect(again.store.get().tickets.list[0]).toMatchObject({ pendingReplies: 0 });
  });

  it('killed mid-send (the desk took it, the answer was lost): sent again under its key, at the desk once, shown once', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    desk.script.push('lost');
    await agent.conversation.sendReply(reply('Eerste'));
    await vi.waitFor(() => expect(desk.threads.get('t1')!.map((m) => m.text)).toContain('Eerste'));
    await agent.stop();
    const again = await start(desk, { dataDir: agent.dataDir });
    await again.open('t1');
    await vi.waitFor(() => expect(deliveries(again)).toEqual([['Eerste', 'sent']]));
    expect(desk.threads.get('t1')!.map((m) => m.text)).toEqual(['Printen lukt niet', 'Eerste']);
    expect(new Set(desk.posts.map((p) => p.key)).size).toBe(1);
  });

  it('replies to one ticket go in order; a ticket and another ticket’s reply do not wait for them', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    desk.ticket('t2', 10002, 'open', 1);
    const agent = await start(desk);
    desk.script.push(server500());
    await agent.conversation.sendReply(reply('een'));
    await agent.conversation.sendReply(reply('twee'));
    await agent.conversation.sendReply(reply('voor t2', { ticketId: 't2' }));
    await agent.service.submit(ticketDraft);
    await vi.waitFor(() => expect(agent.store.get().tickets.outbox[0]).toMatchObject({ status: 'sent', number: 99 }));
    expect(desk.posts.map((p) => p.body.text)).toEqual(['een', 'voor t2']); // "twee" waits for "een"
    // The retry of "een" is due after its backoff; the files are written for real meanwhile.
    await vi.waitFor(async () => {
      await agent.clock.advance(1000);
      expect(desk.posts.map((p) => p.body.text)).toEqual(['een', 'voor t2', 'een', 'twee']);
    });
    expect(desk.threads.get('t1')!.map((m) => m.text)).toEqual(['Printen lukt niet', 'een', 'twee']);
  });

  it('refused by the API: back into the box with the reason and its screenshot; Send again replaces it', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk, { screen: png(320, 200) });
    await agent.open('t1');
    await agent.conversation.addReplyScreenshot();
    await vi.waitFor(() => expect(agent.thread()!.reply.screenshot).toMatchObject({ width: 320, height: 200 }));
    desk.script.push(new ApiError('http-4xx', 'invalid', 422, undefined, [{ field: '/text', code: 'too-long' }]));
    await agent.conversation.sendReply(reply('Zie de schermafbeelding', { includeScreenshot: true }));
    await vi.waitFor(() => expect(agent.thread()!.reply.problems).toEqual([{ field: 'text', code: 'too-long', params: { max: 500 } }]));
    expect(agent.thread()!.reply.draft).toMatchObject({ text: 'Zie de schermafbeelding', includeScreenshot: true });
    await vi.waitFor(() => expect(agent.thread()!.reply.screenshot).toMatchObject({ width: 320, height: 200 }));
    expect(deliveries(agent)).toEqual([['Zie de schermafbeelding', 'rejected']]);

    await agent.conversation.sendReply(reply('Zie de schermafbeelding, korter', { includeScreenshot: true }));
    await vi.waitFor(() => expect(deliveries(agent)).toEqual([['Zie de schermafbeelding, korter', 'sent']]));
    expect(agent.thread()!.reply).toEqual({ screenshot: null, screenshotNote: null, draft: null, problems: [] });
    expect(desk.posts.at(-1)!.body.attachments).toHaveLength(1);
    // The refused one went: one file left, the reply sent.
    await vi.waitFor(async () => expect((await readdir(join(agent.dataDir, 'outbox'))).filter((n) => n.endsWith('.json'))).toHaveLength(1));
  });

  it('to a ticket deleted at the servicedesk: told, and kept as a draft', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    desk.threads.delete('t1');
    await agent.conversation.sendReply(reply('Nog een vraag'));
    await vi.waitFor(() => expect(agent.thread()).toMatchObject({ gone: true, canReply: false }));
    expect(agent.thread()!.reply).toMatchObject({ draft: { text: 'Nog een vraag' }, problems: [{ field: 'ticket', code: 'gone' }] });
    expect(await agent.conversation.sendReply(reply('Nog een vraag'))).toEqual({ outcome: 'invalid', problems: [{ field: 'ticket', code: 'gone' }] });
  });

  it('to a ticket closed meanwhile (409): told as closed, kept as a draft, never retried', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    desk.script.push(new ApiError('http-4xx', 'closed', 409));
    await agent.conversation.sendReply(reply('Toch nog iets'));
    await vi.waitFor(() => expect(agent.thread()!.reply.problems).toEqual([{ field: 'ticket', code: 'closed' }]));
    await agent.clock.runAll();
    expect(desk.posts).toHaveLength(1);
  });
});

describe('the reply box checks what it sends as the report does', () => {
  it('refuses an empty reply, one over the policy’s limit, and "not solved" without a sentence', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'resolved', 1);
    const agent = await start(desk);
    await agent.open('t1');
    const send = (draft: ReplyDraft) => agent.conversation.sendReply(draft);
    expect(await send(reply('  \n\u0007 '))).toEqual({ outcome: 'invalid', problems: [{ field: 'text', code: 'required' }] });
    expect(await send(reply('x'.repeat(501)))).toEqual({ outcome: 'invalid', problems: [{ field: 'text', code: 'too-long', params: { max: 500 } }] });
    expect(await send(reply('', { intent: 'not-solved' }))).toEqual({ outcome: 'invalid', problems: [{ field: 'text', code: 'required' }] });
    expect(desk.posts).toEqual([]);
  });

  it('cleans control characters, keeps right-to-left text, and counts an emoji as one character', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    expect(await agent.conversation.sendReply(reply('\u200Fשלום, זה עובד\u0000\u001b[31m 👍'))).toMatchObject({ outcome: 'saved' });
    expect(await agent.conversation.sendReply(reply('👍'.repeat(500)))).toMatchObject({ outcome: 'saved' });
    await vi.waitFor(() => expect(desk.posts).toHaveLength(2));
    expect(desk.posts[0]!.body.text).toBe('\u200Fשלום, זה עובד[31m 👍');
  });

  it('"Het is opgelost" closes a resolved ticket, also without words; on an open ticket it is refused', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'resolved', 1);
    desk.ticket('t2', 10002, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    expect(await agent.conversation.sendReply(reply('', { intent: 'solved' }))).toMatchObject({ outcome: 'saved' });
    await vi.waitFor(() => expect(desk.posts).toHaveLength(1));
    expect(desk.posts[0]!.body).toEqual({ text: '', resolution: 'solved' });
    await agent.open('t2');
    expect(await agent.conversation.sendReply(reply('', { ticketId: 't2', intent: 'solved' }))).toEqual({ outcome: 'invalid', problems: [{ field: 'ticket', code: 'invalid' }] });
  });

  it('a double click is one reply', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    const [a, b] = await Promise.all([agent.conversation.sendReply(reply('Dubbel')), agent.conversation.sendReply(reply('Dubbel'))]);
    expect(a).toEqual(b);
    await vi.waitFor(() => expect(desk.posts).toHaveLength(1));
  });

  it('written offline: waits in the thread as queued, and goes once the PC is enrolled', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    let online = true;
    const agent = await start(desk, { online: () => online });
    await agent.open('t1');
    online = false;
    await agent.conversation.sendReply(reply('Offline geschreven'));
    await settle();
    expect(deliveries(agent)).toEqual([['Offline geschreven', 'queued']]);
    online = true;
    agent.store.update('connection', (c) => ({ ...c, status: 'online' }));
    await vi.waitFor(() => expect(deliveries(agent)).toEqual([['Offline geschreven', 'sent']]));
    expect(desk.posts).toHaveLength(1);
  });
});

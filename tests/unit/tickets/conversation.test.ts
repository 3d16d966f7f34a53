import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHED_MESSAGES_MAX } from '../../../electron/agent/tickets/thread-cache';
import { PAGE_MESSAGES } from '../../../electron/agent/tickets/conversation';
import { FakeDesk, startTickets as start, stopAll } from './conversation-harness';

afterEach(stopAll);

describe('the thread of a ticket', () => {
  it('shows the whole conversation in order: the report, the answers with who and when, status changes', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    desk.add('t1', 'servicedesk', 'Kun je Outlook een keer afsluiten en opnieuw starten?');
    desk.status('t1', 'waiting');
    const agent = await start(desk);
    await agent.open('t1');
    expect(agent.thread()).toMatchObject({ ticketId: 't1', number: 10001, subject: 'Melding 10001', status: 'waiting', loading: 'idle', canReply: true, canResolve: false, gone: false, olderAvailable: false });
    expect(agent.thread()!.messages.map((m) => [m.seq, m.kind, m.from, m.name, m.status])).toEqual([
      [1, 'message', 'employee', 'Anna', null],
      [2, 'message', 'servicedesk', 'Sanne', null],
      [3, 'status', 'system', 'Anna', 'waiting'],
    ]);
    agent.conversation.closeThread();
    expect(agent.thread()).toBeNull();
  });

  it('a thread of thousands: the newest page only, older pages on demand, never all at once', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 2500);
    const agent = await start(desk);
    await agent.open('t1');
    expect(agent.thread()!.messages).toHaveLength(PAGE_MESSAGES);
    expect(agent.thread()!.messages[0]!.seq).toBe(2500 - PAGE_MESSAGES + 1);
    expect(agent.thread()!.olderAvailable).toBe(true);
    await agent.conversation.loadOlder();
    expect(agent.thread()!.messages).toHaveLength(2 * PAGE_MESSAGES);
    expect(agent.thread()!.messages.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => 2301 + i));
    expect(desk.pages).toEqual([
      { ticketId: 't1', limit: PAGE_MESSAGES },
      { ticketId: 't1', before: 'b2401', limit: PAGE_MESSAGES },
    ]);
    // The cache on disk keeps a bounded window, not the thread.
    const folder = join(agent.dataDir, 'threads');
    const [file] = await readdir(folder);
    const kept = JSON.parse(await readFile(join(folder, file!), 'utf8')) as { messages: unknown[] };
    expect(kept.messages.length).toBeLessThanOrEqual(CACHED_MESSAGES_MAX);
    expect((await stat(join(folder, file!))).size).toBeLessThan(100_000);
  });

  it('opens from the cache at once, offline too; online, only what is new is asked (after the cursor)', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 30);
    let online = true;
    const first = await start(desk, { online: () => online });
    await first.open('t1');
    await first.stop();

    online = false;
    const offline = await start(desk, { dataDir: first.dataDir, online: () => online });
    await offline.open('t1');
    expect(offline.thread()!.messages).toHaveLength(30);
    expect(offline.thread()!.lastError).toEqual({ code: 'not-enrolled' });
    await offline.stop();

    online = true;
    for (let i = 0; i < 5; i++) desk.add('t1', 'servicedesk', `nieuw ${i}`);
    desk.pages.length = 0;
    const back = await start(desk, { dataDir: first.dataDir, online: () => online });
    await back.open('t1');
    expect(desk.pages).toEqual([{ ticketId: 't1', after: 'a30', limit: PAGE_MESSAGES }]);
    expect(back.thread()!.messages.map((m) => m.seq)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(back.thread()).toMatchObject({ lastError: null, loading: 'idle' });
  });

  it('far behind (more than a page new): the newest page instead of every page in between', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 10);
    const first = await start(desk);
    await first.open('t1');
    await first.stop();
    for (let i = 0; i < 3 * PAGE_MESSAGES; i++) desk.add('t1', 'servicedesk', `nieuw ${i}`);
    desk.pages.length = 0;
    const back = await start(desk, { dataDir: first.dataDir });
    await back.open('t1');
    expect(desk.pages).toEqual([
      { ticketId: 't1', after: 'a10', limit: PAGE_MESSAGES },
      { ticketId: 't1', limit: PAGE_MESSAGES },
    ]);
    expect(back.thread()!.messages.map((m) => m.seq)).toEqual(Array.from({ length: PAGE_MESSAGES }, (_, i) => 3 * PAGE_MESSAGES + 10 - PAGE_MESSAGES + 1 + i));
    expect(back.thread()!.olderAvailable).toBe(true);
  });

  it('an event and the fetch that overlap show each message once; an event for another ticket updates its cache', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 3);
    desk.ticket('t2', 10002, 'open', 2);
    const agent = await start(desk);
    await agent.open('t2'); // t2 has a cache now
    await agent.open('t1');
    const answer = desk.add('t1', 'servicedesk', 'Ik kijk er nu naar');
    await agent.event(answer);
    await agent.event(answer); // the stream may repeat itself after a reconnect
    await agent.conversation.openThread('t1');
    await agent.conversation.idle();
    expect(agent.texts()).toEqual(['Printen lukt niet', 'antwoord 1', 'antwoord 2', 'Ik kijk er nu naar']);

    const other = desk.add('t2', 'servicedesk', 'Ook voor jou een vraag');
    await agent.event(other);
    await agent.conversation.idle();
    await agent.stop();
    const offline = await start(desk, { dataDir: agent.dataDir, online: () => false });
    await offline.open('t2');
    expect(offline.texts()).toEqual(['Printen lukt niet', 'antwoord 1', 'Ook voor jou een vraag']);
  });

  it('an answer in a message from the API is text: markup is kept as the characters it is', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    desk.add('t1', 'servicedesk', '<img src=x onerror=alert(1)> **vet** [link](https://evil.example)');
    const agent = await start(desk);
    await agent.open('t1');
    expect(agent.texts()[1]).toBe('<img src=x onerror=alert(1)> **vet** [link](https://evil.example)');
  });

  it('a ticket deleted at the servicedesk: told (gone), no reply box', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 2);
    const agent = await start(desk);
    await agent.open('t1');
    desk.threads.delete('t1');
    await agent.open('t1');
    expect(agent.thread()).toMatchObject({ gone: true, canReply: false, canResolve: false });
    expect(agent.texts()).toEqual(['Printen lukt niet', 'antwoord 1']); // what was known stays readable
  });

  it('a resolved ticket offers "Het is opgelost"; a closed one takes no replies', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'resolved', 2);
    desk.ticket('t2', 10002, 'closed', 2);
    const agent = await start(desk);
    await agent.open('t1');
    expect(agent.thread()).toMatchObject({ status: 'resolved', canReply: true, canResolve: true });
    await agent.open('t2');
    expect(agent.thread()).toMatchObject({ status: 'closed', canReply: false, canResolve: false });
  });
});

describe('answers from the servicedesk', () => {
  it('an answer is told once, with who and the first words, and opens its thread; the list that follows says nothing more', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    const answer = desk.add('t1', 'servicedesk', 'Kun je Outlook een keer afsluiten en opnieuw starten? Laat je weten of het dan wel lukt?');
    desk.status('t1', 'waiting');
    await agent.event(answer);
    await agent.service.refresh();
    await agent.event(answer);
    expect(agent.notices.filter((n) => n.code === 'ticket-answered')).toEqual([
      {
        code: 'ticket-answered',
        params: { number: 10001, name: 'Sanne', excerpt: 'Kun je Outlook een keer afsluiten en opnieuw starten? Laat je weten of het dan…' },
        ticketId: 't1',
      },
    ]);
    expect(agent.store.get().tickets).toMatchObject({ waitingForYou: 1, list: [{ ticketId: 't1', unread: 1, status: 'waiting' }] });
    await agent.open('t1');
    expect(agent.store.get().tickets.list[0]!.unread).toBe(0);

    // A restart: nothing is told again, and it stays read.
    await agent.stop();
    const again = await start(desk, { dataDir: agent.dataDir });
    expect(again.notices).toEqual([]);
    expect(again.store.get().tickets.list[0]!.unread).toBe(0);
  });

  it('what came while the PC was off is told once at the next list', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    desk.ticket('t2', 10002, 'open', 1);
    const before = await start(desk);
    await before.stop();
    desk.add('t2', 'servicedesk', 'Ik heb de printer opnieuw gestart.');
    const after = await start(desk, { dataDir: before.dataDir });
    expect(after.notices).toEqual([{ code: 'ticket-answered', params: { number: 10002, name: 'Sanne', excerpt: 'Ik heb de printer opnieuw gestart.' }, ticketId: 't2' }]);
    await after.service.refresh();
    expect(after.notices).toHaveLength(1);
  });

  it('an answer while its thread is open is read at once: shown, told, never unread', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'open', 1);
    const agent = await start(desk);
    await agent.open('t1');
    await agent.event(desk.add('t1', 'servicedesk', 'Ik zie het'));
    expect(agent.texts()).toContain('Ik zie het');
    expect(agent.store.get().tickets.list[0]!.unread).toBe(0);
  });

  it('"Wacht op jouw reactie" tickets come first, then the newest; the count is theirs', async () => {
    const desk = new FakeDesk();
    desk.ticket('t1', 10001, 'waiting', 1);
    desk.ticket('t2', 10002, 'open', 1);
    desk.ticket('t3', 10003, 'waiting', 1);
    desk.tickets.set('t2', { ...desk.tickets.get('t2')!, createdAt: '2025-03-02T09:00:00.000Z' });
    desk.tickets.set('t3', { ...desk.tickets.get('t3')!, createdAt: '2025-03-01T10:00:00.000Z' });
    const agent = await start(desk);
    expect(agent.store.get().tickets.list.map((t) => t.ticketId)).toEqual(['t3', 't1', 't2']);
    expect(agent.store.get().tickets.waitingForYou).toBe(2);
  });
});

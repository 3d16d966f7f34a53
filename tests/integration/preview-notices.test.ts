import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { attachBridge } from '../../electron/preview/bridge';
import { fakeAgent } from '../doubles/fake-agent';

// The preview has no OS notifications: its bridge hands the agent's notices to the page (which
// shows a stand-in, renderer/src/components/PreviewNotices.tsx), and only to admitted pages.
const KEY = 'k'.repeat(43);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function bridged() {
  const fake = fakeAgent();
  const server = createServer();
  const wss = attachBridge(server, fake.agent, { 'popup.hide': () => undefined, 'remote.showTicket': () => undefined, 'support.openPortal': () => ({ openInPage: null }), 'links.open': () => ({ openInPage: null }) }, KEY);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  closers.push(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((done) => server.close(() => done()));
  });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?key=${KEY}`, { origin: `http://127.0.0.1:${port}` });
  const events: { event: string; payload: unknown }[] = [];
  ws.on('message', (data) => events.push(JSON.parse(String(data))));
  await new Promise((done) => ws.once('open', done));
  closers.push(async () => void ws.terminate());
  return { ...fake, ws, events };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the preview bridge carries the agent’s notices', () => {
  it('a notice reaches the page as the event "notice", with its ticket', async () => {
    const { notify, events } = await bridged();
    notify({ code: 'ticket-answered', params: { number: 12345 }, ticketId: 't-42' });
    await until(() => events.some((e) => e.event === 'notice'));
    expect(events.filter((e) => e.event === 'notice')).toEqual([
      { event: 'notice', payload: { code: 'ticket-answered', params: { number: 12345 }, ticketId: 't-42' } },
    ]);
  });
});

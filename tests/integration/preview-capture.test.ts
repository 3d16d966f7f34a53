import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireEvent, WireResponse } from '../../electron/contract';
import { attachBridge, createWindowPages, mayCall, type WindowPages } from '../../electron/preview/bridge';
import { chromiumArgs, createPreviewCaptureHost, warmStep } from '../../electron/preview/capture-host';
import { fakeAgent } from '../doubles/fake-agent';
import { until } from './fixtures/until';

// The preview's capture host and the bridge's own-key pages over a real WebSocket: a stand-in for
// Chromium opens the capture page's socket the way the page would (its key from the URL's fragment).

let server: Server;
let base: string;
let runKey: string;
let pages: WindowPages;
let invoked: { name: string; request: unknown }[];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  const fake = fakeAgent();
  invoked = fake.invoked;
  pages = createWindowPages();
  runKey = 'run-key-'.padEnd(43, 'x');
  server = createServer((_req, res) => res.end());
  attachBridge(server, fake.agent, { 'popup.hide': () => undefined, 'remote.showTicket': () => undefined, 'support.openPortal': () => ({ openInPage: null }), 'links.open': () => ({ openInPage: null }) }, runKey, pages);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) if (ws.readyState === WebSocket.OPEN) ws.terminate();
  await new Promise<void>((done) => server.close(() => done()));
});

/** A page's socket as the browser opens it: same origin, the key from its fragment. */
function connect(key: string): Promise<{ ws: WebSocket; events: WireEvent[]; call(action: string, request?: unknown): Promise<WireResponse['outcome']> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}bridge?key=${encodeURIComponent(key)}`, { origin: base.slice(0, -1) });
    sockets.push(ws);
    const events: WireEvent[] = [];
    const answers = new Map<number, (outcome: WireResponse['outcome']) => void>();
    let next = 1;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireEvent | WireResponse;
      if ('event' in message) events.push(message);
      else answers.get(message.id)?.(message.outcome);
    });
    ws.once('open', () =>
      resolve({
        ws,
        events,
        call: (action, request = {}) =>
          new Promise((answered) => {
            const id = next++;
            answers.set(id, answered);
            ws.send(JSON.stringify({ id, action, request }));
          }),
      }),
    );
    ws.on('error', () => undefined); // a refused upgrade is the answer, reported below
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
}

/** Chromium's stand-in: it "loads" the page by opening the page's socket; kill ends it. */
function fakeChromium() {
  const launched: { file: string; args: string[]; child: ChildProcess; killed: string[] }[] = [];
  const pagesOpened: Awaited<ReturnType<typeof connect>>[] = [];
  const spawn = (file: string, args: string[]) => {
    const child = new EventEmitter() as ChildProcess & EventEmitter;
    const killed: string[] = [];
    child.kill = (signal?: NodeJS.Signals | number) => {
      killed.push(String(signal));
      setImmediate(() => child.emit('exit', null, signal));
      return true;
    };
    launched.push({ file, args, child, killed });
    const url = new URL(args.at(-1)!);
    const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
    void connect(key).then((page) => pagesOpened.push(page));
    return child;
  };
  return { spawn, launched, pagesOpened };
}


function host(chromium: ReturnType<typeof fakeChromium>, path = process.execPath) {
  const warnings: string[] = [];
  const capture = createPreviewCaptureHost({
    pageUrl: (key) => `${base}capture.html#key=${key}`,
    pages,
    chromium: path, // any executable file: the stand-in's spawn runs nothing
    spawn: chromium.spawn,
    warn: (message) => warnings.push(message),
  });
  return { capture, warnings };
}

describe('the preview capture host', () => {
  it('opens the capture page in a headless Chromium of its own and resolves once the page listens', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    await capture.open('s1');
    const [launch] = chromium.launched;
    expect(launch!.file).toBe(process.execPath);
    expect(launch!.args).toEqual(expect.arrayContaining(['--headless=new', '--no-sandbox', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required']));
    expect(launch!.args.find((a) => a.startsWith('--user-data-dir='))).toMatch(/hallo-capture-/);
    expect(launch!.args.at(-1)).toMatch(/\/capture\.html#key=[\w-]{43}$/);
    await capture.closeAll();
  });

  it('sends commands to the capture page alone: no page on the run key hears them', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    const popup = await connect(runKey);
    await capture.open('s1');
    await until('the capture page', () => chromium.pagesOpened.length === 1);
    const page = chromium.pagesOpened[0]!;
    capture.send({ command: 'start', sessionId: 's1', iceServers: [{ urls: 'turn:turn.example', username: 'u', credential: 'c' }] });
    await until('the command', () => page.events.length > 0);
    expect(page.events).toEqual([{ event: 'remote.capture', payload: { command: 'start', sessionId: 's1', iceServers: [{ urls: 'turn:turn.example', username: 'u', credential: 'c' }] } }]);
    await popup.call('state.get'); // a round trip: anything sent to the popup before it has arrived
    expect(popup.events.filter((e) => e.event === 'remote.capture')).toEqual([]);
    await capture.closeAll();
  });

  it('the capture page acts only as the capture window, and no other page acts as it', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    await capture.open('s1');
    await until('the capture page', () => chromium.pagesOpened.length === 1);
    const page = chromium.pagesOpened[0]!;
    const popup = await connect(runKey);
    expect(await page.call('remote.captureStatus', { sessionId: 's1', status: 'capturing' })).toEqual({ ok: true, value: undefined });
    expect(await page.call('state.get')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await page.call('tickets.startReport', { relatedItemId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await popup.call('remote.captureSignal', { sessionId: 's1', signal: { kind: 'offer', sdp: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoked.map((i) => i.name)).toEqual(['remote.captureStatus']);
    expect(mayCall(null, 'remote.end')).toBe(true);
    expect(mayCall('capture', 'remote.end')).toBe(false);
    await capture.closeAll();
  });

  it("a page's key admits one connection, and none after the session closed", async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    await capture.open('s1');
    const key = new URLSearchParams(new URL(chromium.launched[0]!.args.at(-1)!).hash.slice(1)).get('key')!;
    await expect(connect(key)).rejects.toThrow('refused 403');
    await capture.closeAll();
    await expect(connect(key)).rejects.toThrow('refused 403');
  });

  it('close: the page is told to stop, then Chromium ends; close resolves once it has', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    await capture.open('s1');
    await until('the capture page', () => chromium.pagesOpened.length === 1);
    await capture.close('s1');
    await until('the stop', () => chromium.pagesOpened[0]!.events.length > 0);
    expect(chromium.pagesOpened[0]!.events).toEqual([{ event: 'remote.capture', payload: { command: 'stop', sessionId: 's1' } }]);
    expect(chromium.launched[0]!.killed).toEqual(['SIGTERM']);
  });

  it('without Chromium, open fails with a message that says what to do', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium, '/nonexistent/chromium');
    await expect(capture.open('s1')).rejects.toThrow('no Chromium at /nonexistent/chromium to capture with (give --chromium <path> or HALLO_CHROMIUM)');
    expect(chromium.launched).toEqual([]);
  });

  it('a Chromium that ends before the page listens fails open', async () => {
    const { capture } = host({
      spawn: () => {
        const child = new EventEmitter() as ChildProcess & EventEmitter;
        child.kill = () => true;
        setImmediate(() => child.emit('exit', 1, null));
        return child;
      },
      launched: [],
      pagesOpened: [],
    });
    await expect(capture.open('s1')).rejects.toThrow('Chromium ended before the capture page listened (exit 1)');
  });

  it('a page warmed while the request waits is the one the session gets: no second Chromium', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    capture.prepare();
    capture.prepare(); // one warm page, however often the state says a request waits
    await until('the warm page', () => chromium.pagesOpened.length === 1);
    await capture.open('s1');
    expect(chromium.launched).toHaveLength(1);
    capture.send({ command: 'stop', sessionId: 's1' });
    await until('the command', () => chromium.pagesOpened[0]!.events.length > 0);
    await capture.closeAll();
  });

  it('a warmed page that is not needed (denied, expired) ends', async () => {
    const chromium = fakeChromium();
    const { capture } = host(chromium);
    capture.prepare();
    await until('the warm page', () => chromium.pagesOpened.length === 1);
    await capture.discard();
    expect(chromium.launched[0]!.killed).toEqual(['SIGTERM']);
    await capture.open('s2');
    expect(chromium.launched).toHaveLength(2); // the next session starts afresh
    await capture.closeAll();
  });

  it('warms while a request waits, keeps the page while the answer is on its way to a session, ends it otherwise', () => {
    const request = { sessionId: 's1' } as never;
    const session = { sessionId: 's1' } as never;
    const last = (outcome: string) => [{ outcome }] as never;
    expect(warmStep({ request, session: null, history: last('pending') })).toBe('prepare');
    // "Toestaan": the request is gone, the consent POST is under way, the session comes next.
    expect(warmStep({ request: null, session: null, history: last('pending') })).toBe('keep');
    expect(warmStep({ request: null, session: null, history: last('granted') })).toBe('keep');
    expect(warmStep({ request: null, session, history: last('granted') })).toBe('keep');
    for (const outcome of ['denied', 'expired', 'cancelled']) expect(warmStep({ request: null, session: null, history: last(outcome) })).toBe('discard');
    expect(warmStep({ request: null, session: null, history: [] })).toBe('discard');
  });

  it('asks for mDNS-free candidates, so the technician’s browser can reach this one', () => {
    expect(chromiumArgs('/tmp/p', 'http://127.0.0.1:1/capture.html')).toContain('--disable-features=WebRtcHideLocalIpsWithMdns');
  });
});

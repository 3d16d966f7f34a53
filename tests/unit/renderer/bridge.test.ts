import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { ActionError } from '../../../electron/contract/errors';
import type { ActionOutcome, PreloadApi, WireRequest } from '../../../electron/contract';
import { createSocketClient, type SocketLike } from '../../../renderer/src/bridge/socket';
import { bridgeUrl, fromPreload, fromSocket } from '../../../renderer/src/bridge/connect';
import type { PopupAction } from '../../../renderer/src/bridge/types';

const open = (url: string) => new WebSocket(url) as unknown as SocketLike;
const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
  vi.useRealTimers();
});

/** A stand-in for the preview host: answers each request with `answer(request)`. */
async function host(answer: (message: WireRequest) => ActionOutcome | null) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((done) => server.once('listening', done));
  const received: WireRequest[] = [];
  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireRequest;
      received.push(message);
      const outcome = answer(message);
      if (outcome) ws.send(JSON.stringify({ id: message.id, outcome }));
    });
  });
  cleanup.push(() => server.close());
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/bridge`;
  return { server, url, received, push: (payload: unknown) => server.clients.forEach((c) => c.send(JSON.stringify({ event: 'state', payload }))) };
}

function client(url: string, extra: Partial<Parameters<typeof createSocketClient>[0]> = {}) {
  const c = createSocketClient({ url, open, ...extra });
  cleanup.push(() => c.close());
  return c;
}

describe('WebSocket bridge (the preview)', () => {
  it('sends named actions and gives back the value, even when called before the socket is open', async () => {
    const h = await host((m) => ({ ok: true, value: { echo: m.action, request: m.request } }));
    const bridge = fromSocket(client(h.url));
    await expect(bridge.actions['health.refresh']({})).resolves.toEqual({ echo: 'health.refresh', request: {} });
    expect(h.received.map((m) => m.action)).toEqual(['health.refresh']);
  });

  it('turns a failed outcome into an ActionError with its code and detail', async () => {
    const h = await host(() => ({ ok: false, error: { code: 'enroll-rejected', detail: 'unknown code' } }));
    const bridge = fromSocket(client(h.url));
    const error = await bridge.actions['admin.enroll']({ code: 'ABCD' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe('enroll-rejected');
    expect((error as ActionError).message).toBe('unknown code');
  });

  it('delivers state events to subscribers and ignores garbage on the wire', async () => {
    const h = await host(() => ({ ok: true, value: null }));
    const bridge = fromSocket(client(h.url));
    await bridge.actions['health.refresh']({});
    const seen: unknown[] = [];
    bridge.on('state', (patch) => seen.push(patch));
    h.server.clients.forEach((c) => c.send('not json'));
    h.push({ overall: 'attention' });
    await vi.waitFor(() => expect(seen).toEqual([{ overall: 'attention' }]));
  });

  it('hands the agent’s notices to the page (it has no OS notifications), and drops what is not a notice', async () => {
    const h = await host(() => ({ ok: true, value: null }));
    const bridge = fromSocket(client(h.url));
    await bridge.actions['health.refresh']({});
    const seen: unknown[] = [];
    bridge.onNotice!((notice) => seen.push(notice));
    const send = (payload: unknown) => h.server.clients.forEach((c) => c.send(JSON.stringify({ event: 'notice', payload })));
    for (const bad of [null, 'x', { code: 1, params: {} }, { code: 'a', params: [] }, { code: 'a', params: { n: {} } }, { code: 'a', params: {}, ticketId: 5 }, { code: 'a', params: {}, actions: ['restart-now', 'format-disk'] }, { code: 'a', params: {}, actions: 'restart-now' }]) send(bad);
    send({ code: 'ticket-answered', params: { number: 12345 }, ticketId: 't-42', extra: '<b>' });
    send({ code: 'ticket-delivered', params: { number: 7 } });
    send({ code: 'restart-needed', params: {}, actions: ['restart-now', 'remind-later'] });
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual([
      { code: 'ticket-answered', params: { number: 12345 }, ticketId: 't-42' },
      { code: 'ticket-delivered', params: { number: 7 } },
      { code: 'restart-needed', params: {}, actions: ['restart-now', 'remind-later'] },
    ]);
  });

  it('fails calls in flight as unavailable when the connection drops, and calls during the outage at once', async () => {
    const h = await host(() => null); // never answers
    const c = client(h.url, { reconnectDelaysMs: [60_000] });
    const bridge = fromSocket(c);
    const inFlight = bridge.actions['state.get']({}).catch((e: unknown) => e);
    await vi.waitFor(() => expect(h.received).toHaveLength(1));
    h.server.clients.forEach((ws) => ws.terminate());
    expect(((await inFlight) as ActionError).code).toBe('unavailable');
    const during = await bridge.actions['health.refresh']({}).catch((e: unknown) => e);
    expect((during as ActionError).code).toBe('unavailable');
  });

  it('reconnects after a drop and tells its listeners, so the mirror can catch up', async () => {
    const h = await host(() => ({ ok: true, value: 'ok' }));
    const c = client(h.url, { reconnectDelaysMs: [10] });
    const bridge = fromSocket(c);
    await bridge.actions['health.refresh']({});
    let reconnects = 0;
    bridge.onReconnect(() => reconnects++);
    h.server.clients.forEach((ws) => ws.terminate());
    await vi.waitFor(() => expect(reconnects).toBe(1));
    await expect(bridge.actions['health.refresh']({})).resolves.toBe('ok');
  });

  it('gives up on a call the host never answers once its deadline passes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sent: string[] = [];
    const socket: SocketLike = { readyState: 1, send: (d) => sent.push(d), close: () => undefined, onopen: null, onmessage: null, onclose: null, onerror: null };
    const c = client('ws://x/bridge', { open: () => socket, callTimeoutMs: 5000 });
    const call = c.call('state.get', {});
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'unavailable' } });
  });

  it('retries a host that is not there with growing pauses, not in a busy loop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let opened = 0;
    const failing = (): SocketLike => {
      opened++;
      const s: SocketLike = { readyState: 3, send: () => undefined, close: () => undefined, onopen: null, onmessage: null, onclose: null, onerror: null };
      queueMicrotask(() => s.onclose?.({}));
      return s;
    };
    client('ws://x/bridge', { open: failing, reconnectDelaysMs: [100, 1000] });
    await vi.advanceTimersByTimeAsync(99);
    expect(opened).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened).toBe(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(opened).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened).toBe(3);
  });
});

describe('preload bridge (Electron)', () => {
  it('calls the named preload functions and unwraps their outcomes', async () => {
    const calls: string[] = [];
    const api: PreloadApi<PopupAction> = {
      actions: {
        'state.get': async () => ({ ok: false, error: { code: 'internal' } }),
        'health.refresh': async (r) => (calls.push(JSON.stringify(r)), { ok: true, value: undefined }),
        'settings.setLanguage': async () => ({ ok: true, value: undefined }),
        'admin.enroll': async () => ({ ok: false, error: { code: 'unavailable', detail: 'offline' } }),
        'support.openPortal': async () => ({ ok: true, value: { openInPage: null } }),
        'popup.hide': async () => ({ ok: true, value: undefined }),
        'checks.refresh': async () => ({ ok: true, value: undefined }),
        'checks.cleanTemp': async () => ({ ok: true, value: { outcome: 'cleaned', freedBytes: 0, removed: 0, skipped: 0 } }),
        'maintenance.refresh': async () => ({ ok: true, value: undefined }),
        'selfUpdate.check': async () => ({ ok: true, value: undefined }),
        'admin.readLog': async () => ({ ok: true, value: { lines: [], file: '' } }),
        'admin.diagnosticsContents': async () => ({ ok: true, value: { entries: [], suggestedName: '' } }),
        'admin.exportDiagnostics': async () => ({ ok: true, value: { outcome: 'cancelled' } }),
        'admin.readPolicy': async () => ({ ok: true, value: { policy: {}, source: 'defaults', etag: null } }),
        'report.make': async () => ({ ok: true, value: { outcome: 'cancelled' } }),
        'links.open': async () => ({ ok: true, value: { openInPage: null } }),
        'remote.end': async () => ({ ok: true, value: { outcome: 'no-session' } }),
        'remote.acknowledge': async () => ({ ok: true, value: undefined }),
        'tickets.startReport': async () => ({ ok: true, value: undefined }),
        'tickets.removeScreenshot': async () => ({ ok: true, value: undefined }),
        'tickets.cancelReport': async () => ({ ok: true, value: undefined }),
        'tickets.preview': async () => ({ ok: true, value: {} }),
        'tickets.submit': async () => ({ ok: true, value: { outcome: 'saved', id: '01J' } }),
        'tickets.openThread': async () => ({ ok: true, value: undefined }),
        'tickets.closeThread': async () => ({ ok: true, value: undefined }),
        'tickets.loadOlder': async () => ({ ok: true, value: undefined }),
        'tickets.addReplyScreenshot': async () => ({ ok: true, value: undefined }),
        'tickets.removeReplyScreenshot': async () => ({ ok: true, value: undefined }),
        'tickets.sendReply': async () => ({ ok: true, value: { outcome: 'saved', id: '01K' } }),
        'tickets.reopen': async () => ({ ok: true, value: undefined }),
        'tickets.dismiss': async () => ({ ok: true, value: undefined }),
        'tickets.refresh': async () => ({ ok: true, value: undefined }),
        'updates.check': async () => ({ ok: true, value: undefined }),
        'updates.defer': async () => ({ ok: true, value: { outcome: 'deferred' } }),
        'updates.remindLater': async () => ({ ok: true, value: undefined }),
        'updates.restartNow': async () => ({ ok: true, value: { outcome: 'no-need' } }),
        'updates.acknowledge': async () => ({ ok: true, value: undefined }),
      },
      on: () => () => undefined,
    };
    const bridge = fromPreload(api);
    // The app's shell shows notices as OS notifications: the popup gets none.
    expect(bridge.onNotice).toBeUndefined();
    await bridge.actions['health.refresh']({});
    expect(calls).toEqual(['{}']);
    await expect(bridge.actions['admin.enroll']({ code: 'ABCD' })).rejects.toMatchObject({ code: 'unavailable', message: 'offline' });
    await expect(bridge.actions['state.get']({})).rejects.toBeInstanceOf(ActionError);
  });

  it('treats a malformed outcome as an internal error', async () => {
    const api = { actions: { 'popup.hide': async () => 'nonsense' }, on: () => () => undefined } as unknown as PreloadApi<PopupAction>;
    await expect(fromPreload(api).actions['popup.hide']({})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('the preview page finds its bridge', () => {
  it('takes the run\'s key from the fragment the READY line printed', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5180', hash: '#key=abc_DEF-123' })).toBe('ws://127.0.0.1:5180/bridge?key=abc_DEF-123');
  });
  it('without a key asks with an empty one (the host then refuses)', () => {
    expect(bridgeUrl({ protocol: 'https:', host: 'localhost:1', hash: '' })).toBe('wss://localhost:1/bridge?key=');
  });
});

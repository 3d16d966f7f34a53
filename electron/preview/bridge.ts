import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { isIP } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { actions, type ActionOutcome, type WindowName, type WireEvent, type WireRequest, type WireResponse } from '../contract';
import { PREVIEW_NOTICE_EVENT } from '../contract/wire';
import type { Agent } from '../agent/agent';
import { runAction, type ShellHandlers } from '../agent/door';

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The query parameter of /bridge (and the URL fragment of the page) that carries the run's key. */
export const BRIDGE_KEY_PARAM = 'key';

/**
 * The preview's stand-in for IPC: the same contract over a WebSocket at /bridge. Headers can be
 * forged by any local process, so they alone admit no one: the upgrade must carry this run's key,
 * which only the page knows (it is in the URL fragment the READY line prints, never served by
 * this host), must come from a loopback peer, and Origin must match a loopback Host (so another
 * web page in the same browser, or a rebinding DNS name, cannot drive the agent).
 * A page the host opens itself as one window (the capture page) comes with a key of its own from
 * `pages` (one connection each): it may call only that window's actions, and only it hears that
 * window's events (`remote.capture` carries ICE credentials); no page on the run's key may act as it.
 * Every other page acts only as its own window too: the run's key is the popup's; the restart,
 * consent and session-bar pages carry a key made from it for their window (`windowKey`), so that
 * the popup's page cannot answer a consent request, nor the consent page end a session.
 */
export function attachBridge(server: Server, agent: Agent, shell: ShellHandlers, key: string, pages: WindowPages = createWindowPages()): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // A bad frame (invalid UTF-8, unmasked, RSV bits, oversize) is an error on that socket only;
  // without these listeners Node would throw it and end the preview, the agent and the API.
  wss.on('error', (error) => agent.log.warn('preview bridge: server error', { error: error.message }));

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined); // a peer that resets mid-handshake must not take us down
    const url = new URL(req.url ?? '/', 'http://x');
    const local = url.pathname === '/bridge' && loopbackPeer(req) && sameOrigin(req);
    const given = url.searchParams.get(BRIDGE_KEY_PARAM);
    // Claimed only by an upgrade that passes the other checks, so a refused one cannot use up a page's key.
    const page = local && given !== null ? pages.claim(given) : null;
    const window = local && !page ? windowOfKey(given, key) : null;
    if (!page && !window) {
      agent.log.warn('preview bridge: upgrade refused', { peer: req.socket.remoteAddress ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => (page ? bindPage(ws, page) : bind(ws, window!, false)));
  });

  // A page with a key of its own acts only as its window, and alone hears that window's events.
  function bindPage(ws: WebSocket, page: AdmittedPage): void {
    page.connected((event, payload) => send(ws, { event, payload } satisfies WireEvent));
    ws.on('close', () => page.gone());
    bind(ws, page.window, true);
  }

  /** `own`: a page with a key of its own (the capture page) hears only its window's events. */
  function bind(ws: WebSocket, window: WindowName, own: boolean): void {
    const unsubscribe = own ? () => undefined : agent.subscribe((patch) => send(ws, { event: 'state', payload: patch } satisfies WireEvent));
    // What the app's shell shows as OS notifications, the popup's page shows as a stand-in.
    const offNotice = window === 'popup' ? agent.onNotice((notice) => send(ws, { event: PREVIEW_NOTICE_EVENT, payload: notice } satisfies WireEvent)) : () => undefined;
    ws.on('close', () => {
      unsubscribe();
      offNotice();
    });
    ws.on('error', (error) => {
      agent.log.warn('preview bridge: bad frame, connection closed', { error: error.message });
      ws.terminate();
    });
    ws.on('message', async (data) => {
      let message: WireRequest;
      try {
        message = JSON.parse(String(data)) as WireRequest;
      } catch {
        return; // not our client; nothing to answer to
      }
      if (typeof message?.id !== 'number' || typeof message.action !== 'string') return;
      const outcome: ActionOutcome = mayCall(window, message.action)
        ? await runAction(agent, shell, message.action, message.request)
        : { ok: false, error: { code: 'forbidden', detail: `${message.action} is not an action of this page` } };
      send(ws, { id: message.id, outcome } satisfies WireResponse);
    });
  }
  return wss;
}

/** The pages whose key is made from the run's (the popup's is the run's own; capture's is issued per page). */
export const KEYED_WINDOWS = ['restart', 'consent', 'session-bar'] as const satisfies readonly WindowName[];

/** The key of a window's page, for its URL fragment: HMAC of the run's key, so no page can work out another's. */
export function windowKey(runKey: string, window: WindowName): string {
  return window === 'popup' ? runKey : createHmac('sha256', runKey).update(`hallo-preview-window:${window}`).digest('base64url');
}

/** Which window a key given at the upgrade belongs to; null for none. */
function windowOfKey(given: string | null, runKey: string): WindowName | null {
  if (sameKey(given, runKey)) return 'popup';
  return KEYED_WINDOWS.find((window) => sameKey(given, windowKey(runKey, window))) ?? null;
}

/**
 * What a socket may call: only its window's actions (null: the run's key, the popup's page).
 * Unknown names pass on to runAction, which refuses them.
 */
export function mayCall(window: WindowName | null, action: string): boolean {
  if (!Object.hasOwn(actions, action)) return true;
  return (actions[action as keyof typeof actions].windows as readonly WindowName[]).includes(window ?? 'popup');
}

interface AdmittedPage {
  window: WindowName;
  connected(deliver: (event: string, payload: unknown) => void): void;
  gone(): void;
}

/** A page's own door: its key, the moment its socket is up, its events, its end. */
export interface WindowPage {
  /** For the page's URL fragment (`#key=…`); good for one connection. */
  key: string;
  /** Resolves when the page's socket is up (the page listens). */
  connected: Promise<void>;
  /** An event for this page alone; false when its socket is not (or no longer) up. */
  send(event: string, payload: unknown): boolean;
  /** Called once when its socket closes. */
  onGone(listener: () => void): void;
  /** Forgets the key: an unused key admits no one after this. */
  revoke(): void;
}

export interface WindowPages {
  admit(window: WindowName): WindowPage;
  /** The page this key was issued for, once (a second connection with it is refused). */
  claim(key: string): AdmittedPage | null;
}

/** Keys for pages that act as one window of their own (the preview's capture page). */
export function createWindowPages(): WindowPages {
  const issued = new Map<string, { window: WindowName; claim(): AdmittedPage }>();
  return {
    admit(window) {
      const key = randomBytes(32).toString('base64url');
      let deliver: ((event: string, payload: unknown) => void) | null = null;
      let up!: () => void;
      const goneListeners: (() => void)[] = [];
      const connected = new Promise<void>((resolve) => (up = resolve));
      issued.set(key, {
        window,
        claim: () => ({
          window,
          connected(d) {
            deliver = d;
            up();
          },
          gone() {
            deliver = null;
            for (const listener of goneListeners.splice(0)) listener();
          },
        }),
      });
      return {
        key,
        connected,
        send: (event, payload) => {
          if (!deliver) return false;
          deliver(event, payload);
          return true;
        },
        onGone: (listener) => void goneListeners.push(listener),
        revoke: () => void issued.delete(key),
      };
    },
    claim(key) {
      const given = Buffer.from(key);
      for (const [candidate, entry] of issued) {
        const wanted = Buffer.from(candidate);
        if (given.length === wanted.length && timingSafeEqual(given, wanted)) {
          issued.delete(candidate);
          return entry.claim();
        }
      }
      return null;
    },
  };
}

function sameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  const loopback = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  return loopback && req.headers.origin === `http://${host}`;
}

function loopbackPeer(req: IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress ?? '');
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped form; `localhost` for a host name (never resolved further). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.replace(/^::ffff:/i, '');
  return isIP(v4) === 4 && v4.startsWith('127.');
}

function sameKey(given: string | null, key: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(ws: WebSocket, message: WireEvent | WireResponse): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

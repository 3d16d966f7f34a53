import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { isIP } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireEvent, WireRequest, WireResponse } from '../contract';
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
 */
export function attachBridge(server: Server, agent: Agent, shell: ShellHandlers, key: string): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // A bad frame (invalid UTF-8, unmasked, RSV bits, oversize) is an error on that socket only;
  // without these listeners Node would throw it and end the preview, the agent and the API.
  wss.on('error', (error) => agent.log.warn('preview bridge: server error', { error: error.message }));

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined); // a peer that resets mid-handshake must not take us down
    if (!admitted(req, key)) {
      agent.log.warn('preview bridge: upgrade refused', { peer: req.socket.remoteAddress ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bind(ws));
  });

  function bind(ws: WebSocket): void {
    const unsubscribe = agent.subscribe((patch) => send(ws, { event: 'state', payload: patch } satisfies WireEvent));
    // What the app's shell shows as OS notifications, the page shows as a stand-in.
    const offNotice = agent.onNotice((notice) => send(ws, { event: PREVIEW_NOTICE_EVENT, payload: notice } satisfies WireEvent));
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
      const outcome = await runAction(agent, shell, message.action, message.request);
      send(ws, { id: message.id, outcome } satisfies WireResponse);
    });
  }
  return wss;
}

function admitted(req: IncomingMessage, key: string): boolean {
  const url = new URL(req.url ?? '/', 'http://x');
  return url.pathname === '/bridge' && loopbackPeer(req) && sameOrigin(req) && sameKey(url.searchParams.get(BRIDGE_KEY_PARAM), key);
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

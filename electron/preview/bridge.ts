import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireEvent, WireRequest, WireResponse } from '../contract';
import type { Agent } from '../agent/agent';
import { runAction, type ShellHandlers } from '../agent/door';

const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * The preview's stand-in for IPC: the same contract over a WebSocket at /bridge. Only pages served
 * by this host may connect (Origin must match Host, Host must be loopback), so another web page in
 * the same browser cannot drive the agent.
 */
export function attachBridge(server: Server, agent: Agent, shell: ShellHandlers): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/bridge' || !sameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bind(ws));
  });

  function bind(ws: WebSocket): void {
    const unsubscribe = agent.subscribe((patch) => send(ws, { event: 'state', payload: patch } satisfies WireEvent));
    ws.on('close', unsubscribe);
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

function sameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  const loopback = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  return loopback && req.headers.origin === `http://${host}`;
}

function send(ws: WebSocket, message: WireEvent | WireResponse): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import { createApiClient } from '../../../electron/agent/hallo-api/client';
import { createNodeHttp } from '../../../electron/preview/node-http';
import { sampleHeartbeat } from '../hallo-api/samples';

// The preview's HTTP port (node:http, not fetch) as the agent's API client uses it, against a
// server on 127.0.0.1 that answers as each test says.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done).closeAllConnections())));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

const clock = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
const client = (baseUrl: string) => createApiClient({ baseUrl, http: createNodeHttp(), clock, token: () => 'tok' });

describe('the preview HTTP port', () => {
  it('sends the JSON body and headers, and reads the answer', async () => {
    const seen: { method?: string; url?: string; auth?: string; type?: string; body: string } = { body: '' };
    const baseUrl = await serve((req, res) => {
      Object.assign(seen, { method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'] });
      req.on('data', (chunk: Buffer) => (seen.body += chunk.toString('utf8')));
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ policyEtag: 'p7' })));
    });
    const answer = await client(baseUrl).heartbeat(sampleHeartbeat());
    expect(answer).toEqual({ policyEtag: 'p7' });
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/heartbeat', auth: 'Bearer tok', type: 'application/json' });
    expect(JSON.parse(seen.body)).toEqual(sampleHeartbeat());
  });

  it('a refused connection is a network error that says so', async () => {
    const baseUrl = await serve(() => undefined);
    await new Promise((closed) => servers.pop()!.close(closed));
    const error = await client(baseUrl).listTickets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).code, (error as ApiError).detail]).toEqual(['network', 'ECONNREFUSED']);
  });

  it('a redirect is an answer, never followed (it would carry the token elsewhere)', async () => {
    const paths: string[] = [];
    const baseUrl = await serve((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(302, { Location: '/elsewhere' }).end();
    });
    const error = await client(baseUrl).listTickets().catch((e: unknown) => e);
    expect([(error as ApiError).code, (error as ApiError).status]).toEqual(['invalid-response', 302]);
    expect(paths).toEqual(['/v1/tickets']);
  });

  it('streams the event stream as it arrives, and stops when the agent lets go', async () => {
    let closed = false;
    const baseUrl = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('event: ping\ndata: {}\n\n'); // and the connection stays open
      req.socket.on('close', () => (closed = true));
    });
    const stop = new AbortController();
    const body = await client(baseUrl).openEvents(null, stop.signal);
    const reader = body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('event: ping\ndata: {}\n\n');
    stop.abort();
    await reader.cancel();
    await expect.poll(() => closed).toBe(true);
  });

  it('an abort before the answer rejects with the reason given', async () => {
    const baseUrl = await serve(() => undefined); // never answers
    const stop = new AbortController();
    const call = createNodeHttp().fetch(`${baseUrl}/tickets`, { method: 'GET', headers: {}, signal: stop.signal, redirect: 'manual' });
    const reason = new Error('stopped');
    stop.abort(reason);
    await expect(call).rejects.toBe(reason);
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { operationFor, validateParameters, validateRequest, validateResponse, validateSchema } from '../../electron/agent/hallo-api/validator';
import { bearerToken, sameSecret, securityOf } from './auth';
import { demoPolicy, type Policy } from './demo-policy';
import { FaultQueue } from './faults';
import { fieldErrors, problem, readBody, send, type Ctx, type Reply } from './http';
import { publishPolicy } from './portal';
import { forgeRequest, type Forgery } from './forgery';
import { createSigner } from './remote';
import { routes } from './router';
import { CONSOLE_PREFIX, serveConsole } from './console-route';
import { EventStreams } from './sse';
import { addMessage, publicMessage, type NewMessage } from './thread';
import { Store, type DeviceRecord, type Received, type TicketRecord } from './store';
import { UPDATES_PREFIX, UpdateHost, type PublishedRelease, type ReleaseRequest } from './update-host';

type S = components['schemas'];

export type { Fault, Received, DeviceRecord, TicketRecord } from './store';
export type { Policy } from './demo-policy';
export type { NewMessage } from './thread';
export type { PublishedRelease, ReleaseRequest } from './update-host';

export interface ReferenceApiOptions {
  port?: number; // 0 (default) = a free port
  host?: string; // default 127.0.0.1
  keepAliveMs?: number; // SSE comment interval, default 25 000
  policy?: Partial<Policy>; // sections that replace the demo policy's
  enrollmentCode?: string; // default: a generated DEMO-XXXX-XX
  enrollmentCodeTtlSeconds?: number; // default 30 days
  portalToken?: string;
  now?: () => number; // the server's clock (code expiry, JWS iat/exp)
  demoMaintenance?: boolean; // each device that enrols starts with hallo,'s demo upkeep (maintenance.ts)
}

export interface ReferenceApi {
  /** Base URL, ending in /v1. Stays the same across stop()/start(). */
  url: string;
  port: number;
  portalToken: string;
  enrollmentCode: string;
  received: Received;
  devices: ReadonlyMap<string, DeviceRecord>;
  tickets: readonly TicketRecord[];
  faults: FaultQueue;
  policy(): { etag: string; policy: Policy };
  /**
   * Adds to a ticket's thread as PATCH /portal/tickets/{id} does (seq, ticket.message), without a
   * request per message: for tests that need a thread of thousands.
   */
  addToThread(ticketId: string, message: NewMessage): S['TicketMessage'];
  /** The technician's console for a session, the portal token in its fragment (console-route.ts). */
  consoleUrl(sessionId: string): string;
  /**
   * A forged remote-session request (`FORGERIES` in forgery.ts), signed with this server's key
   * where the forgery needs it; not sent and not kept: send it with POST /portal/devices/{id}/events.
   */
  forge(kind: Forgery, ask: S['PortalRemoteSessionRequest']): Promise<{ request: string; sessionId: string }>;
  /** The agent's update feed (update-host.ts): the folder of latest.yml, outside the API. */
  updatesUrl: string;
  /** Same as POST /updates/releases: the feed offers this release from now on. */
  publishRelease(ask: ReleaseRequest): PublishedRelease;
  /** Same as PUT /portal/policy: new etag, policy.changed to every device. */
  setPolicy(policy: Policy): { etag: string; policy: Policy };
  /** Stops listening and drops every connection; keeps all data. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const BASE_PATH = '/v1';

/** A policy given in code must be one the server may serve: a mistake in a test shows here. */
function checkedPolicy(policy: Policy): Policy {
  const check = validateSchema('Policy', policy);
  if (!check.ok) throw new Error(`reference API: the policy fails openapi.json: ${check.errors}`);
  return policy;
}
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The hallo, agent API as openapi.json describes it, for tests, demos and the preview. */
export async function startReferenceApi(opts: ReferenceApiOptions = {}): Promise<ReferenceApi> {
  const host = opts.host ?? '127.0.0.1';
  const signer = await createSigner();
  const store = new Store(opts.now ?? Date.now, checkedPolicy(demoPolicy(signer.publicJwk, opts.policy)));
  store.demoMaintenance = opts.demoMaintenance ?? false;
  const { code: enrollmentCode } = store.addCode({ code: opts.enrollmentCode, ttlSeconds: opts.enrollmentCodeTtlSeconds });
  const portalToken = opts.portalToken ?? randomBytes(24).toString('base64url');
  const streams = new EventStreams(store, opts.keepAliveMs ?? 25_000);
  const faults = new FaultQueue(store.faults);
  const table = routes({ signer, faults });
  const updates = new UpdateHost(store.now);

  async function process(req: IncomingMessage, res: ServerResponse, url: URL, path: string, entry: Received['requests'][number]): Promise<Reply | 'streaming'> {
    const match = operationFor(req.method ?? 'GET', path);
    if (!match) return problem(404, 'not-found', `No operation ${req.method} ${path}`);
    const { operationId, params } = match;
    entry.operationId = operationId;

    let device: DeviceRecord | null = null;
    const security = securityOf(operationId);
    const token = bearerToken(req.headers);
    if (security === 'portal' && !(token && sameSecret(token, portalToken))) return problem(401, 'invalid-token', 'Portal token required');
    if (security === 'device') {
      device = token ? store.deviceByToken(token) : null;
      if (!device) return problem(401, 'invalid-token', 'Unknown or revoked device token: enrol again');
      device.lastSeenAt = store.nowIso();
    }

    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw === null) return problem(413, 'body-too-large', `Bodies are limited to ${MAX_BODY_BYTES} bytes`);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return problem(400, 'invalid-json', 'The body is not JSON');
      }
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    const names = [...url.searchParams.keys()];
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated !== undefined) return problem(400, 'invalid-request', `/query/${repeated}: given more than once`);
    const query = Object.fromEntries(url.searchParams);
    const paramCheck = validateParameters(operationId, { path: params, query, header: headers });
    if (!paramCheck.ok) return problem(400, 'invalid-request', paramCheck.errors, fieldErrors(paramCheck.issues));
    const bodyCheck = validateRequest(operationId, body);
    const route = table[operationId];
    if (!route) throw new Error(`no handler for ${operationId}`);
    if (!bodyCheck.ok) {
      return route.invalid?.(bodyCheck.issues) ?? problem(400, 'invalid-request', bodyCheck.errors, fieldErrors(bodyCheck.issues));
    }

    const ctx: Ctx = { store, streams, operationId, params, query, headers: req.headers, body, device, req, res };
    const reply = await route.handle(ctx);
    if (reply === 'streaming') return reply;
    const check = validateResponse(operationId, reply.status, reply.body);
    if (check.ok) return reply;
    store.received.serverErrors.push({ operationId, status: reply.status, errors: check.errors });
    return problem(500, 'server-bug', `The reference server's answer failed openapi.json: ${check.errors}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    const path = url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length) : null;
    const entry: Received['requests'][number] = {
      method: req.method ?? 'GET',
      path: path ?? url.pathname,
      operationId: null,
      status: null,
      at: store.nowIso(),
    };
    store.received.requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    if (path === null) {
      // The technician's console is a browser page beside the API, not an operation of it.
      if (await serveConsole(store, req, res, url.pathname)) return;
      // So is the agent's update feed: a static folder on an update host, read without auth.
      if (await updates.serve(req, res, url.pathname, portalToken)) return;
      return send(res, problem(404, 'not-found', `The API lives under ${BASE_PATH}`));
    }

    const fault = faults.take(entry.method, path);
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'timeout') return void req.resume(); // the socket stays open until the client gives up
    if (fault?.kind === 'garbage') {
      req.resume();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>garbage</html>');
    }
    if (fault?.kind === 'body') {
      req.resume();
      return send(res, { status: fault.status ?? 200, body: fault.body });
    }
    if (fault?.kind === 'status') {
      req.resume();
      const status = fault.status ?? 503;
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return send(res, { ...problem(status, 'injected-fault', `Injected ${status}`), headers });
    }

    let reply: Reply | 'streaming';
    try {
      reply = await process(req, res, url, path, entry);
    } catch (error) {
      const operationId = entry.operationId ?? 'unknown';
      store.received.serverErrors.push({ operationId, status: 500, errors: String(error) });
      reply = problem(500, 'server-bug', String(error));
    }
    if (reply === 'streaming') return;
    if (fault?.kind === 'lose-response') return void req.socket.destroy(); // processed, answer lost
    send(res, reply);
  }

  const server = createServer((req, res) => void handle(req, res));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let port = opts.port ?? 0;
  let listening = false;
  const listen = () =>
    new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => {
        server.off('error', fail);
        port = (server.address() as AddressInfo).port;
        listening = true;
        done();
      });
    });
  const stop = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((done) => server.close(() => done()));
    streams.closeAll();
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  await listen();
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}${BASE_PATH}`,
    port,
    portalToken,
    enrollmentCode,
    received: store.received,
    devices: store.devices,
    tickets: store.tickets,
    faults,
    policy: () => store.policy,
    consoleUrl: (sessionId) => `http://${hostInUrl}:${port}${CONSOLE_PREFIX}${encodeURIComponent(sessionId)}#token=${encodeURIComponent(portalToken)}`,
    updatesUrl: `http://${hostInUrl}:${port}${UPDATES_PREFIX}`,
    publishRelease: (ask) => updates.publish(ask),
    forge: (kind, ask) => forgeRequest(signer, kind, ask, store.now()),
    setPolicy: (policy) => publishPolicy(store, streams, checkedPolicy(policy)),
    addToThread: (ticketId, message) => {
      const ticket = store.tickets.find((t) => t.ticketId === ticketId);
      if (!ticket) throw new Error(`reference API: no ticket ${ticketId}`);
      return publicMessage(addMessage(store, streams, ticket, message, null));
    },
    stop,
    start: async () => {
      if (!listening) await listen();
    },
    close: stop,
  };
}

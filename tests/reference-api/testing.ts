import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { components } from '../../electron/agent/hallo-api/openapi';

// Small helpers for tests that talk to the reference API the way the agent does: plain fetch.

type S = components['schemas'];

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP call with a JSON body (if any); the answer's body parsed when it is JSON. */
export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: (text && type.includes('json') ? JSON.parse(text) : text) as T };
}

export function device(hostname = 'PC-DEMO-01'): S['EnrollmentDevice'] {
  return {
    hostname,
    serialNumber: '5CD1234XYZ',
    manufacturer: 'HP',
    model: 'EliteBook 840 G8',
    os: { platform: 'win32', distro: 'Microsoft Windows 11 Pro', release: '10.0.22631', build: '22631' },
    agentVersion: '0.1.0',
  };
}

export async function enrol(base: string, code: string, hostname?: string): Promise<S['EnrollResponse']> {
  const answer = await call<S['EnrollResponse']>(base, 'POST', '/enroll', { body: { enrollmentCode: code, device: device(hostname) } });
  if (answer.status !== 201) throw new Error(`enrol: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export function heartbeatBody(): S['HeartbeatRequest'] {
  return {
    at: '2026-11-25T10:00:00.000Z',
    health: {
      overall: 'attention',
      cpuLoadPercent: 7.5,
      memoryUsedPercent: 61,
      disks: [{ mount: 'C:', sizeBytes: 255e9, freeBytes: 12e9 }],
      uptimeSeconds: 86_400,
      battery: { percent: 80, charging: true, healthPercent: 91 },
    },
    checks: [
      {
        id: 'disk-space:C:',
        check: 'disk-space',
        severity: 'attention',
        code: 'health.disk-space.low',
        params: { mount: 'C:', freeGb: 12, freePercent: 4, sizeGb: 255 },
      },
      { id: 'smart:0', check: 'smart', severity: 'unknown', code: 'health.unknown', params: { reason: 'unsupported' } },
    ],
    updates: { pendingCount: null, rebootRequired: null, lastCheckedAt: null },
    agentVersion: '0.1.0',
  };
}

export function ticketBody(overrides: Partial<S['TicketCreateRequest']> = {}): S['TicketCreateRequest'] {
  const hb = heartbeatBody();
  return {
    subject: 'Printen lukt niet',
    description: 'De printer op de tweede verdieping doet niets.',
    category: 'print',
    urgency: 'normal',
    contact: { name: 'Anna de Vries', email: 'anna@example.nl' },
    diagnostics: {
      collectedAt: '2026-11-25T10:00:00.000Z',
      device: { ...device(), cpu: 'Intel Core i5-1145G7', memoryBytes: 16e9 },
      health: { ...hb.health, history: [{ at: '2026-11-25T09:59:00.000Z', cpuLoadPercent: 5, memoryUsedPercent: 60 }] },
      checks: hb.checks,
      updates: hb.updates,
      recentErrors: [{ at: '2026-11-25T09:58:00.000Z', level: 'warn', scope: 'health', msg: 'smart: unsupported' }],
      processes: null,
      appVersion: '0.1.0',
    },
    attachments: [],
    ...overrides,
  };
}

export interface EventStream {
  /** Resolves with the next event (of `type`, when given) that has not been taken yet. */
  next(type?: string): Promise<EventSourceMessage>;
  /** Resolves once `n` comment lines have arrived in total. */
  comments(n: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** GET /events as the agent would read it. Rejects when the server does not answer 200. */
export async function openEvents(base: string, token: string, lastEventId?: string): Promise<EventStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${base}/events`, { headers, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status}`);

  const queue: EventSourceMessage[] = [];
  let commentCount = 0;
  let wake = () => {};
  const parser = createParser({
    onEvent: (event) => {
      queue.push(event);
      wake();
    },
    onComment: () => {
      commentCount++;
      wake();
    },
  });
  let finished = false;
  const until = async (ready: () => boolean) => {
    while (!ready()) {
      if (finished) throw new Error('the event stream ended');
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const ended = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted or reset: the stream has ended either way
    }
    finished = true;
    wake();
  })();
  return {
    async next(type) {
      const match = () => queue.findIndex((e) => !type || e.event === type);
      await until(() => match() >= 0);
      return queue.splice(match(), 1)[0]!;
    },
    comments: (n) => until(() => commentCount >= n),
    ended,
    close: () => abort.abort(),
  };
}

/** A hallo, technician in the portal, as the tests that play the servicedesk or remote support need one. */
export interface Technician {
  /** Answers on the ticket as `name`; with `status`, changes it too (e.g. `waiting` for a question). */
  reply(ticketId: string, text: string, status?: S['TicketStatus']): Promise<S['PortalTicket']>;
  setStatus(ticketId: string, status: S['TicketStatus']): Promise<S['PortalTicket']>;
  /** The whole thread, oldest first, each message with the Idempotency-Key it came with. */
  thread(ticketId: string): Promise<S['PortalTicketMessage'][]>;
  tickets(): Promise<S['PortalTicket'][]>;
  /** Deletes the ticket: the device gets 404 for it from now on. */
  deleteTicket(ticketId: string): Promise<void>;
  /** Asks the device for a remote session as this technician (view, "Even meekijken", unless told). */
  askRemote(ask: RemoteAsk): Promise<S['PortalRemoteSession']>;
  /** Withdraws a pending request, or ends a granted or running session (remote-session.cancelled). */
  cancel(sessionId: string): Promise<void>;
  /** The device's signals after seq `after`, waiting up to `waitMs` for one, and the session. */
  signals(sessionId: string, after?: number, waitMs?: number): Promise<S['PortalSignalPage']>;
  /** A signal from the console to the device (remote-session.signal); throws on 409 (not granted or running). */
  sendSignal(sessionId: string, signal: S['RemoteSignal']): Promise<void>;
  /** Any event on the device's stream, as it is; resolves with its event id. */
  rawEvent(deviceId: string, type: string, data: unknown): Promise<string>;
  /** A remote-session request (forged, replayed, ...) on the device's stream as remote-session.requested. */
  sendRequest(deviceId: string, request: string): Promise<string>;
  /** The portal's device view: remote sessions and audit entries included. */
  device(deviceId: string): Promise<S['PortalDevice']>;
  /** Records upkeep hallo, did on the device ("Onderhoud"); `id` and `at` default to a new id and now. */
  addMaintenance(deviceId: string, entry: S['PortalMaintenanceCreate']): Promise<S['MaintenanceEntry']>;
}

export interface RemoteAsk {
  deviceId: string;
  mode?: S['RemoteMode'];
  reason?: string;
  ticketNumber?: number;
}

/** A request as the portal takes it, from `technician` (the defaults of `technician(api).askRemote`). */
export function remoteAsk(ask: RemoteAsk, technicianName = 'Sanne (hallo,)'): S['PortalRemoteSessionRequest'] {
  return {
    deviceId: ask.deviceId,
    technician: { id: `tech-${technicianName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`, name: technicianName },
    reason: ask.reason ?? 'Even meekijken',
    mode: ask.mode ?? 'view',
    ...(ask.ticketNumber !== undefined ? { ticketNumber: ask.ticketNumber } : {}),
  };
}

/** The technician `name` at the reference API `api` (its URL ending in /v1, and its portal token). */
export function technician(api: { url: string; portalToken: string }, name = 'Sanne (hallo,)'): Technician {
  const ask = async <T>(method: string, path: string, expected: number, body?: unknown): Promise<T> => {
    const answer = await call<T>(api.url, method, path, { token: api.portalToken, body });
    if (answer.status !== expected) throw new Error(`portal ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const rawEvent = async (deviceId: string, type: string, data: unknown) =>
    (await ask<S['PortalRawEventSent']>('POST', `/portal/devices/${encodeURIComponent(deviceId)}/events`, 202, { type, data })).id;
  const patch = (ticketId: string, body: S['PortalTicketPatch']) => ask<S['PortalTicket']>('PATCH', `/portal/tickets/${encodeURIComponent(ticketId)}`, 200, body);
  return {
    reply: (ticketId, text, status) => patch(ticketId, { reply: { from: name, text }, ...(status ? { status } : {}) }),
    setStatus: (ticketId, status) => patch(ticketId, { status }),
    thread: async (ticketId) => (await ask<S['PortalTicketThread']>('GET', `/portal/tickets/${encodeURIComponent(ticketId)}/messages`, 200)).messages,
    tickets: () => ask<S['PortalTicket'][]>('GET', '/portal/tickets', 200),
    deleteTicket: async (ticketId) => void (await ask('DELETE', `/portal/tickets/${encodeURIComponent(ticketId)}`, 204)),
    askRemote: (request) => ask<S['PortalRemoteSession']>('POST', '/portal/remote-sessions', 201, remoteAsk(request, name)),
    cancel: async (sessionId) => void (await ask('DELETE', `/portal/remote-sessions/${encodeURIComponent(sessionId)}`, 204)),
    signals: (sessionId, after = 0, waitMs = 0) =>
      ask<S['PortalSignalPage']>('GET', `/portal/remote-sessions/${encodeURIComponent(sessionId)}/signals?after=${after}&waitMs=${waitMs}`, 200),
    sendSignal: async (sessionId, signal) => void (await ask('POST', `/portal/remote-sessions/${encodeURIComponent(sessionId)}/signal`, 204, signal)),
    rawEvent,
    sendRequest: (deviceId, request) => rawEvent(deviceId, 'remote-session.requested', { request }),
    device: (deviceId) => ask<S['PortalDevice']>('GET', `/portal/devices/${encodeURIComponent(deviceId)}`, 200),
    addMaintenance: (deviceId, entry) => ask<S['MaintenanceEntry']>('POST', `/portal/devices/${encodeURIComponent(deviceId)}/maintenance`, 201, entry),
  };
}

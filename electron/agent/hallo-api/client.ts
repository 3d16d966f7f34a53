import type { ByteStream, Clock, HttpResponse, HttpTransport } from '../ports';
import { ApiError, codeForStatus, parseRetryAfter } from './api-error';
import type { paths } from './openapi';
import type {
  ConsentRequest,
  ConsentResponse,
  EnrollRequest,
  EnrollResponse,
  HeartbeatBody,
  HeartbeatResponse,
  MaintenanceList,
  PolicyResponse,
  RemoteAuditEntry,
  RemoteSignal,
  RestartOutcome,
  SessionEventRequest,
  TicketCreateRequest,
  TicketCreated,
  TicketList,
  TicketMessage,
  TicketMessageCreateRequest,
  TicketMessagePage,
} from './types';
import { cleanStrings } from './clean-text';
import { validateResponse } from './validator';
import { createTypedClient, type Answer } from './typed-client';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** A timer this late (ms) says the agent was not running, not that the server was silent. */
const STALL_MS = 20;

export interface ApiClientOptions {
  /** e.g. `https://agent.hallo.eu/v1`, already validated by the config loader. */
  baseUrl: string;
  http: HttpTransport;
  clock: Clock;
  /** The device token for each call; read per call so a new enrolment takes effect at once. */
  token: () => string | null;
  timeoutMs?: number;
}

/** 304 keeps the cached policy; otherwise the new one, already validated. */
export type PolicyResult = { notModified: true } | ({ notModified: false } & PolicyResponse);

export interface HalloApi {
  enroll(body: EnrollRequest): Promise<EnrollResponse>;
  getPolicy(etag?: string | null): Promise<PolicyResult>;
  heartbeat(body: HeartbeatBody): Promise<HeartbeatResponse>;
  /** `replayed`: the server had this Idempotency-Key already and answered with the first ticket. */
  createTicket(body: TicketCreateRequest, idempotencyKey: string): Promise<{ ticket: TicketCreated; replayed: boolean }>;
  listTickets(): Promise<TicketList>;
  /** A page of a ticket's thread: the newest without a cursor, else just `before` or `after` one. */
  listTicketMessages(ticketId: string, page?: { before?: string; after?: string; limit?: number }): Promise<TicketMessagePage>;
  /** `replayed`: the server had this Idempotency-Key already and answered with the first message. */
  createTicketMessage(
    ticketId: string,
    body: TicketMessageCreateRequest,
    idempotencyKey: string,
  ): Promise<{ message: TicketMessage; replayed: boolean }>;
  /** What became of a pending restart; the same key again is recorded once. */
  reportRestartOutcome(body: RestartOutcome, idempotencyKey: string): Promise<void>;
  consent(sessionId: string, body: ConsentRequest): Promise<ConsentResponse>;
  sessionEvent(sessionId: string, body: SessionEventRequest): Promise<void>;
  /** A signalling message of the view engine to the technician's console (409: the session is over). */
  sendRemoteSignal(sessionId: string, signal: RemoteSignal): Promise<void>;
  /** Audit entries, oldest first; the API keeps each entryId once, so a retry never doubles one. */
  sendRemoteAudit(entries: RemoteAuditEntry[]): Promise<void>;
  /** The upkeep hallo, did on this device in the last 30 days, newest first ("Onderhoud"). */
  maintenance(): Promise<MaintenanceList>;
  /** Opens GET /events; the stream is checked and parsed by events-stream.ts. */
  openEvents(lastEventId: string | null, signal: AbortSignal): Promise<ByteStream>;
}

type Raw = { response: HttpResponse; text: string | undefined };

/**
 * The hallo, API as the agent uses it: typed from openapi.json, every call bounded by a timeout,
 * every answer validated before anyone reads it, every failure one ApiError.
 */
export function createApiClient(opts: ApiClientOptions): HalloApi {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Through the port, never the global fetch: in the app that is net.fetch (system proxy, OS certificates).
  const api = createTypedClient<paths>({ baseUrl: opts.baseUrl, http: opts.http });

  const auth = (): Record<string, string> => {
    const token = opts.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  };

  /** Runs one request under the timeout. The race also covers a transport that ignores abort. */
  async function send(run: (signal: AbortSignal) => Promise<Answer>): Promise<Raw> {
    const controller = new AbortController();
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
      let due = opts.clock.now() + timeoutMs;
      let extended = 0;
      let listened = false;
      // Timers run before sockets are read: when this one fires, an answer may be waiting (a 503
      // with Retry-After, say), and giving up now would retry it at once. So the verdict waits one
      // turn, for the sockets; and a timer late by more than STALL_MS says the agent did not run
      // (a loaded PC, a sleep): time it did not run is not time the server was silent, so it
      // listens that long again (timeoutMs more at most, in all).
      const expire = () => {
        const late = opts.clock.now() - due;
        const stalled = late > STALL_MS && extended < timeoutMs;
        if (stalled || !listened) {
          const wait = stalled ? Math.min(late, timeoutMs - extended) : 0;
          extended += wait;
          listened = true;
          due = opts.clock.now() + wait;
          timer = opts.clock.setTimeout(expire, wait);
          return;
        }
        const error = new ApiError('timeout', `no answer within ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      };
      timer = opts.clock.setTimeout(expire, timeoutMs);
    });
    try {
      const result = await Promise.race([run(controller.signal), timeout]);
      return { response: result.response, text: typeof result.data === 'string' ? result.data : result.error };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (controller.signal.aborted) throw controller.signal.reason as ApiError;
      throw new ApiError('network', error instanceof Error ? (causeOf(error) ?? error.message) : String(error));
    } finally {
      opts.clock.clearTimeout(timer);
    }
  }

  /** The validated body for an expected status; anything else becomes the matching ApiError. */
  function read<T>(operationId: string, raw: Raw, expected: readonly number[]): T {
    const { response, text } = raw;
    const body = parseJson(text);
    if (!expected.includes(response.status)) throw errorFor(response, body, text, opts.clock.now());
    if (body === INVALID) throw new ApiError('invalid-response', 'the answer is not JSON', response.status);
    const checked = validateResponse<T>(operationId, response.status, body);
    if (!checked.ok) {
      const fields = checked.issues.map((issue) => ({ field: issue.pointer, code: issue.keyword }));
      throw new ApiError('invalid-response', checked.errors, response.status, undefined, fields);
    }
    return cleanStrings(checked.value);
  }

  return {
    async enroll(body) {
      const raw = await send((signal) => api.POST('/enroll', { body, parseAs: 'text', signal }));
      return read<EnrollResponse>('enroll', raw, [201]);
    },

    async getPolicy(etag) {
      const header = etag ? { 'If-None-Match': etag } : {};
      const raw = await send((signal) =>
        api.GET('/policy', { params: { header }, headers: auth(), parseAs: 'text', signal }),
      );
      if (raw.response.status === 304) return { notModified: true };
      return { notModified: false, ...read<PolicyResponse>('getPolicy', raw, [200]) };
    },

    async heartbeat(body) {
      const raw = await send((signal) => api.POST('/heartbeat', { body, headers: auth(), parseAs: 'text', signal }));
      return read<HeartbeatResponse>('heartbeat', raw, [200]);
    },

    async createTicket(body, idempotencyKey) {
      const raw = await send((signal) =>
        api.POST('/tickets', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      const ticket = read<TicketCreated>('createTicket', raw, [200, 201]);
      return { ticket, replayed: raw.response.status === 200 };
    },

    async listTickets() {
      const raw = await send((signal) => api.GET('/tickets', { headers: auth(), parseAs: 'text', signal }));
      return read<TicketList>('listTickets', raw, [200]);
    },

    async listTicketMessages(ticketId, page = {}) {
      const raw = await send((signal) =>
        api.GET('/tickets/{ticketId}/messages', {
          params: { path: { ticketId }, query: page },
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      return read<TicketMessagePage>('listTicketMessages', raw, [200]);
    },

    async createTicketMessage(ticketId, body, idempotencyKey) {
      const raw = await send((signal) =>
        api.POST('/tickets/{ticketId}/messages', {
          body,
          params: { path: { ticketId }, header: { 'Idempotency-Key': idempotencyKey } },
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      const message = read<TicketMessage>('createTicketMessage', raw, [200, 201]);
      return { message, replayed: raw.response.status === 200 };
    },

    async reportRestartOutcome(body, idempotencyKey) {
      const raw = await send((signal) =>
        api.POST('/restart-outcomes', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      read<undefined>('reportRestartOutcome', raw, [204]);
    },

    async consent(sessionId, body) {
      const raw = await send((signal) =>
        api.POST('/remote-sessions/{sessionId}/consent', {
          params: { path: { sessionId } },
          body,
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      return read<ConsentResponse>('remoteSessionConsent', raw, [200]);
    },

    async sessionEvent(sessionId, body) {
      const raw = await send((signal) =>
        api.POST('/remote-sessions/{sessionId}/events', {
          params: { path: { sessionId } },
          body,
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      read<undefined>('remoteSessionEvent', raw, [204]);
    },

    async sendRemoteSignal(sessionId, signal) {
      const raw = await send((timeoutSignal) =>
        api.POST('/remote-sessions/{sessionId}/signal', {
          params: { path: { sessionId } },
          body: signal,
          headers: auth(),
          parseAs: 'text',
          signal: timeoutSignal,
        }),
      );
      read<undefined>('sendRemoteSignal', raw, [204]);
    },

    async sendRemoteAudit(entries) {
      const raw = await send((signal) =>
        api.POST('/remote-audit', {
          body: { entries },
          headers: auth(),
          parseAs: 'text',
          signal,
        }),
      );
      read<undefined>('sendRemoteAudit', raw, [204]);
    },

    async maintenance() {
      const raw = await send((signal) => api.GET('/maintenance', { headers: auth(), parseAs: 'text', signal }));
      return read<MaintenanceList>('getMaintenance', raw, [200]);
    },

    async openEvents(lastEventId, signal) {
      const header = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
      // Only the opening is timed: once the stream is open, events-stream.ts watches for silence.
      const raw = await send(async (timeoutSignal) => {
        const result = await api.GET('/events', {
          params: { header },
          headers: { ...auth(), Accept: 'text/event-stream' },
          parseAs: 'stream',
          signal: AbortSignal.any([signal, timeoutSignal]),
        });
        if (result.response.ok) return { response: result.response, data: undefined };
        return result;
      });
      const { response } = raw;
      if (response.status !== 200) throw errorFor(response, parseJson(raw.text), raw.text, opts.clock.now());
      const type = response.headers.get('Content-Type') ?? '';
      if (!type.startsWith('text/event-stream') || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        throw new ApiError('invalid-response', `expected text/event-stream, got ${type || 'nothing'}`, 200);
      }
      return response.body;
    },
  };
}

const INVALID = Symbol('invalid json');

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function errorFor(response: HttpResponse, body: unknown, text: string | undefined, now: number): ApiError {
  const problem = body as { detail?: unknown; title?: unknown; errors?: unknown } | undefined;
  const said =
    (typeof problem?.detail === 'string' && problem.detail) ||
    (typeof problem?.title === 'string' && problem.title) ||
    (body === INVALID && text ? text.slice(0, 200) : '');
  const detail = `HTTP ${response.status}${said ? `: ${said}` : ''}`;
  return new ApiError(
    codeForStatus(response.status),
    detail,
    response.status,
    parseRetryAfter(response.headers.get('Retry-After'), now),
    fieldErrorsOf(problem?.errors),
  );
}

/** Untrusted like the rest of the answer: only well-formed entries, and not too many. */
function fieldErrorsOf(errors: unknown): { field: string; code: string }[] {
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is { field: string; code: string } => typeof e?.field === 'string' && typeof e?.code === 'string')
    .slice(0, 50)
    .map((e) => ({ field: e.field.slice(0, 200), code: e.code.slice(0, 64) }));
}

/** undici hides the useful part ("ECONNREFUSED") in error.cause. */
function causeOf(error: Error): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return undefined;
}

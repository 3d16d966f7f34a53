import type { ByteStream, Clock, HttpRequest, HttpResponse, HttpTransport } from '../../../electron/agent/ports';
import { samplePolicy } from '../../unit/hallo-api/samples';

// The hallo, API as ten thousand agents meet it, in memory: it answers as the reference API does
// (tests/reference-api/) for the calls a quiet agent makes, counts every request that reaches it
// per second of the virtual clock, and can go down (connection refused, open event streams cut)
// and come back. Answers are plain objects, not fetch Responses: ten thousand agents make
// hundreds of thousands of them.

export const FLEET_API = 'https://agent.hallo.test/v1';
export const POLICY_ETAG = '"fleet-1"';
/**
 * A comment on each open stream this often, to keep the agent's 60-s silence watchdog quiet: the
 * reference API sends one every 25 s; half as many wake-ups here, and none of them is a request.
 */
const KEEP_ALIVE_MS = 50_000;
const encoder = new TextEncoder();

/** What a request is counted as: its method and path, without the query. */
export type Route = string;

export interface FleetApi {
  http: HttpTransport;
  /** Arrivals per second since `origin`: every request that reached the API, by route. */
  arrivals(): Map<Route, Uint32Array>;
  /** Requests refused while down (they never reached the API). */
  refused(): number;
  down(): void;
  up(): void;
  /** Event streams open now. */
  openStreams(): number;
}

class SimStream implements ByteStream {
  private chunks: Uint8Array[] = [];
  private waiting: { resolve: (r: { done: boolean; value?: Uint8Array }) => void; reject: (e: unknown) => void } | null = null;
  private ended: unknown = null;

  constructor(private readonly onClose: (stream: SimStream) => void) {}

  push(text: string): void {
    if (this.ended) return;
    const value = encoder.encode(text);
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ done: false, value });
    } else this.chunks.push(value);
  }

  /** The connection is cut (the API went down, or the agent gave up on it). */
  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = error;
    this.onClose(this);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  getReader() {
    return {
      read: (): Promise<{ done: boolean; value?: Uint8Array }> => {
        const value = this.chunks.shift();
        if (value) return Promise.resolve({ done: false, value });
        if (this.ended) return Promise.reject(this.ended);
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
      cancel: (reason?: unknown) => this.cancel(reason),
    };
  }

  cancel(reason?: unknown): Promise<void> {
    this.fail(reason ?? new Error('cancelled'));
    return Promise.resolve();
  }
}

function answer(status: number, body: string | null, stream: SimStream | null = null): HttpResponse {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? (stream ? 'text/event-stream' : 'application/json') : null) },
    text: () => Promise.resolve(body ?? ''),
    body: stream,
  };
}

export function createFleetApi(clock: Clock, origin: number, seconds: number): FleetApi {
  const counts = new Map<Route, Uint32Array>();
  const streams = new Set<SimStream>();
  let isDown = false;
  let refused = 0;
  const policyBody = JSON.stringify({ etag: POLICY_ETAG, policy: samplePolicy() });
  const heartbeatBody = JSON.stringify({ policyEtag: POLICY_ETAG });

  const keepAlive = () => {
    for (const stream of streams) stream.push(': keep-alive\n\n');
    clock.setTimeout(keepAlive, KEEP_ALIVE_MS);
  };
  clock.setTimeout(keepAlive, KEEP_ALIVE_MS);

  function count(route: Route): void {
    let perSecond = counts.get(route);
    if (!perSecond) counts.set(route, (perSecond = new Uint32Array(seconds)));
    const second = Math.floor((clock.now() - origin) / 1000);
    if (second >= 0 && second < seconds) perSecond[second]!++;
  }

  async function fetch(url: string, init: HttpRequest): Promise<HttpResponse> {
    if (isDown) {
      refused++;
      // As fetch fails on a refused connection: the code in `cause`.
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
    const path = url.slice(FLEET_API.length).split('?')[0]!;
    const route = `${init.method} ${path}`;
    count(route);
    switch (route) {
      case 'POST /heartbeat':
        return answer(200, heartbeatBody);
      case 'GET /policy':
        return init.headers['If-None-Match'] === POLICY_ETAG ? answer(304, null) : answer(200, policyBody);
      case 'GET /tickets':
        return answer(200, '[]');
      case 'GET /maintenance':
        return answer(200, '{"entries":[]}');
      case 'GET /events': {
        const stream = new SimStream((closed) => streams.delete(closed));
        streams.add(stream);
        init.signal?.addEventListener('abort', () => stream.fail(init.signal?.reason), { once: true });
        stream.push(': hello\n\n');
        return answer(200, null, stream);
      }
      default:
        return answer(404, JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404 }));
    }
  }

  return {
    http: { fetch },
    arrivals: () => counts,
    refused: () => refused,
    down() {
      isDown = true;
      for (const stream of [...streams]) stream.fail(new TypeError('terminated', { cause: new Error('other side closed') }));
    },
    up() {
      isDown = false;
    },
    openStreams: () => streams.size,
  };
}

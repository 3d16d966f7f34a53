import type { Clock, HttpTransport } from '../../../electron/agent/ports';

/** Lets pending promise chains (including Response body reads) run to their next real wait. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface FakeClock extends Clock {
  /** Moves time forward, running each due timer in order and letting its promises settle. */
  advance(ms: number): Promise<void>;
  /** The delays of the timers that are waiting now, soonest first. */
  pending(): number[];
}

export function createFakeClock(start = Date.parse('2025-03-03T09:00:00Z')): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const due = (limit: number) =>
    [...timers.entries()].filter(([, t]) => t.at <= limit).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (let next = due(target); next; next = due(target)) {
        const [id, timer] = next;
        timers.delete(id);
        now = Math.max(now, timer.at);
        timer.fn();
        await settle();
      }
      now = target;
      await settle();
    },
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
  };
}

export interface SeenRequest {
  url: string;
  path: string;
  method: string;
  headers: Headers;
  body: unknown;
}

export type FakeAnswer = Response | Error | 'hang';

/** An HttpTransport whose answers a test decides; it records every request it saw. */
export function createFakeHttp(answer: (req: SeenRequest) => FakeAnswer | Promise<FakeAnswer>): HttpTransport & {
  requests: SeenRequest[];
} {
  const requests: SeenRequest[] = [];
  return {
    requests,
    async fetch(url, init) {
      const text = typeof init?.body === 'string' ? init.body : undefined;
      const req: SeenRequest = {
        url,
        path: new URL(url).pathname.replace(/^\/v1/, ''),
        method: init?.method ?? 'GET',
        headers: new Headers(init?.headers),
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(req);
      const result = await answer(req);
      if (result === 'hang') {
        return new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
      }
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export function problem(status: number, headers: Record<string, string> = {}): Response {
  return json(status, { type: 'about:blank', title: 'Failed', status, detail: `fake ${status}` }, headers);
}

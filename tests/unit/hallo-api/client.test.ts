import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../electron/agent/hallo-api/client';
import { createFakeClock } from '../../doubles/fake-clock';
import { createFakeHttp, failure, json, problem, type FakeAnswer, type SeenRequest } from './fakes';
import { sampleDevice, sampleEnrolled, sampleHeartbeat, samplePolicy } from './samples';

const BASE = 'https://agent.hallo.test/v1';

function setup(answer: (req: SeenRequest) => FakeAnswer | Promise<FakeAnswer>, token: string | null = 'tok-0123456789abcdef') {
  const clock = createFakeClock();
  const http = createFakeHttp(answer);
  const api = createApiClient({ baseUrl: BASE, http, clock, token: () => token });
  return { clock, http, api };
}

describe('hallo, API client', () => {
  it('enrols without a token and returns the validated answer', async () => {
    const { api, http } = setup(() => json(201, sampleEnrolled), null);
    await expect(api.enroll({ enrollmentCode: 'ABCD-1234', device: sampleDevice })).resolves.toEqual(sampleEnrolled);
    const [req] = http.requests;
    expect(req?.url).toBe(`${BASE}/enroll`);
    expect(req?.method).toBe('POST');
    expect(req?.headers.get('Authorization')).toBeNull();
    expect(req?.headers.get('Content-Type')).toBe('application/json');
    expect(req?.body).toEqual({ enrollmentCode: 'ABCD-1234', device: sampleDevice });
  });

  it('sends the bearer token read at call time, and If-None-Match for the policy', async () => {
    const policy = samplePolicy();
    let token = 'first-token-000000';
    const clock = createFakeClock();
    const http = createFakeHttp((req) => (req.headers.get('If-None-Match') === '"e1"' ? new Response(null, { status: 304 }) : json(200, { etag: '"e1"', policy })));
    const api = createApiClient({ baseUrl: BASE, http, clock, token: () => token });
    await expect(api.getPolicy()).resolves.toEqual({ notModified: false, etag: '"e1"', policy });
    token = 'second-token-00000';
    await expect(api.getPolicy('"e1"')).resolves.toEqual({ notModified: true });
    expect(http.requests.map((r) => [r.headers.get('Authorization'), r.headers.get('If-None-Match')])).toEqual([
      ['Bearer first-token-000000', null],
      ['Bearer second-token-00000', '"e1"'],
    ]);
  });

  it('sends the Idempotency-Key and says whether the server replayed the first ticket', async () => {
    const created = { ticketId: 't-1', number: 1042, status: 'new', createdAt: '2025-03-03T09:00:00Z' };
    let calls = 0;
    const { api, http } = setup(() => json(calls++ === 0 ? 201 : 200, created));
    const key = '01JNB4W3Y6ZK8T9V0X1Y2Z3A4B';
    const body = { subject: 'Printer', description: 'Hij doet het niet', category: 'print', urgency: 'normal', contact: { name: 'Anna' } } as never;
    await expect(api.createTicket(body, key)).resolves.toEqual({ ticket: created, replayed: false });
    await expect(api.createTicket(body, key)).resolves.toEqual({ ticket: created, replayed: true });
    expect(http.requests.every((r) => r.headers.get('Idempotency-Key') === key)).toBe(true);
  });

  it('puts the session id in the path and accepts a 204 without body', async () => {
    const { api, http } = setup(() => new Response(null, { status: 204 }));
    await expect(api.sessionEvent('s-1', { type: 'started', by: 'user', at: '2025-03-03T09:00:00Z' })).resolves.toBeUndefined();
    expect(http.requests[0]?.url).toBe(`${BASE}/remote-sessions/s-1/events`);
  });

  it('maps 5xx, 429 and 4xx to codes, with status, problem detail and Retry-After', async () => {
    const answers = [
      problem(503, { 'Retry-After': '120' }),
      problem(429, { 'Retry-After': 'Mon, 03 Mar 2025 09:05:00 GMT' }),
      problem(422),
      problem(401),
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    ];
    const { api } = setup(() => answers.shift()!);
    const a = await failure(api.heartbeat(sampleHeartbeat()));
    expect([a.code, a.status, a.retryAfterMs, a.detail]).toEqual(['http-5xx', 503, 120_000, 'HTTP 503: fake 503']);
    const b = await failure(api.heartbeat(sampleHeartbeat()));
    expect([b.code, b.status, b.retryAfterMs]).toEqual(['http-429', 429, 300_000]);
    const c = await failure(api.heartbeat(sampleHeartbeat()));
    expect([c.code, c.status]).toEqual(['http-4xx', 422]);
    const d = await failure(api.heartbeat(sampleHeartbeat()));
    expect([d.code, d.status]).toEqual(['unauthorized', 401]);
    const e = await failure(api.heartbeat(sampleHeartbeat()));
    expect([e.code, e.status, e.detail]).toEqual(['http-5xx', 502, 'HTTP 502: <html>Bad gateway</html>']);
  });

  it('refuses garbage: not JSON, or JSON that fails the schema', async () => {
    const answers = [
      new Response('{"policyEtag": ', { status: 200, headers: { 'Content-Type': 'application/json' } }),
      json(200, { policyEtag: 42 }),
      json(200, { etag: '"e2"', policy: { support: 'none' } }),
    ];
    const { api } = setup(() => answers.shift()!);
    const a = await failure(api.heartbeat(sampleHeartbeat()));
    expect([a.code, a.status]).toEqual(['invalid-response', 200]);
    const b = await failure(api.heartbeat(sampleHeartbeat()));
    expect(b.code).toBe('invalid-response');
    expect(b.detail).toContain('/policyEtag');
    const c = await failure(api.getPolicy());
    expect(c.code).toBe('invalid-response');
  });

  it('maps a transport failure to network', async () => {
    const { api } = setup(() => new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    const error = await failure(api.listTickets());
    expect([error.code, error.detail]).toEqual(['network', 'ECONNREFUSED']);
  });

  it('gives up after the timeout and aborts the request', async () => {
    let signal: AbortSignal | undefined;
    const clock = createFakeClock();
    const http = createFakeHttp(() => 'hang');
    const inner = http.fetch.bind(http);
    http.fetch = (url, init) => {
      signal = init?.signal ?? undefined;
      return inner(url, init);
    };
    const api = createApiClient({ baseUrl: BASE, http, clock, token: () => 'tok', timeoutMs: 5_000 });
    const pending = failure(api.heartbeat(sampleHeartbeat()));
    await clock.advance(4_999);
    expect(signal?.aborted).toBe(false);
    await clock.advance(1);
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(signal?.aborted).toBe(true);
    expect(clock.pending()).toEqual([]);
  });

  it('a stalled PC reads the answer that came meanwhile before it gives up: a 503 with Retry-After is no timeout', async () => {
    // A loaded machine: the agent did not run from just after the request until past the timeout.
    // The answer came meanwhile; when the agent runs again the timer's turn comes before the socket's.
    const fake = createFakeClock();
    let asleep = 0;
    const clock = { ...fake, now: () => fake.now() + asleep };
    let answer: (response: Response) => void = () => undefined;
    const http = { fetch: () => new Promise<Response>((done) => (answer = done)) };
    const api = createApiClient({ baseUrl: BASE, http, clock, token: () => 'tok', timeoutMs: 400 });
    const pending = failure(api.listTickets());
    asleep = 600; // longer than the timeout itself, as seen on a loaded 2-core CI machine
    await fake.advance(400); // the timer, 600 ms late
    answer(problem(503, { 'Retry-After': '1' }));
    const error = await pending;
    expect([error.code, error.status, error.retryAfterMs]).toEqual(['http-5xx', 503, 1000]);
    expect(fake.pending()).toEqual([]);
  });

  it('an answer that is waiting when the timer fires is read before the agent gives up', async () => {
    // The timer is on time, but the answer came just before it: Node runs due timers first and
    // reads the socket after them, in the same turn. This clock does the same.
    const fake = createFakeClock();
    let answer: (response: Response) => void = () => undefined;
    const clock = { ...fake, setTimeout: (fn: () => void, ms: number) => fake.setTimeout(() => (fn(), answer(problem(429, { 'Retry-After': '2' }))), ms) };
    const http = { fetch: () => new Promise<Response>((done) => (answer = done)) };
    const api = createApiClient({ baseUrl: BASE, http, clock, token: () => 'tok', timeoutMs: 400 });
    const pending = failure(api.listTickets());
    await fake.advance(400);
    const error = await pending;
    expect([error.code, error.retryAfterMs]).toEqual(['http-429', 2000]);
  });

  it('a stalled PC still gives up on a server that stays silent', async () => {
    const fake = createFakeClock();
    let asleep = 0;
    const clock = { ...fake, now: () => fake.now() + asleep };
    const api = createApiClient({ baseUrl: BASE, http: createFakeHttp(() => 'hang'), clock, token: () => 'tok', timeoutMs: 400 });
    const pending = failure(api.listTickets());
    asleep = 600;
    await fake.advance(400);
    expect(fake.pending()).toEqual([400]); // it listens once more, at most the timeout again
    await fake.advance(400); // on time now: no answer is no answer
    expect((await pending).code).toBe('timeout');
    expect(fake.pending()).toEqual([]);
  });

  it('times out even when the transport ignores the abort', async () => {
    const clock = createFakeClock();
    const http = { fetch: () => new Promise<Response>(() => undefined) };
    const api = createApiClient({ baseUrl: BASE, http, clock, token: () => 'tok' });
    const pending = failure(api.listTickets());
    await clock.advance(15_000);
    expect((await pending).code).toBe('timeout');
  });

  it('does not follow redirects with the token', async () => {
    const { api, http } = setup(() => new Response(null, { status: 302, headers: { Location: 'https://elsewhere.test/' } }));
    const error = await failure(api.listTickets());
    expect([error.code, error.status]).toEqual(['invalid-response', 302]);
    expect(http.requests).toHaveLength(1);
  });
});

describe('the conversation on a ticket', () => {
  const message = { messageId: 'msg_1', seq: 7, ticketId: 'tkt_1', kind: 'message', author: 'servicedesk', name: 'Sanne', at: '2026-12-07T09:00:00Z', text: 'Welke printer?' };
  const page = { messages: [message], older: 'b2xkZXI', newer: 'bmV3ZXI', hasNewer: false };

  it('asks for a page with the cursor and limit in the query, and for the newest page without one', async () => {
    const { api, http } = setup(() => json(200, page));
    await expect(api.listTicketMessages('tkt_1', { before: 'b2xkZXI', limit: 20 })).resolves.toEqual(page);
    await expect(api.listTicketMessages('tkt_1')).resolves.toEqual(page);
    expect(http.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', `${BASE}/tickets/tkt_1/messages?before=b2xkZXI&limit=20`],
      ['GET', `${BASE}/tickets/tkt_1/messages`],
    ]);
  });

  it('posts a reply with its Idempotency-Key and says whether the server replayed the first message', async () => {
    let calls = 0;
    const mine = { ...message, author: 'employee', name: 'Anna', resolution: 'not-solved' };
    const { api, http } = setup(() => json(calls++ === 0 ? 201 : 200, mine));
    const key = '01JNB4W3Y6ZK8T9V0X1Y2Z3A4B';
    const body = { text: 'Hij doet het nog niet', resolution: 'not-solved' as const };
    await expect(api.createTicketMessage('tkt_1', body, key)).resolves.toEqual({ message: mine, replayed: false });
    await expect(api.createTicketMessage('tkt_1', body, key)).resolves.toEqual({ message: mine, replayed: true });
    expect(http.requests.map((r) => [r.method, r.path, r.headers.get('Idempotency-Key'), r.body])).toEqual([
      ['POST', '/tickets/tkt_1/messages', key, body],
      ['POST', '/tickets/tkt_1/messages', key, body],
    ]);
  });

  it('refuses a garbage page or message with one ApiError each, naming what was wrong', async () => {
    const { seq: _seq, ...noSeq } = message;
    const pages = [
      new Response('<html>Proxy login</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      new Response('{"messages": [', { status: 200, headers: { 'Content-Type': 'application/json' } }),
      json(200, { ...page, messages: [noSeq] }),
      json(200, { ...page, messages: [{ ...message, kind: 'poll' }] }),
      json(200, { ...page, messages: Array.from({ length: 201 }, (_, i) => ({ ...message, seq: i + 1 })) }),
      json(200, { ...page, newer: null }),
    ];
    const { api } = setup(() => pages.shift()!);
    const errors = [];
    for (let i = 0; i < 6; i++) errors.push(await failure(api.listTicketMessages('tkt_1')));
    expect(errors.map((e) => e.code)).toEqual(Array(6).fill('invalid-response'));
    expect(errors[2]!.detail).toContain('/messages/0/seq');

    const messages = [json(201, {}), json(201, { ...message, seq: 0 }), json(200, page), json(202, message)];
    const post = setup(() => messages.shift()!).api;
    for (let i = 0; i < 4; i++) expect((await failure(post.createTicketMessage('tkt_1', { text: 'x' }, '01JNB4W3Y6ZK8T9V0X1Y2Z3A4B'))).code).toBe('invalid-response');
  });

  it('hands on a refusal with its status and the fields it names', async () => {
    const refusal = (status: number, errors?: unknown[]) => json(status, { type: 'about:blank', title: 'No', status, ...(errors ? { errors } : {}) });
    const answers = [refusal(404), refusal(409), refusal(413), refusal(422, [{ field: '/text', code: 'required' }])];
    const { api } = setup(() => answers.shift()!);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await failure(api.createTicketMessage('tkt_1', { text: '' }, '01JNB4W3Y6ZK8T9V0X1Y2Z3A4B')));
    expect(seen.map((e) => [e.code, e.status, e.fieldErrors])).toEqual([
      ['http-4xx', 404, []],
      ['http-4xx', 409, []],
      ['http-4xx', 413, []],
      ['http-4xx', 422, [{ field: '/text', code: 'required' }]],
    ]);
  });
});

describe('hallo,’s upkeep of this device ("Onderhoud")', () => {
  const entry = { id: 'mnt_1', at: '2026-12-05T01:00:00Z', kind: 'disk-checked', note: 'Schijf C: gecontroleerd' };

  it('asks GET /maintenance with the token and hands on the validated list, kinds it does not know included', async () => {
    const list = { entries: [entry, { id: 'mnt_0', at: '2026-12-01T03:00:00Z', kind: 'firmware-updated', note: null, count: 2 }] };
    const { api, http } = setup(() => json(200, list));
    await expect(api.maintenance()).resolves.toEqual(list);
    expect(http.requests.map((r) => [r.method, r.url, r.headers.get('Authorization')])).toEqual([['GET', `${BASE}/maintenance`, 'Bearer tok-0123456789abcdef']]);
  });

  it('strips control and bidi characters from hallo,’s note', async () => {
    const { api } = setup(() => json(200, { entries: [{ ...entry, note: 'Schijf\u0007 C: \u202Egecontroleerd' }] }));
    expect((await api.maintenance()).entries[0]?.note).toBe('Schijf C: gecontroleerd');
  });

  it('refuses a list that fails the schema with one ApiError each', async () => {
    const answers = [
      new Response('<html>Proxy login</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      json(200, { entries: [{ ...entry, at: undefined }] }),
      json(200, { entries: [{ ...entry, count: -1 }] }),
      json(200, { entries: [{ ...entry, note: 'x'.repeat(501) }] }),
      json(200, { entries: Array.from({ length: 201 }, (_, i) => ({ ...entry, id: `mnt_${i}` })) }),
    ];
    const { api } = setup(() => answers.shift()!);
    const errors = [];
    for (let i = 0; i < 5; i++) errors.push(await failure(api.maintenance()));
    expect(errors.map((e) => e.code)).toEqual(Array(5).fill('invalid-response'));
    expect(errors[1]!.detail).toContain('/entries/0');
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import { RECONNECT_SPREAD_MS, streamEvents } from '../../../electron/agent/hallo-api/events-stream';
import type { ServerEvent } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { createFakeClock, settle } from '../../doubles/fake-clock';

/** A stand-in for GET /events: each open gets a stream the test writes into (or an error). */
function fakeServer(clock = createFakeClock()) {
  const opens: { lastEventId: string | null; signal: AbortSignal }[] = [];
  const failures: ApiError[] = [];
  let current: ReadableStreamDefaultController<Uint8Array> | null = null;
  const encoder = new TextEncoder();
  const api = {
    async openEvents(lastEventId: string | null, signal: AbortSignal) {
      opens.push({ lastEventId, signal });
      const failure = failures.shift();
      if (failure) throw failure;
      return new ReadableStream<Uint8Array>({
        start(c) {
          current = c;
        },
      });
    },
  };
  return {
    clock,
    api,
    opens,
    failures,
    send: async (text: string) => {
      current?.enqueue(encoder.encode(text));
      await settle();
    },
    close: async () => {
      current?.close();
      await settle();
    },
  };
}

function start(server: ReturnType<typeof fakeServer>, lastEventId: string | null = null) {
  const log = createLogger({ file: null, clock: server.clock });
  const events: ServerEvent[] = [];
  const statuses: unknown[] = [];
  const stream = streamEvents({
    api: server.api,
    clock: server.clock,
    log,
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    lastEventId,
    random: () => 0.5,
  });
  stream.start();
  return { stream, events, statuses, log };
}

describe('event stream', () => {
  it('parses typed events, across chunk boundaries, and remembers the last id', async () => {
    const server = fakeServer();
    const { stream, events } = start(server);
    await settle();
    await server.send(': keep-alive\n\nid: 1\nevent: policy.changed\ndata: {"etag":"\\"e2\\""}\n\nid: 2\nevent: ticket.upd');
    await server.send('ated\ndata: {"ticketId":"t-1","status":"open"}\n\n');
    expect(events).toEqual([
      { id: '1', type: 'policy.changed', data: { etag: '"e2"' } },
      { id: '2', type: 'ticket.updated', data: { ticketId: 't-1', status: 'open' } },
    ]);
    expect(stream.lastEventId()).toBe('2');
    stream.stop();
  });

  it('logs and skips events that are not JSON, fail their schema or are unknown; the next still arrives', async () => {
    const server = fakeServer();
    const { stream, events, log } = start(server);
    await settle();
    await server.send('id: 1\nevent: policy.changed\ndata: {not json\n\n');
    await server.send('id: 2\nevent: ticket.updated\ndata: {"ticketId":"t-1","status":"exploded"}\n\n');
    await server.send('id: 3\nevent: world.ended\ndata: {}\n\n');
    await server.send('id: 4\nevent: remote-session.cancelled\ndata: {"sessionId":"s-9"}\n\n');
    expect(events).toEqual([{ id: '4', type: 'remote-session.cancelled', data: { sessionId: 's-9' } }]);
    expect(log.recent().map((e) => e.msg)).toEqual([
      'event data is not JSON, skipped',
      'event failed its schema, skipped',
      'event failed its schema, skipped',
    ]);
    stream.stop();
  });

  it('survives a listener that throws', async () => {
    const server = fakeServer();
    const log = createLogger({ file: null, clock: server.clock });
    let calls = 0;
    const stream = streamEvents({
      api: server.api,
      clock: server.clock,
      log,
      onEvent: () => {
        calls++;
        throw new Error('boom');
      },
    });
    stream.start();
    await settle();
    await server.send('id: 1\nevent: policy.changed\ndata: {"etag":"a"}\n\nid: 2\nevent: policy.changed\ndata: {"etag":"b"}\n\n');
    expect(calls).toBe(2);
    expect(stream.lastEventId()).toBe('2');
    stream.stop();
  });

  it('sends Last-Event-ID on reconnect after the server closes the stream', async () => {
    const server = fakeServer();
    const { stream, statuses } = start(server, '7');
    await settle();
    await server.send('id: 8\nevent: policy.changed\ndata: {"etag":"x"}\n\n');
    await server.close();
    expect(statuses.at(-1)).toMatchObject({ open: false, error: { code: 'network' } });
    expect(server.opens).toHaveLength(1);
    await server.clock.advance(1_000);
    expect(server.opens.map((o) => o.lastEventId)).toEqual(['7', '8']);
    stream.stop();
  });

  it('treats 60 s of silence as a dead stream: aborts it and reconnects', async () => {
    const server = fakeServer();
    const { stream, statuses } = start(server);
    await settle();
    await server.clock.advance(59_000);
    await server.send(': ping\n\n');
    await server.clock.advance(59_000);
    expect(server.opens[0]?.signal.aborted).toBe(false);
    await server.clock.advance(1_000);
    expect(server.opens[0]?.signal.aborted).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ open: false, error: { code: 'timeout' } });
    await server.clock.advance(1_000);
    expect(server.opens).toHaveLength(2);
    stream.stop();
  });

  it('backs off longer after each failed open, honouring Retry-After', async () => {
    const server = fakeServer();
    server.failures.push(
      new ApiError('http-5xx', 'HTTP 503', 503),
      new ApiError('http-5xx', 'HTTP 503', 503),
      new ApiError('http-429', 'HTTP 429', 429, 600_000),
    );
    const { stream, statuses } = start(server);
    await settle();
    const waits = () =>
      (statuses as { nextAttemptAt?: number }[]).filter((s) => s.nextAttemptAt).map((s) => s.nextAttemptAt! - server.clock.now());
    expect(waits()).toEqual([500]);
    await server.clock.advance(500);
    expect(waits().at(-1)).toBe(1_000);
    await server.clock.advance(1_000);
    expect(waits().at(-1)).toBe(600_000);
    await server.clock.advance(599_999);
    expect(server.opens).toHaveLength(3);
    await server.clock.advance(1);
    expect(server.opens).toHaveLength(4);
    stream.stop();
  });

  it('an API that stays away: two quick tries, then each try at a random moment within 10 minutes', async () => {
    const server = fakeServer();
    const network = () => new ApiError('network', 'ECONNREFUSED');
    server.failures.push(network(), network(), network(), network(), network());
    const { stream, statuses } = start(server);
    await settle();
    const waits = () =>
      (statuses as { nextAttemptAt?: number }[]).filter((s) => s.nextAttemptAt).map((s) => s.nextAttemptAt! - server.clock.now());
    await server.clock.advance(500); // the first quick try (random 0.5 of 1 s)
    await server.clock.advance(1_000); // the second (of 2 s)
    expect(server.opens).toHaveLength(3);
    // From the third failure in a row: full jitter over the whole spread, not 2 s, 4 s, 8 s...:
    // every PC lost its stream at the same moment, and must not come back in the same minute.
    expect(waits().at(-1)).toBe(0.5 * RECONNECT_SPREAD_MS);
    await server.clock.advance(0.5 * RECONNECT_SPREAD_MS);
    expect(waits().at(-1)).toBe(0.5 * RECONNECT_SPREAD_MS); // and it does not grow beyond it
    stream.stop();
  });

  it('stops for good on 401', async () => {
    const server = fakeServer();
    server.failures.push(new ApiError('unauthorized', 'HTTP 401', 401));
    const { statuses } = start(server);
    await settle();
    expect(statuses).toEqual([{ open: false, error: expect.objectContaining({ code: 'unauthorized' }), nextAttemptAt: null }]);
    await server.clock.advance(3_600_000);
    expect(server.opens).toHaveLength(1);
    expect(server.clock.pending()).toEqual([]);
  });

  it('drops a connection whose event grows without end', async () => {
    const server = fakeServer();
    const { stream, statuses } = start(server);
    await settle();
    await server.send('event: policy.changed\ndata: ' + 'x'.repeat(1024 * 1024 + 10));
    expect(statuses.at(-1)).toMatchObject({ open: false, error: { code: 'invalid-response' } });
    stream.stop();
  });

  it('after stop: the connection is aborted, no timer is left, nothing reconnects', async () => {
    const server = fakeServer();
    const { stream } = start(server);
    await settle();
    stream.stop();
    expect(server.opens[0]?.signal.aborted).toBe(true);
    await settle();
    expect(server.clock.pending()).toEqual([]);
    await server.clock.advance(3_600_000);
    expect(server.opens).toHaveLength(1);
  });
});

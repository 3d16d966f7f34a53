import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import { ApiError } from './api-error';
import { Backoff, backoffDelay } from './backoff';
import type { HalloApi } from './client';
import type { ServerEvent, ServerEventType } from './types';
import { cleanStrings } from './clean-text';
import { validateEvent } from './validator';

/** The server comments at least every 25 s; 60 s of nothing means the connection is dead. */
export const SILENCE_MS = 60_000;
/**
 * A stream that could not be opened this many times in a row is not blinking: the API is down (or
 * gone from this PC's network). From then on each try waits a random part of RECONNECT_SPREAD_MS
 * instead of growing from a second: every PC lost its stream at the same moment, and exponential
 * backoff from there brings them back about twice as fast as they send heartbeats, just when the
 * API comes back (tests/bench/fleet/). A blink (a proxy closing the stream, one refused open)
 * is still retried within a second or two.
 */
const QUICK_RETRIES = 2;
export const RECONNECT_SPREAD_MS = 10 * 60_000;
/** One event bigger than this is not an event we want: drop the connection rather than the memory. */
const MAX_EVENT_CHARS = 1024 * 1024;

export interface EventStreamOptions {
  api: Pick<HalloApi, 'openEvents'>;
  clock: Clock;
  log: Logger;
  onEvent: (event: ServerEvent) => void;
  /** The stream opened, or failed/ended (with why). A 401 stops the stream for good. */
  onStatus?: (status: { open: true } | { open: false; error: ApiError; nextAttemptAt: number | null }) => void;
  /** Where to resume: the id of the last event seen, e.g. from before a restart. */
  lastEventId?: string | null;
  silenceMs?: number;
  random?: () => number;
}

export interface EventStream {
  start(): void;
  /** Closes the connection and clears every timer; nothing reconnects afterwards. */
  stop(): void;
  lastEventId(): string | null;
}

/**
 * GET /events as a typed stream: resumes with Last-Event-ID, checks each event's data against its
 * schema (bad ones are logged and skipped), reconnects after silence or failure with backoff.
 */
export function streamEvents(opts: EventStreamOptions): EventStream {
  const silenceMs = opts.silenceMs ?? SILENCE_MS;
  const backoff = new Backoff({ random: opts.random });
  let lastId = opts.lastEventId ?? null;
  let running = false;
  let controller: AbortController | null = null;
  let retryTimer: unknown = null;

  function dispatch(message: EventSourceMessage): void {
    if (message.id !== undefined) lastId = message.id; // seen, even if skipped: no replay of a bad one
    const type = message.event ?? 'message';
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      opts.log.warn('event data is not JSON, skipped', { type, id: message.id });
      return;
    }
    const checked = validateEvent(type, data);
    if (!checked.ok) {
      opts.log.warn('event failed its schema, skipped', { type, id: message.id, errors: checked.errors });
      return;
    }
    try {
      opts.onEvent({ id: message.id ?? null, type: type as ServerEventType, data: cleanStrings(checked.value) } as ServerEvent);
    } catch (error) {
      opts.log.error('event listener failed', { type, error: String(error) });
    }
  }

  async function connect(): Promise<void> {
    const ours = new AbortController();
    controller = ours;
    let silence: unknown = null;
    // Aborting (silence, stop, oversized event) ends this connection and its timer at once.
    ours.signal.addEventListener('abort', () => opts.clock.clearTimeout(silence), { once: true });
    const armSilence = () => {
      opts.clock.clearTimeout(silence);
      silence = opts.clock.setTimeout(
        () => ours.abort(new ApiError('timeout', `event stream silent for ${silenceMs} ms`)),
        silenceMs,
      );
    };
    let received = false;
    try {
      const body = await opts.api.openEvents(lastId, ours.signal);
      if (!running || ours.signal.aborted) {
        await body.cancel().catch(() => undefined);
        return;
      }
      opts.onStatus?.({ open: true });
      const parser = createParser({
        onEvent: dispatch,
        maxBufferSize: MAX_EVENT_CHARS,
        onError: (error) => {
          if (error.type === 'max-buffer-size-exceeded') ours.abort(new ApiError('invalid-response', error.message, 200));
        },
      });
      const reader = body.getReader();
      const decoder = new TextDecoder();
      ours.signal.addEventListener('abort', () => void reader.cancel(ours.signal.reason).catch(() => undefined));
      armSilence();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || ours.signal.aborted) break;
        armSilence();
        received = true;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (ours.signal.aborted) throw ours.signal.reason;
      throw new ApiError('network', 'event stream closed by the server');
    } catch (error) {
      if (!running || controller !== ours) return;
      const reason = ours.signal.aborted ? ours.signal.reason : error;
      failed(reason instanceof ApiError ? reason : new ApiError('network', String(reason)), received);
    } finally {
      opts.clock.clearTimeout(silence);
    }
  }

  function failed(error: ApiError, received: boolean): void {
    // A stream that delivered something was healthy: start the backoff again from the bottom.
    if (received) backoff.reset();
    if (error.code === 'unauthorized') {
      running = false;
      opts.log.warn('event stream refused: device token not accepted');
      opts.onStatus?.({ open: false, error, nextAttemptAt: null });
      return;
    }
    const quick = backoff.failures < QUICK_RETRIES;
    const next = backoff.next(error.retryAfterMs);
    const wait = quick ? next : backoffDelay(0, error.retryAfterMs, { baseMs: RECONNECT_SPREAD_MS, capMs: RECONNECT_SPREAD_MS, random: opts.random });
    opts.log.info('event stream down, reconnecting', { code: error.code, detail: error.detail, waitMs: wait });
    opts.onStatus?.({ open: false, error, nextAttemptAt: opts.clock.now() + wait });
    retryTimer = opts.clock.setTimeout(() => {
      retryTimer = null;
      if (running) void connect();
    }, wait);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void connect();
    },
    stop() {
      running = false;
      opts.clock.clearTimeout(retryTimer);
      retryTimer = null;
      controller?.abort(new ApiError('network', 'stopped'));
      controller = null;
    },
    lastEventId: () => lastId,
  };
}

import { ApiError } from '../hallo-api/api-error';
import { Backoff } from '../hallo-api/backoff';
import type { Logger } from '../log';
import type { Clock } from '../ports';

/**
 * Drains a durable queue towards the API: `step()` sends the next batch and says whether more is
 * waiting; a failure waits the connection's backoff (full jitter, the server's Retry-After wins)
 * on the clock and tries again; `kick()` (something new, the connection is back) tries at once.
 * One run at a time, so a batch is never out twice from this PC.
 */
export interface RetryLoop {
  kick(): void;
  /** Resolves once no step runs (a retry may still wait on the clock). */
  idle(): Promise<void>;
  /** Resolves once no step runs and no retry is waiting. */
  stop(): Promise<void>;
}

export function createRetryLoop(opts: {
  clock: Clock;
  log: Logger;
  what: string;
  /** Sends one batch; 'more' when another may be waiting, 'idle' when the queue is empty or the API absent. */
  step(): Promise<'more' | 'idle'>;
}): RetryLoop {
  const backoff = new Backoff();
  let running: Promise<void> | null = null;
  let again = false;
  let timer: unknown = null;
  let stopped = false;

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        while (!stopped && (await opts.step()) === 'more') backoff.reset();
        backoff.reset();
      } catch (error) {
        if (stopped) return;
        const wait = backoff.next(error instanceof ApiError ? error.retryAfterMs : undefined);
        opts.log.warn(`remote: ${opts.what} not sent, trying again`, { error: String(error), waitMs: wait });
        timer = opts.clock.setTimeout(() => {
          timer = null;
          kick();
        }, wait);
        return;
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer !== null) {
      opts.clock.clearTimeout(timer);
      timer = null;
    }
    running = run().finally(() => {
      running = null;
    });
  }

  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer !== null) opts.clock.clearTimeout(timer);
      await running;
    },
  };
}

import type { Clock } from '../ports';

/** Thrown by a probe on a platform where it cannot work: it becomes 'unsupported', not 'error'. */
export class UnsupportedProbe extends Error {
  constructor(what: string) {
    super(`${what} is not supported here`);
    this.name = 'UnsupportedProbe';
  }
}

export type ProbeFailure = 'timeout' | 'error' | 'unsupported';
/** What one probe gave: its value, or why there is none. */
export type Probed<T> = { value: T } | { error: ProbeFailure };

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/**
 * Runs one probe so that it cannot hold up or take down the others: a throw becomes 'error'
 * (or 'unsupported'), a probe still running after `timeoutMs` becomes 'timeout' and is left to
 * finish on its own (systeminformation cannot be cancelled).
 */
export function bounded<T>(probe: () => Promise<T>, timeoutMs: number, clock: Clock): Promise<Probed<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Probed<T>) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve(result);
    };
    const timer = clock.setTimeout(() => finish({ error: 'timeout' }), timeoutMs);
    let running: Promise<T>;
    try {
      running = probe();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => finish({ value }),
      (error: unknown) => finish({ error: error instanceof UnsupportedProbe ? 'unsupported' : 'error' }),
    );
  });
}

/**
 * Keeps at most one call of each probe running. `bounded` gives up on a hung call but cannot stop
 * it (with systeminformation that is often a spawned process), so asking for the same probe while
 * that call still runs joins it instead of starting another: hung calls never pile up, one per
 * probe at most. Once the call settles, the next ask starts a fresh one.
 */
export function singleFlight(): <T>(key: string, call: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<unknown>>();
  return <T>(key: string, call: () => Promise<T>): Promise<T> => {
    const current = running.get(key);
    if (current) return current as Promise<T>;
    let started: Promise<T>;
    try {
      started = Promise.resolve(call());
    } catch (error) {
      return Promise.reject(error as Error);
    }
    running.set(key, started);
    const done = () => {
      if (running.get(key) === started) running.delete(key);
    };
    started.then(done, done);
    return started;
  };
}

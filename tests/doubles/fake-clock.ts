import type { Clock } from '../../electron/agent/ports';

/** Lets pending promise chains (including Response body reads) run to their next real wait. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The agent's Clock port for tests: the one fake clock of the suite (tests/README.md). */
export interface FakeClock extends Clock {
  /** Moves time forward, running each due timer in order and letting its promises settle. */
  advance(ms: number): Promise<void>;
  /** Runs timers until none is left (each one moves time to when it is due); refuses an endless chain. */
  runAll(limit?: number): Promise<void>;
  /** The delays of the timers that are waiting now, soonest first. */
  pending(): number[];
}

export interface FakeClockOptions {
  /** Where time starts (epoch ms); in real time, now. */
  start?: number;
  /**
   * Integration tests talk real HTTP: there the clock also runs on the wall clock (short waits such
   * as request timeouts pass by themselves) and `advance` jumps over the long ones (a heartbeat).
   */
  realTime?: boolean;
}

const DEFAULT_START = Date.parse('2025-03-03T09:00:00Z');

export function createFakeClock(options: number | FakeClockOptions = {}): FakeClock {
  const { realTime = false, start = realTime ? Date.now() : DEFAULT_START } = typeof options === 'number' ? { start: options } : options;
  const since = Date.now();
  let offset = start;
  const now = () => offset + (realTime ? Date.now() - since : 0);
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void; real?: NodeJS.Timeout }>();
  const due = (limit: number) =>
    [...timers.entries()].filter(([, t]) => t.at <= limit).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  const fire = (id: number) => {
    const timer = timers.get(id);
    if (!timer) return;
    clearTimeout(timer.real);
    timers.delete(id);
    timer.fn();
  };
  const moveTo = (at: number) => {
    offset += Math.max(0, at - now());
  };
  return {
    now,
    setTimeout(fn, ms) {
      const id = nextId++;
      const wait = Math.max(0, ms);
      timers.set(id, { at: now() + wait, fn, real: realTime ? setTimeout(() => fire(id), wait) : undefined });
      return id;
    },
    clearTimeout(handle) {
      clearTimeout(timers.get(handle as number)?.real);
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = now() + ms;
      await settle();
      for (let next = due(target); next; next = due(target)) {
        moveTo(next[1].at);
        fire(next[0]);
        await settle();
      }
      moveTo(target);
      await settle();
    },
    async runAll(limit = 1000) {
      await settle();
      for (let i = 0; timers.size > 0; i++) {
        if (i >= limit) throw new Error(`runAll: still ${timers.size} timer(s) after ${limit}: a timer that sets itself again?`);
        const [id, timer] = due(Infinity)!;
        moveTo(timer.at);
        fire(id);
        await settle();
      }
    },
    pending: () => [...timers.values()].map((t) => t.at - now()).sort((a, b) => a - b),
  };
}

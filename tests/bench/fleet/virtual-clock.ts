import type { Clock } from '../../../electron/agent/ports';

// One clock for a whole simulated fleet. The suite's fake clock (tests/doubles/fake-clock.ts)
// sorts all its timers for every step and settles ten rounds after each one: right for one agent,
// hours for ten thousand. Here the timers sit in a binary heap (a cleared one is only marked and
// skipped when it comes up), and the promises are settled once per distinct moment, not per timer.

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cleared: boolean;
}

export interface VirtualClock extends Clock {
  /**
   * Runs every timer due up to `until` in order of time, moving the clock to each. After the
   * timers of one moment, `settle` runs (the answers they started arrive, on microtasks only) and
   * any waits handed to `hold` (a start that reads files) end before time moves on.
   */
  runUntil(until: number): Promise<void>;
  /** Time does not move on until this has settled (e.g. an agent's start, which reads its files). */
  hold(work: Promise<unknown>): void;
  /** Timers waiting, cleared ones included until they come up. */
  size(): number;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createVirtualClock(start: number): VirtualClock {
  let now = start;
  let seq = 0;
  const heap: Timer[] = [];
  let held: Promise<unknown>[] = [];

  const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

  function push(timer: Timer): void {
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  function pop(): Timer | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < heap.length && before(heap[l]!, heap[least]!)) least = l;
        if (r < heap.length && before(heap[r]!, heap[least]!)) least = r;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least]!, heap[i]!];
        i = least;
      }
    }
    return top;
  }

  async function drain(): Promise<void> {
    await settle();
    while (held.length > 0) {
      const waiting = held;
      held = [];
      await Promise.all(waiting);
      await settle();
    }
  }

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer: Timer = { at: now + Math.max(0, ms), seq: seq++, fn, cleared: false };
      push(timer);
      return timer;
    },
    clearTimeout(handle) {
      if (handle && typeof handle === 'object') (handle as Timer).cleared = true;
    },
    async runUntil(until) {
      await drain();
      for (;;) {
        while (heap.length > 0 && heap[0]!.cleared) pop();
        const next = heap[0];
        if (!next || next.at > until) break;
        now = Math.max(now, next.at);
        // Every timer of this moment, then one settling for all of them.
        while (heap.length > 0 && heap[0]!.at <= now) {
          const timer = pop()!;
          if (!timer.cleared) timer.fn();
        }
        await drain();
      }
      now = Math.max(now, until);
    },
    hold(work) {
      held.push(work);
    },
    size: () => heap.length,
  };
}

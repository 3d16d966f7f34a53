import type { MyTicket } from '../../contract';
import type { Clock } from '../ports';

/** "My tickets" is asked again this often (jittered) while a ticket is still open. */
const LIST_POLL_MS = 10 * 60_000;

export interface ListPoll {
  /** Plans the next fetch for this list: only while something is still open. */
  after(tickets: readonly MyTicket[]): void;
  stop(): void;
}

/**
 * Keeps "My tickets" fresh without the event stream: a PC whose tickets are all closed asks no
 * more. A failed fetch keeps asking at the same pace; a successful one has planned itself already.
 */
export function createListPoll(deps: { clock: Clock; refresh: () => Promise<void>; current: () => readonly MyTicket[]; random?: () => number }): ListPoll {
  const { clock } = deps;
  const random = deps.random ?? Math.random;
  let timer: unknown = null;
  let stopped = false;

  function clear(): void {
    clock.clearTimeout(timer);
    timer = null;
  }

  function after(tickets: readonly MyTicket[]): void {
    clear();
    if (stopped || !tickets.some((t) => t.status !== 'closed')) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void deps.refresh().finally(() => timer === null && after(deps.current()));
    }, Math.round(LIST_POLL_MS * (0.5 + random())));
  }

  return {
    after,
    stop() {
      stopped = true; // a fetch still out must not plan another
      clear();
    },
  };
}

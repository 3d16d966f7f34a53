import { bounded, singleFlight } from '../platform/bounded';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { TopProcesses } from './processes';

/** A process list this fresh is still the PC the employee is describing. */
const PROCESSES_FRESH_MS = 30_000;
const PROCESSES_TIMEOUT_MS = 5_000;
/** How long Send waits for a process list still being made; after it the last one made goes. */
const PROCESSES_WAIT_MS = 800;

export interface ProcessCache {
  /** Started when the form opens, so that Send does not wait a second for `ps`. */
  prefetch(): Promise<TopProcesses | null>;
  /** The freshest list Send can have without making the employee wait: a slow probe gives the last one made. */
  forTicket(): Promise<TopProcesses | null>;
}

/** The top processes for a ticket: made when the form opens, reused while fresh, never piled up. */
export function createProcessCache(deps: { clock: Clock; log: Logger; probe: () => Promise<TopProcesses> }): ProcessCache {
  const { clock, log } = deps;
  // One `ps` (PowerShell on Windows) at a time: a hung one is joined by the next form, not doubled.
  const flight = singleFlight();
  const probe = () => flight('processes', deps.probe);
  let current: { at: number; result: Promise<TopProcesses | null> } | null = null;
  let last: TopProcesses | null = null;

  function prefetch(): Promise<TopProcesses | null> {
    if (current && clock.now() - current.at < PROCESSES_FRESH_MS) return current.result;
    const result = bounded(probe, PROCESSES_TIMEOUT_MS, clock).then((r) => {
      if ('value' in r) return (last = r.value);
      log.warn('process list not available', { reason: r.error });
      return null;
    });
    current = { at: clock.now(), result };
    return result;
  }

  return {
    prefetch,
    async forTicket() {
      const waited = await bounded(prefetch, PROCESSES_WAIT_MS, clock);
      return ('value' in waited ? waited.value : null) ?? last;
    },
  };
}

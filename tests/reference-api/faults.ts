import { validateSchema } from '../../electron/agent/hallo-api/validator';
import type { Fault } from './store';

/** A fault that hit a request: what the server really did, as opposed to what was queued. */
export interface FiredFault {
  fault: Fault;
  method: string;
  path: string;
  /** Date.now() when the request arrived. */
  at: number;
}

/** Told of every request under the base URL as it arrives (headers in), with the fault it gets. */
export type RequestListener = (request: { method: string; path: string; at: number; fault: Fault | null }) => void;

/**
 * Injected faults, consumed in order by the first request each one matches. Portal calls are
 * exempt unless the fault names a /portal path: a test must still be able to play the technician.
 */
export class FaultQueue {
  /** Every fault that fired, in order; clear() leaves it, so a test can count across its runs. */
  readonly fired: FiredFault[] = [];
  private readonly listeners = new Set<RequestListener>();

  constructor(private readonly queue: Fault[]) {}

  /** Calls `listener` for each request from now on (e.g. to crash a client mid-request); returns the way to stop. */
  onRequest(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Throws for a fault openapi.json does not allow: a broken test should say so at once. */
  push(...faults: Fault[]): void {
    for (const fault of faults) {
      const check = validateSchema('Fault', fault);
      if (!check.ok) throw new Error(`reference API: bad fault: ${check.errors}`);
    }
    this.queue.push(...faults.map((f) => ({ ...f })));
  }

  clear(): void {
    this.queue.length = 0;
  }

  pending(): readonly Fault[] {
    return this.queue;
  }

  /** The fault for this request, if any, counting one use of it. */
  take(method: string, path: string): Fault | null {
    const fault = this.consume(method, path);
    const at = Date.now();
    if (fault) this.fired.push({ fault: { ...fault }, method: method.toUpperCase(), path, at });
    for (const listener of [...this.listeners]) listener({ method: method.toUpperCase(), path, at, fault });
    return fault;
  }

  private consume(method: string, path: string): Fault | null {
    const index = this.queue.findIndex((f) => matches(f, method, path));
    if (index < 0) return null;
    const fault = this.queue[index]!;
    const left = (fault.times ?? 1) - 1;
    if (left <= 0) this.queue.splice(index, 1);
    else fault.times = left;
    return fault;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method !== method.toUpperCase()) return false;
  if (!fault.path) return !path.startsWith('/portal/');
  return path === fault.path || path.startsWith(fault.path.endsWith('/') ? fault.path : `${fault.path}/`);
}

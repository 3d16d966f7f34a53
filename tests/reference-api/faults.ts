import { validateSchema } from '../../electron/agent/hallo-api/validator';
import type { Fault } from './store';

/**
 * Injected faults, consumed in order by the first request each one matches. Portal calls are
 * exempt unless the fault names a /portal path: a test must still be able to play the technician.
 */
export class FaultQueue {
  constructor(private readonly queue: Fault[]) {}

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

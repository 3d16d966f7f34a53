import { cpus } from 'node:os';

type Times = { idle: number; total: number };

function totals(): Times {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

/**
 * CPU load in % over the time since the previous call (the first call: since boot), from the
 * kernel's counters that Node already reads. systeminformation's currentLoad spawns a shell on
 * Linux for the same numbers: too dear for an agent that samples all day.
 */
export function createCpuLoad(read: () => Times = totals): () => number {
  let previous: Times = { idle: 0, total: 0 };
  return () => {
    const now = read();
    const total = now.total - previous.total;
    const idle = now.idle - previous.idle;
    previous = now;
    if (!(total > 0)) return 0;
    return Math.min(100, Math.max(0, (1 - idle / total) * 100));
  };
}

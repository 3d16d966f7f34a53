import type { Systeminformation as SI } from 'systeminformation';
import type { Masker } from '../platform/mask';

export interface ProcessInfo {
  name: string;
  pid: number;
  cpuPercent: number;
  memoryBytes: number;
}
export interface TopProcesses {
  byCpu: ProcessInfo[];
  byMemory: ProcessInfo[];
}

const TOP = 10;
const num = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0);

/**
 * The busiest processes, by name only: a command line can hold a password or a token, so it
 * never leaves the PC. systeminformation gives resident memory in KiB.
 */
export function topProcesses(list: readonly SI.ProcessesProcessData[], mask: Masker): TopProcesses {
  const all: ProcessInfo[] = list
    .filter((p) => Number.isInteger(p.pid) && p.pid >= 0)
    .map((p) => ({
      name: mask(String(p.name ?? '')).slice(0, 255) || '?',
      pid: p.pid,
      cpuPercent: Math.round(num(p.cpu) * 10) / 10,
      memoryBytes: Math.round(num(p.memRss) * 1024),
    }));
  return {
    byCpu: [...all].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, TOP),
    byMemory: [...all].sort((a, b) => b.memoryBytes - a.memoryBytes).slice(0, TOP),
  };
}

/**
 * The real probe; slow (about a second on Linux), so it runs when the form opens. Its module is
 * loaded then too: most agents never open the form (see health/systeminformation-parts.d.ts).
 */
export async function probeProcesses(mask: Masker): Promise<TopProcesses> {
  const { default: processes } = await import('systeminformation/lib/processes.js');
  const data = await processes.processes();
  return topProcesses(data.list, mask);
}

import { readFileSync } from 'node:fs';

// CPU time of this process plus the child processes it has reaped (systeminformation spawns
// commands for some probes; counting only our own process would flatter it).
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // not Linux: own CPU only
  }
}

export function cpuNowMs(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + childrenCpuMs();
}

export async function cpuOf(fn: () => Promise<unknown>): Promise<number> {
  const before = cpuNowMs();
  await fn();
  return cpuNowMs() - before;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

import si from 'systeminformation';
import { createCollector } from '../../electron/agent/health/collect';
import { createSystemProbes } from '../../electron/agent/health/probes';
import { cpuOf, round } from './cpu';

// Run in a fresh process per measurement: systeminformation caches some answers internally, so
// measuring getAllData() after our own probes (or the other way round) would flatter the second.
const clock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};
const WARM_SAMPLES = 5;

async function health(): Promise<Record<string, number>> {
  const collector = createCollector({ probes: createSystemProbes(), clock });
  const cold = await cpuOf(async () => {
    await collector.sample();
    await collector.device();
  });
  const warm: number[] = [];
  for (let i = 0; i < WARM_SAMPLES; i++) warm.push(await cpuOf(() => collector.sample()));
  warm.sort((a, b) => a - b);
  return { healthColdCpuMs: round(cold), healthWarmCpuMs: round(warm[Math.floor(WARM_SAMPLES / 2)]!) };
}

async function allData(): Promise<Record<string, number>> {
  return { siAllDataCpuMs: round(await cpuOf(() => si.getAllData())) };
}

const which = process.argv[2];
const result = which === 'health' ? await health() : await allData();
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0);

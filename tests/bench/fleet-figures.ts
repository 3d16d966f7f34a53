import { round } from './cpu';
import { allAtOnce, meanRate, morning, outage, OUTAGE, peakRate, PEAK_WINDOW_S } from './fleet/herd';

// herdPeakRatio: 10 000 agents' real connection code on a virtual clock (tests/bench/fleet/),
// after a 5-minute API outage, on a Monday morning, and all at once. Run by main.ts in a process
// of its own; `tsx tests/bench/fleet-figures.ts 500` runs a smaller fleet.
const n = Number(process.argv[2] ?? 10_000);
const started = performance.now();
const log = (line: string) => process.stderr.write(`bench: fleet: ${line}\n`);

const down = await outage(n);
log(`outage: steady ${round(down.steady)}/s, peak ${round(down.peak)}/s (${PEAK_WINDOW_S} s window), routes ${JSON.stringify(down.routes)}`);
const [from, to] = OUTAGE.quiet;
const steadyPeak1s = peakRate(down.perSecond, from, to, 1) / meanRate(down.perSecond, from, to);
const monday = await morning(n, down.steady);
log(`morning: peak ${round(monday.peak)}/s, online ${monday.online}/${n}, routes ${JSON.stringify(monday.routes)}`);
const rush = await morning(n, down.steady, allAtOnce, 3);
log(`all at 08:30 within 60 s: peak ${round(rush.peak)}/s, online ${rush.online}/${n}, routes ${JSON.stringify(rush.routes)}`);

process.stdout.write(
  `${JSON.stringify({
    fleetAgents: n,
    fleetSteadyPerSecond: round(down.steady),
    herdPeakRatioOutage: round(down.ratio),
    herdPeakRatioMorning: round(monday.ratio),
    herdPeakRatioAllAt0830: round(rush.ratio),
    herdPeak1sRatioOutage: round(down.ratio1s),
    herdPeak1sRatioMorning: round(monday.ratio1s),
    herdPeak1sRatioAllAt0830: round(rush.ratio1s),
    steadyPeak1sRatio: round(steadyPeak1s),
    fleetSimulationS: round((performance.now() - started) / 1000),
  })}\n`,
);

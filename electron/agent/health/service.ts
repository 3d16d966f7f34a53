import type { DeviceInfo, StatusItem } from '../../contract';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { SliceStore } from '../capability';
import { createCollector } from './collect';
import { figuresOf } from './figures';
import { appendHistory, historyPoint } from './history';
import { createSystemProbes, type HealthProbes } from './probes';
import { evaluate, type HealthThresholds } from './rules';

export interface HealthService {
  start(): void;
  stop(): void;
  /** Samples now (or joins the sample already running). */
  refresh(): Promise<void>;
  device(): Promise<DeviceInfo>;
}

const MIN_SAMPLE_SECONDS = 5;

/**
 * Samples the PC every `sampleSeconds` (read again each time, so a new policy applies from the
 * next sample), judges it, keeps an hour of history, and writes the `health` and `device` slices.
 */
export function createHealthService(deps: {
  store: SliceStore<'health' | 'device'>;
  log: Logger;
  clock: Clock;
  probes?: HealthProbes;
  thresholds: () => HealthThresholds;
  sampleSeconds: () => number;
  probeTimeoutMs?: number;
}): HealthService {
  const { store, clock } = deps;
  const log = deps.log.child('health');
  const collector = createCollector({ probes: deps.probes ?? createSystemProbes(), clock, timeoutMs: deps.probeTimeoutMs });
  let running: Promise<void> | null = null;
  let timer: unknown = null;
  let stopped = false;
  let failures = new Map<string, string>(); // item id → reason, to log each change once

  function reportFailures(items: StatusItem[]): void {
    const now = new Map(items.filter((i) => i.severity === 'unknown').map((i) => [i.id, String(i.params.reason)]));
    for (const [id, reason] of now) {
      if (failures.get(id) !== reason) log.warn('health probe failed', { id, reason });
    }
    for (const id of failures.keys()) if (!now.has(id)) log.info('health probe recovered', { id });
    failures = now;
  }

  async function sample(): Promise<void> {
    const snapshot = await collector.sample();
    if (stopped) return; // a sample that outlived stop() writes nothing
    const previous = store.get().health.history;
    const items = evaluate(snapshot, deps.thresholds(), previous, store.get().app.sizeUnits);
    reportFailures(items);
    store.set('health', {
      collectedAt: new Date(snapshot.at).toISOString(),
      items,
      figures: figuresOf(snapshot),
      history: appendHistory(previous, historyPoint(snapshot)),
    });
    const device = await collector.device();
    if (!stopped) store.set('device', device);
  }

  function refresh(): Promise<void> {
    // One sample at a time: a slow PC must not pile up probes.
    running ??= sample()
      .catch((error: unknown) => log.error('health sample failed', { error: String(error) }))
      .finally(() => {
        running = null;
      });
    return running;
  }

  function schedule(): void {
    const seconds = deps.sampleSeconds();
    const ms = Math.max(MIN_SAMPLE_SECONDS, Number.isFinite(seconds) ? seconds : MIN_SAMPLE_SECONDS) * 1000;
    timer = clock.setTimeout(() => {
      schedule();
      if (!running) void refresh();
    }, ms);
  }

  return {
    start() {
      if (timer !== null) return;
      stopped = false;
      void refresh();
      schedule();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    refresh,
    device: () => collector.device(),
  };
}

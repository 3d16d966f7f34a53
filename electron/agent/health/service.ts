import type { DeviceInfo, StatusItem } from '../../contract';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { SliceStore } from '../capability';
import { createCollector } from './collect';
import { figuresOf } from './figures';
import { appendHistory, compactHistory, historyPoint } from './history';
import type { HistoryFileStore } from './history-file';
import { createSystemProbes, type HealthProbes } from './probes';
import { evaluate, type HealthThresholds } from './rules';
import { systemMount } from './system-disk';

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
 * next sample), judges it, keeps 24 hours of history (loaded from `historyFile` before the first
 * sample, saved there after each), and writes the `health` and `device` slices.
 */
export function createHealthService(deps: {
  store: SliceStore<'health' | 'device'>;
  log: Logger;
  clock: Clock;
  probes?: HealthProbes;
  thresholds: () => HealthThresholds;
  sampleSeconds: () => number;
  probeTimeoutMs?: number;
  /** Where the history survives a restart; absent: it lives as long as the service. */
  historyFile?: HistoryFileStore;
  /** Windows' `SystemDrive`: the disk whose free space the history follows. */
  systemDrive?: string;
}): HealthService {
  const { store, clock } = deps;
  const log = deps.log.child('health');
  const collector = createCollector({ probes: deps.probes ?? createSystemProbes(), clock, timeoutMs: deps.probeTimeoutMs });
  let running: Promise<void> | null = null;
  let timer: unknown = null;
  let stopped = false;
  let failures = new Map<string, string>(); // item id → reason, to log each change once
  let loading: Promise<void> | null = null;

  /** The saved history under whatever this run has sampled already (nothing, unless a load was slow). */
  async function loadHistory(): Promise<void> {
    const saved = await (deps.historyFile?.load() ?? []);
    if (saved.length === 0 || stopped) return;
    store.update('health', (health) => {
      const first = health.history[0]?.at;
      const older = first === undefined ? saved : saved.filter((p) => p.at < first);
      return { ...health, history: compactHistory([...older, ...health.history], clock.now()) };
    });
  }

  function reportFailures(items: StatusItem[]): void {
    const now = new Map(items.filter((i) => i.severity === 'unknown').map((i) => [i.id, String(i.params.reason)]));
    for (const [id, reason] of now) {
      if (failures.get(id) !== reason) log.warn('health probe failed', { id, reason });
    }
    for (const id of failures.keys()) if (!now.has(id)) log.info('health probe recovered', { id });
    failures = now;
  }

  async function sample(): Promise<void> {
    loading ??= loadHistory().catch((error: unknown) => log.error('the history could not be loaded', { error: String(error) }));
    const [snapshot] = await Promise.all([collector.sample(), loading]);
    if (stopped) return; // a sample that outlived stop() writes nothing
    const { app, health } = store.get();
    const items = evaluate(snapshot, deps.thresholds(), health.history, app.sizeUnits);
    reportFailures(items);
    const history = appendHistory(health.history, historyPoint(snapshot, systemMount(app.platform, deps.systemDrive)));
    store.set('health', { collectedAt: new Date(snapshot.at).toISOString(), items, figures: figuresOf(snapshot), history });
    deps.historyFile?.changed(history);
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

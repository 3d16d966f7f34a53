import { arch, hostname, release } from 'node:os';
import type { DeviceInfo } from '../../contract';
import type { Clock } from '../ports';
import { bounded, DEFAULT_PROBE_TIMEOUT_MS, singleFlight, type Probed } from '../platform/bounded';
import { fixedDisks, type DiskSample } from './collect-disks';
import type { HealthProbes } from './probes';

export type { DiskSample } from './collect-disks';

export interface BatterySample {
  percent: number;
  charging: boolean;
  healthPercent: number | null;
}
export interface SmartSample {
  index: number; // position in systeminformation's diskLayout: stable for the life of the PC's wiring
  disk: string; // vendor + model
  failing: boolean;
}

/** One sample of the PC, each part as its probe gave it. `battery` is null where there is none. */
export interface HealthSnapshot {
  at: number; // epoch ms
  cpu: Probed<{ loadPercent: number }>;
  memory: Probed<{ totalBytes: number; usedBytes: number }>;
  disks: Probed<DiskSample[]>;
  uptime: Probed<{ seconds: number }>;
  battery: Probed<BatterySample | null>;
  smart: Probed<SmartSample[]>;
}

export interface Collector {
  sample(): Promise<HealthSnapshot>;
  device(): Promise<DeviceInfo>;
}

// Disk layout and hardware rarely change: read again once a day.
const STATIC_MAX_AGE_MS = 24 * 60 * 60 * 1000;
// A disk that starts to fail must show within the hour, so SMART verdicts are read hourly.
export const SMART_MAX_AGE_MS = 60 * 60 * 1000;

/** Values from the OS are untrusted: a probe that answers nonsense counts as a failed probe. */
function finite(n: unknown): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`not a number: ${String(n)}`);
  return n;
}
const text = (s: unknown): string => (typeof s === 'string' ? s.trim() : '');

export function createCollector(opts: { probes: HealthProbes; clock: Clock; timeoutMs?: number }): Collector {
  const { probes, clock } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const run = <T>(probe: () => Promise<T>) => bounded(probe, timeoutMs, clock);
  // Every probe call goes through here: a call that timed out and still runs is joined, not repeated.
  const flight = singleFlight();
  const call = <K extends keyof HealthProbes>(name: K): ReturnType<HealthProbes[K]> => {
    const probe = probes[name] as () => ReturnType<HealthProbes[K]>;
    return flight<unknown>(name, () => probe.call(probes)) as ReturnType<HealthProbes[K]>;
  };

  // Static probes: a success is kept (and shared by concurrent callers); a failure is tried again next time.
  const cache = new Map<string, { at: number; result: Promise<Probed<unknown>> }>();
  function once<T>(key: string, probe: () => Promise<T>, maxAgeMs = STATIC_MAX_AGE_MS): Promise<Probed<T>> {
    const hit = cache.get(key);
    if (hit && clock.now() - hit.at < maxAgeMs) return hit.result as Promise<Probed<T>>;
    const result = run(probe);
    cache.set(key, { at: clock.now(), result });
    void result.then((r) => {
      if ('error' in r && cache.get(key)?.result === result) cache.delete(key);
    });
    return result;
  }

  const cpu = () => run(async () => ({ loadPercent: finite((await call('currentLoad')).currentLoad) }));
  const memory = () =>
    run(async () => {
      const m = await call('mem');
      const total = finite(m.total);
      // `available` counts reclaimable cache as free: a full page cache is not memory pressure.
      const available = finite(m.available);
      if (total <= 0) throw new Error('no memory total');
      return { totalBytes: total, usedBytes: Math.min(total, Math.max(0, total - available)) };
    });
  const uptime = () => run(async () => ({ seconds: finite((await call('time')).uptime) }));
  const battery = () =>
    run(async (): Promise<BatterySample | null> => {
      const b = await call('battery');
      if (!b.hasBattery) return null;
      const designed = Number(b.designedCapacity);
      const max = Number(b.maxCapacity);
      const healthPercent = designed > 0 && max > 0 ? Math.min(100, Math.round((max / designed) * 100)) : null;
      return { percent: finite(b.percent), charging: Boolean(b.isCharging), healthPercent };
    });
  const smart = () =>
    once('diskLayout', async (): Promise<SmartSample[]> => {
      const layout = await call('diskLayout');
      const samples: SmartSample[] = [];
      layout.forEach((d, index) => {
        if (d.smartStatus !== 'Ok' && d.smartStatus !== 'Predicted Failure') return; // no verdict, no item
        const disk = [text(d.vendor), text(d.name)].filter(Boolean).join(' ') || text(d.device);
        samples.push({ index, disk, failing: d.smartStatus === 'Predicted Failure' });
      });
      return samples;
    }, SMART_MAX_AGE_MS);
  const disks = async (): Promise<Probed<DiskSample[]>> => {
    const [list, devices] = await Promise.all([run(() => call('fsSize')), once('blockDevices', () => call('blockDevices'))]);
    if ('error' in list) return list;
    try {
      return { value: fixedDisks(list.value, 'value' in devices ? devices.value : []) };
    } catch {
      return { error: 'error' };
    }
  };

  return {
    async sample() {
      const at = clock.now();
      const [c, m, d, u, b, s] = await Promise.all([cpu(), memory(), disks(), uptime(), battery(), smart()]);
      return { at, cpu: c, memory: m, disks: d, uptime: u, battery: b, smart: s };
    },
    async device() {
      const [os, sys, proc, mem] = await Promise.all([
        once('osInfo', () => call('osInfo')),
        once('system', () => call('system')),
        once('cpu', () => call('cpu')),
        once('memTotal', async () => finite((await call('mem')).total)),
      ]);
      const o = 'value' in os ? os.value : null;
      const s = 'value' in sys ? sys.value : null;
      const serial = text(s?.serial);
      return {
        // node's own answers stand in for a failed probe: the device must always have a name.
        hostname: text(o?.hostname) || hostname(),
        manufacturer: text(s?.manufacturer),
        model: text(s?.model),
        serialNumber: serial === '-' ? '' : serial,
        os: {
          platform: text(o?.platform) || process.platform,
          distro: text(o?.distro),
          release: text(o?.release) || release(),
          build: text(o?.build),
          arch: text(o?.arch) || arch(),
        },
        cpu: 'value' in proc ? [text(proc.value.manufacturer), text(proc.value.brand)].filter(Boolean).join(' ') : '',
        memoryBytes: 'value' in mem ? mem.value : 0,
      };
    },
  };
}

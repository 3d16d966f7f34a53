import { statfs } from 'node:fs/promises';
import { uptime } from 'node:os';
import type { Systeminformation as SI } from 'systeminformation';
// Module by module, not the package's index: see systeminformation-parts.d.ts.
import battery from 'systeminformation/lib/battery.js';
import cpu from 'systeminformation/lib/cpu.js';
import filesystem from 'systeminformation/lib/filesystem.js';
import memory from 'systeminformation/lib/memory.js';
import osinfo from 'systeminformation/lib/osinfo.js';
import system from 'systeminformation/lib/system.js';
import { fixedDisks } from './collect-disks';
import { createCpuLoad } from './cpu-load';
import { UnsupportedProbe } from '../platform/bounded';

/**
 * The systeminformation calls the health capability makes, narrowed to the fields it reads, so
 * that tests can hand in recorded outputs (tests/fixtures/health) instead of this machine.
 * The first four are cheap and run every sample; the rest are static and cached by the collector.
 */
export interface HealthProbes {
  currentLoad(): Promise<Pick<SI.CurrentLoadData, 'currentLoad'>>;
  mem(): Promise<Pick<SI.MemData, 'total' | 'available' | 'active'>>;
  fsSize(): Promise<Pick<SI.FsSizeData, 'fs' | 'type' | 'size' | 'available' | 'mount'>[]>;
  time(): Promise<Pick<SI.TimeData, 'uptime'>>;
  battery(): Promise<Pick<SI.BatteryData, 'hasBattery' | 'percent' | 'isCharging' | 'designedCapacity' | 'maxCapacity'>>;
  osInfo(): Promise<Pick<SI.OsData, 'platform' | 'distro' | 'release' | 'build' | 'arch' | 'hostname'>>;
  system(): Promise<Pick<SI.SystemData, 'manufacturer' | 'model' | 'serial'>>;
  cpu(): Promise<Pick<SI.CpuData, 'manufacturer' | 'brand'>>;
  blockDevices(): Promise<Pick<SI.BlockDevicesData, 'mount' | 'removable' | 'physical'>[]>;
  diskLayout(): Promise<Pick<SI.DiskLayoutData, 'name' | 'vendor' | 'device' | 'smartStatus'>[]>;
}

// How long the list of mounts is trusted; free space itself is read every sample.
const MOUNTS_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * fsSize spawns `df` and friends (PowerShell on Windows) on every call. The mounts rarely change,
 * so list them every ten minutes and read each fixed disk's numbers with statfs in between.
 */
function freeSpace(): HealthProbes['fsSize'] {
  let mounts: { at: number; list: Awaited<ReturnType<HealthProbes['fsSize']>> } | null = null;
  return async () => {
    if (!mounts || Date.now() - mounts.at > MOUNTS_MAX_AGE_MS) {
      mounts = { at: Date.now(), list: await filesystem.fsSize() };
      return mounts.list;
    }
    const fixed = new Set(fixedDisks(mounts.list).map((d) => d.mount));
    return Promise.all(
      mounts.list.map(async (entry) => {
        if (!fixed.has(entry.mount)) return entry; // network shares could hang: not touched
        const s = await statfs(entry.mount);
        return { ...entry, size: s.blocks * s.bsize, available: s.bavail * s.bsize };
      }),
    );
  };
}

const SMART_PLATFORMS = new Set(['win32', 'darwin', 'linux']);

/** The real probes: systeminformation on this machine. */
export function createSystemProbes(platform: NodeJS.Platform = process.platform): HealthProbes {
  const cpuLoad = createCpuLoad();
  return {
    // Node's own counters: systeminformation spawns a shell for these on Linux (load, time zone).
    currentLoad: async () => ({ currentLoad: cpuLoad() }),
    mem: () => memory.mem(),
    fsSize: freeSpace(),
    time: async () => ({ uptime: uptime() }),
    battery: () => battery(),
    osInfo: () => osinfo.osInfo(),
    system: () => system.system(),
    cpu: () => cpu.cpu(),
    blockDevices: () => filesystem.blockDevices(),
    diskLayout: async () => {
      if (!SMART_PLATFORMS.has(platform)) throw new UnsupportedProbe('SMART');
      return filesystem.diskLayout();
    },
  };
}

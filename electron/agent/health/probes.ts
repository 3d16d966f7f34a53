import si from 'systeminformation';
import type { Systeminformation as SI } from 'systeminformation';

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

/** Thrown by a probe on a platform where it cannot work: its check becomes unknown 'unsupported'. */
export class UnsupportedProbe extends Error {
  constructor(what: string) {
    super(`${what} is not supported here`);
    this.name = 'UnsupportedProbe';
  }
}

const SMART_PLATFORMS = new Set(['win32', 'darwin', 'linux']);

/** The real probes: systeminformation on this machine. */
export function createSystemProbes(platform: NodeJS.Platform = process.platform): HealthProbes {
  return {
    currentLoad: () => si.currentLoad(),
    mem: () => si.mem(),
    fsSize: () => si.fsSize(),
    time: async () => si.time(),
    battery: () => si.battery(),
    osInfo: () => si.osInfo(),
    system: () => si.system(),
    cpu: () => si.cpu(),
    blockDevices: () => si.blockDevices(),
    diskLayout: async () => {
      if (!SMART_PLATFORMS.has(platform)) throw new UnsupportedProbe('SMART');
      return si.diskLayout();
    },
  };
}

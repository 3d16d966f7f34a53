import type { HealthFigures } from '../../contract';
import type { HealthSnapshot } from './collect';

/** The raw figures for whoever wants them (the popup's details, the heartbeat). */
export function figuresOf(snapshot: HealthSnapshot): HealthFigures {
  return {
    cpuLoadPercent: 'value' in snapshot.cpu ? snapshot.cpu.value.loadPercent : null,
    memory: 'value' in snapshot.memory ? { ...snapshot.memory.value } : null,
    disks: 'value' in snapshot.disks ? snapshot.disks.value.map((d) => ({ ...d })) : [],
    uptimeSeconds: 'value' in snapshot.uptime ? snapshot.uptime.value.seconds : null,
    battery: 'value' in snapshot.battery && snapshot.battery.value ? { ...snapshot.battery.value } : null,
  };
}

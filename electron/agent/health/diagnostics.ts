import type { AgentState, DeviceInfo } from '../../contract';
import { checklistOf } from '../../contract/checklist';
import { historySummary, round1 } from '../../contract/history-summary';
import type { DiagnosticsPart, HeartbeatPart } from '../capability';
import type { Masker } from '../platform/mask';
import { maskDeep } from '../platform/mask';
import { cut, thin } from '../platform/trim';
import { healthSummary } from './rules';

const MAX_CHECKS = 64;
/** 60 points are enough for a chart of the day; the summary carries the figures of all of it. */
const HISTORY_POINTS = 60;

const round1OrNull = (n: number | null) => (n === null ? null : round1(n));

/** The health capability's part of each heartbeat: the summary and every line of the checklist (updates and the restart too). */
export function healthHeartbeat(state: Pick<AgentState, 'overall' | 'health'> & Partial<Pick<AgentState, 'updates'>>): HeartbeatPart {
  return { health: healthSummary(state), checks: checklistOf(state).slice(0, MAX_CHECKS) };
}

/**
 * The health capability's part of a ticket's diagnostics: the device (the hostname stays as it
 * is: it is how technicians find the PC), the summary with the 24 hours of history thinned and
 * summed up (`historySummary`), and the checks, with the user's name masked wherever it can
 * appear (a mount like /media/anna/STICK names the user).
 */
export function healthDiagnostics(input: {
  state: Pick<AgentState, 'overall' | 'health'> & Partial<Pick<AgentState, 'updates'>>;
  device: DeviceInfo;
  appVersion: string;
  mask: Masker;
}): DiagnosticsPart {
  const { device, mask, state } = input;
  return {
    device: {
      hostname: cut(device.hostname, 255),
      serialNumber: cut(device.serialNumber, 128),
      manufacturer: cut(device.manufacturer, 128),
      model: cut(device.model, 128),
      os: {
        platform: cut(device.os.platform, 64),
        distro: cut(device.os.distro, 128),
        release: cut(device.os.release, 64),
        build: cut(device.os.build, 128),
      },
      agentVersion: cut(input.appVersion, 64),
      cpu: cut(device.cpu, 255),
      memoryBytes: Math.max(0, device.memoryBytes),
    },
    health: {
      ...maskDeep(healthSummary(state), mask),
      history: thin(state.health.history, HISTORY_POINTS).map((p) => ({
        at: p.at,
        cpuLoadPercent: round1OrNull(p.cpuLoadPercent),
        memoryUsedPercent: round1OrNull(p.memoryUsedPercent),
        diskFreePercent: round1OrNull(p.diskFreePercent ?? null),
      })),
      historySummary: historySummary(state.health.history),
    },
    checks: checklistOf(state).slice(0, MAX_CHECKS).map((item) => ({
      ...item,
      id: cut(mask(item.id), 300),
      params: Object.fromEntries(Object.entries(item.params).map(([k, v]) => [k, typeof v === 'string' ? cut(mask(v), 300) : v])),
    })),
  };
}

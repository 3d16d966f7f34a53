import type { AgentState, HistoryPoint, SizeUnits, TypedStatusItem } from '../../contract';
import { exactGigabytes, gigabytes } from '../../contract/sizes';
import type { HeartbeatBody } from '../hallo-api/types';
import type { ProbeFailure } from '../platform/bounded';
import type { HealthSnapshot } from './collect';
import { SAMPLE_RESOLUTION_MS } from './history';

/** The policy's `health.thresholds`, every field filled in. */
export interface HealthThresholds {
  diskAttentionPercent: number;
  diskAttentionGb: number;
  diskProblemPercent: number;
  diskProblemGb: number;
  memoryAttentionPercent: number;
  memorySustainedMinutes: number;
  uptimeAttentionDays: number;
  batteryHealthAttentionPercent: number;
}

export const DEFAULT_THRESHOLDS: Readonly<HealthThresholds> = Object.freeze({
  diskAttentionPercent: 10,
  diskAttentionGb: 5,
  diskProblemPercent: 5,
  diskProblemGb: 2,
  memoryAttentionPercent: 90,
  memorySustainedMinutes: 10,
  uptimeAttentionDays: 14,
  batteryHealthAttentionPercent: 60,
});

/**
 * The policy's thresholds over the defaults; a missing or non-numeric field keeps its default.
 * `memorySustainedMinutes` is clamped to the hour the history keeps every sample of: the memory
 * rule walks back through the samples, and past that hour only 5-minute averages remain, which
 * can hide a dip. At most the whole hour it is.
 */
export function resolveThresholds(partial?: Partial<HealthThresholds> | null): HealthThresholds {
  const resolved = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(resolved) as (keyof HealthThresholds)[]) {
    const value = partial?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) resolved[key] = value;
  }
  resolved.memorySustainedMinutes = Math.min(resolved.memorySustainedMinutes, MAX_SUSTAINED_MINUTES);
  return resolved;
}

const MINUTE = 60_000;
const DAY = 86_400;
/** The longest run of memory pressure the history's samples can show. */
export const MAX_SUSTAINED_MINUTES = SAMPLE_RESOLUTION_MS / MINUTE;

const unknown = (id: string, check: TypedStatusItem['check'], reason: ProbeFailure): TypedStatusItem => ({
  id,
  check,
  severity: 'unknown',
  code: 'health.unknown',
  params: { reason },
});

/** The GB thresholds count in the same GB as the figures the employee sees (`units`). */
function diskItems(snapshot: HealthSnapshot, t: HealthThresholds, units: SizeUnits): TypedStatusItem[] {
  if ('error' in snapshot.disks) return [unknown('disk-space', 'disk-space', snapshot.disks.error)];
  return snapshot.disks.value.map((disk) => {
    const freePercent = (disk.freeBytes / disk.sizeBytes) * 100;
    const freeGb = exactGigabytes(disk.freeBytes, units);
    const below = (percent: number, gb: number) => freePercent < percent || freeGb < gb;
    const [severity, state] = below(t.diskProblemPercent, t.diskProblemGb)
      ? (['problem', 'critical'] as const)
      : below(t.diskAttentionPercent, t.diskAttentionGb)
        ? (['attention', 'low'] as const)
        : (['ok', 'ok'] as const);
    return {
      id: `disk-space:${disk.mount}`,
      check: 'disk-space',
      severity,
      code: `health.disk-space.${state}`,
      params: { mount: disk.mount, freeGb: gigabytes(disk.freeBytes, units), freePercent: Math.round(freePercent), sizeGb: gigabytes(disk.sizeBytes, units) },
    };
  });
}

/** Pressure counts only when it has lasted: walk back from now while every sample was at or over the mark. */
function memoryItem(snapshot: HealthSnapshot, t: HealthThresholds, history: readonly HistoryPoint[]): TypedStatusItem {
  if ('error' in snapshot.memory) return unknown('memory', 'memory', snapshot.memory.error);
  const usedPercent = (snapshot.memory.value.usedBytes / snapshot.memory.value.totalBytes) * 100;
  let since: number | null = usedPercent >= t.memoryAttentionPercent ? snapshot.at : null;
  for (let i = history.length - 1; i >= 0 && since !== null; i--) {
    const point = history[i]!;
    const at = Date.parse(point.at);
    if (!(at < snapshot.at)) continue; // the current sample itself, or a clock that went back
    if (point.memoryUsedPercent === null || point.memoryUsedPercent < t.memoryAttentionPercent) break;
    since = at;
  }
  const minutes = since === null ? 0 : Math.floor((snapshot.at - since) / MINUTE);
  const pressure = since !== null && snapshot.at - since >= t.memorySustainedMinutes * MINUTE;
  return {
    id: 'memory',
    check: 'memory',
    severity: pressure ? 'attention' : 'ok',
    code: pressure ? 'health.memory.pressure' : 'health.memory.ok',
    params: { usedPercent: Math.round(usedPercent), minutes },
  };
}

function uptimeItem(snapshot: HealthSnapshot, t: HealthThresholds): TypedStatusItem {
  if ('error' in snapshot.uptime) return unknown('uptime', 'uptime', snapshot.uptime.error);
  const seconds = snapshot.uptime.value.seconds;
  const days = Math.floor(seconds / DAY);
  if (seconds < t.uptimeAttentionDays * DAY) return { id: 'uptime', check: 'uptime', severity: 'ok', code: 'health.uptime.ok', params: { days } };
  // A policy may mark uptime as long within a day or two: then "0 days" or "1 days" would mislead.
  return days >= 2
    ? { id: 'uptime', check: 'uptime', severity: 'attention', code: 'health.uptime.long', params: { days } }
    : { id: 'uptime', check: 'uptime', severity: 'attention', code: 'health.uptime.long-hours', params: { hours: Math.floor(seconds / 3600) } };
}

function smartItems(snapshot: HealthSnapshot): TypedStatusItem[] {
  if ('error' in snapshot.smart) return [unknown('smart', 'smart', snapshot.smart.error)];
  return snapshot.smart.value.map((d) => ({
    id: `smart:${d.index}`,
    check: 'smart',
    severity: d.failing ? 'problem' : 'ok',
    code: d.failing ? 'health.smart.failing' : 'health.smart.ok',
    params: { disk: d.disk },
  }));
}

function batteryItems(snapshot: HealthSnapshot, t: HealthThresholds): TypedStatusItem[] {
  if ('error' in snapshot.battery) return [unknown('battery', 'battery', snapshot.battery.error)];
  const battery = snapshot.battery.value;
  if (!battery) return []; // a desktop: nothing to say
  const { healthPercent } = battery;
  if (healthPercent !== null && healthPercent < t.batteryHealthAttentionPercent) {
    return [{ id: 'battery', check: 'battery', severity: 'attention', code: 'health.battery.worn', params: { healthPercent } }];
  }
  return [{ id: 'battery', check: 'battery', severity: 'ok', code: 'health.battery.ok', params: healthPercent === null ? {} : { healthPercent } }];
}

/**
 * The snapshot judged against the thresholds. `memoryHistory` is the history so far (oldest first);
 * points at or after the snapshot's own time are ignored, so it may already contain this sample.
 * `units`: the PC's GB (`state.app.sizeUnits`), for the disk figures and the GB thresholds.
 */
export function evaluate(
  snapshot: HealthSnapshot,
  thresholds: HealthThresholds,
  memoryHistory: readonly HistoryPoint[],
  units: SizeUnits,
): TypedStatusItem[] {
  return [
    ...diskItems(snapshot, thresholds, units),
    memoryItem(snapshot, thresholds, memoryHistory),
    uptimeItem(snapshot, thresholds),
    ...smartItems(snapshot),
    ...batteryItems(snapshot, thresholds),
  ];
}

/** The heartbeat's `health`. */
export interface HealthSummary {
  overall: HeartbeatBody['health']['overall'];
  cpuLoadPercent: number | null;
  memoryUsedPercent: number | null;
  disks: { mount: string; sizeBytes: number; freeBytes: number }[];
  uptimeSeconds: number | null;
  battery: { percent: number; charging: boolean; healthPercent: number | null } | null;
}

export function healthSummary(state: Pick<AgentState, 'overall' | 'health'>): HealthSummary {
  const f = state.health.figures;
  return {
    // The API knows no `checking`: nothing measured yet is reported as worth a look, like no check running.
    overall: state.overall === 'checking' ? 'attention' : state.overall,
    cpuLoadPercent: f?.cpuLoadPercent == null ? null : Math.round(f.cpuLoadPercent),
    memoryUsedPercent: f?.memory ? Math.round((f.memory.usedBytes / f.memory.totalBytes) * 100) : null,
    disks: (f?.disks ?? []).map((d) => ({ mount: d.mount, sizeBytes: d.sizeBytes, freeBytes: d.freeBytes })),
    uptimeSeconds: f?.uptimeSeconds == null ? null : Math.round(f.uptimeSeconds),
    battery: f?.battery ? { ...f.battery, percent: Math.round(f.battery.percent) } : null,
  };
}

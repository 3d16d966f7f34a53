import type { AgentState, DeviceInfo } from '../../contract';
import { healthSummary } from '../health/rules';
import type { components } from '../hallo-api/openapi';
import { validateSchema } from '../hallo-api/validator';
import type { LogEntry } from '../log';
import { maskDeep, type Masker } from './mask';
import type { TopProcesses } from './processes';

export type Diagnostics = components['schemas']['Diagnostics'];

export interface DiagnosticsInput {
  state: Pick<AgentState, 'overall' | 'health'>;
  device: DeviceInfo;
  recent: readonly LogEntry[];
  /** null: left out by the employee, or the probe failed or was too slow. */
  processes: TopProcesses | null;
  appVersion: string;
  now: number;
  mask: Masker;
  /** The status item reported with "Meld dit". */
  relatedItemId: string | null;
}

const MAX_CHECKS = 64;
const MAX_ERRORS = 30; // the newest; older ones add bytes, rarely insight
const MSG_MAX = 500;
/** One point a minute is enough for a chart; a policy sampling every 5 s would send 720. */
const HISTORY_POINTS = 60;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** At most `max` points, evenly spread, always ending with the newest. */
function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[points.length - 1 - Math.floor((max - 1 - i) * step)]!);
}

/** A log line for a technician: its message and data, masked, without anything after MSG_MAX. */
function logLine(entry: LogEntry, mask: Masker) {
  const data = entry.data ? ` ${JSON.stringify(entry.data)}` : '';
  return {
    at: entry.at,
    level: entry.level as 'warn' | 'error',
    scope: cut(mask(entry.scope), 100),
    msg: cut(mask(entry.msg + data), MSG_MAX),
  };
}

/**
 * What a technician needs (the hostname stays as it is: it is how they find the PC) to start without calling back, and nothing else: no file contents,
 * no command lines, the user's name masked in every string. Checked against the API's schema
 * here, so that a ticket is never saved with a body the API would refuse.
 */
export function buildDiagnostics(input: DiagnosticsInput): Diagnostics {
  const { device, mask } = input;
  const diagnostics: Diagnostics = {
    collectedAt: new Date(input.now).toISOString(),
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
      ...maskDeep(healthSummary(input.state), mask), // a mount like /media/anna/STICK names the user
      history: thin(input.state.health.history, HISTORY_POINTS).map((p) => ({
        at: p.at,
        cpuLoadPercent: round1(p.cpuLoadPercent),
        memoryUsedPercent: round1(p.memoryUsedPercent),
      })),
    },
    checks: input.state.health.items.slice(0, MAX_CHECKS).map((item) => ({
      ...item,
      id: cut(mask(item.id), 300),
      params: Object.fromEntries(Object.entries(item.params).map(([k, v]) => [k, typeof v === 'string' ? cut(mask(v), 300) : v])),
    })),
    updates: { pendingCount: null, rebootRequired: null, lastCheckedAt: null },
    recentErrors: input.recent.filter((e) => e.level === 'warn' || e.level === 'error').slice(-MAX_ERRORS).map((e) => logLine(e, input.mask)),
    processes: input.processes,
    appVersion: cut(input.appVersion, 64),
    relatedItemId: input.relatedItemId === null ? null : cut(mask(input.relatedItemId), 300),
  };
  return withinBudget(diagnostics);
}

/**
 * The diagnostics' share of the 64 KB a ticket without screenshot may take (the rest is the
 * description, up to 20 000 characters in the API but the policy's 2000 in practice, and contact).
 */
export const DIAGNOSTICS_BUDGET_BYTES = 52 * 1024;

/** Over budget (only with unusual PCs: dozens of disks, long error storms), the least useful goes first. */
export function withinBudget(diagnostics: Diagnostics, budget = DIAGNOSTICS_BUDGET_BYTES): Diagnostics {
  const steps: ((d: Diagnostics) => Diagnostics)[] = [
    (d) => ({ ...d, recentErrors: d.recentErrors.slice(-10) }),
    (d) => ({ ...d, health: { ...d.health, history: thin(d.health.history, 20) } }),
    (d) => ({ ...d, processes: d.processes && { byCpu: d.processes.byCpu.slice(0, 5), byMemory: d.processes.byMemory.slice(0, 5) } }),
    (d) => ({ ...d, checks: d.checks.filter((c) => c.severity !== 'ok').slice(0, 16) }),
    (d) => ({ ...d, recentErrors: [], health: { ...d.health, history: [] } }),
  ];
  let out = diagnostics;
  for (const step of steps) {
    if (Buffer.byteLength(JSON.stringify(out)) <= budget) break;
    out = step(out);
  }
  return out;
}

export type DiagnosticsCheck = { ok: true; value: Diagnostics } | { ok: false; errors: string };

export function checkDiagnostics(value: Diagnostics): DiagnosticsCheck {
  const result = validateSchema<Diagnostics>('Diagnostics', value);
  return result.ok ? { ok: true, value: result.value } : { ok: false, errors: result.errors };
}

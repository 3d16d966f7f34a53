import type { DiagnosticsPart } from '../capability';
import { cut, thin } from '../platform/trim';
import type { components } from '../hallo-api/openapi';
import { validateSchema } from '../hallo-api/validator';
import type { LogEntry } from '../log';
import type { Masker } from '../platform/mask';
import type { TopProcesses } from './processes';

export type Diagnostics = components['schemas']['Diagnostics'];

export interface DiagnosticsInput {
  /** What each capability adds (device, health, checks, updates, remote), already masked. */
  parts: DiagnosticsPart;
  recent: readonly LogEntry[];
  /** null: left out by the employee, or the probe failed or was too slow. */
  processes: TopProcesses | null;
  appVersion: string;
  now: number;
  mask: Masker;
  /** The status item reported with "Meld dit". */
  relatedItemId: string | null;
}

const MAX_ERRORS = 30; // the newest; older ones add bytes, rarely insight
const MSG_MAX = 500;
/** Until the updates capability says more: nothing known. */
const UPDATES_UNKNOWN: Diagnostics['updates'] = { pendingCount: null, rebootRequired: null, lastCheckedAt: null };

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
 * What a technician needs to start without calling back, and nothing else: the capabilities'
 * parts, the recent warnings and errors, the top processes; no file contents, no command lines,
 * the user's name masked in every string. The caller checks it against the API's schema, so that
 * a ticket is never saved with a body the API would refuse (a part that is missing fails there).
 */
export function buildDiagnostics(input: DiagnosticsInput): Diagnostics {
  const { parts } = input;
  const diagnostics = {
    collectedAt: new Date(input.now).toISOString(),
    device: parts.device,
    health: parts.health,
    checks: parts.checks ?? [],
    updates: parts.updates ?? UPDATES_UNKNOWN,
    recentErrors: input.recent.filter((e) => e.level === 'warn' || e.level === 'error').slice(-MAX_ERRORS).map((e) => logLine(e, input.mask)),
    processes: input.processes,
    appVersion: cut(input.appVersion, 64),
    relatedItemId: input.relatedItemId === null ? null : cut(input.mask(input.relatedItemId), 300),
    ...(parts.remote ? { remote: parts.remote } : {}),
  } as Diagnostics;
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

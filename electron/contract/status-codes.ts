// Kept free of zod: the renderer reads the table too.

/**
 * The status codes the agent emits and the parameters each one carries: the one table. The rules
 * (electron/agent/health/rules.ts) can only build items that are in it (`TypedStatusItem`), and a
 * test holds the catalogs to it: every code has a text and an advice in nl and en that use only
 * its params, and every status sentence in the catalogs has a code here.
 *
 * Param kinds: `text`, `number` (localised by the renderer), `reason` (an UnknownReason); a
 * trailing `?` marks a param that may be missing.
 */

export const CHECK_IDS = ['disk-space', 'memory', 'uptime', 'smart', 'battery', 'updates', 'restart'] as const;

/** Why a check could not be done: its probe hung, failed, or the platform has no way to do it. */
export const UNKNOWN_REASONS = ['timeout', 'error', 'unsupported'] as const;
export type UnknownReason = (typeof UNKNOWN_REASONS)[number];

type Kind = 'text' | 'number' | 'reason' | 'number?';
type Entry = { check: (typeof CHECK_IDS)[number] | null; params: Readonly<Record<string, Kind>> };

// The disk figures are GB as the PC's own file manager counts them (contract/sizes.ts).
const DISK = { mount: 'text', freeGb: 'number', freePercent: 'number', sizeGb: 'number' } as const;
const MEMORY = { usedPercent: 'number', minutes: 'number' } as const;

export const STATUS_CODES = {
  'health.disk-space.ok': { check: 'disk-space', params: DISK },
  'health.disk-space.low': { check: 'disk-space', params: DISK },
  'health.disk-space.critical': { check: 'disk-space', params: DISK },
  'health.memory.ok': { check: 'memory', params: MEMORY },
  'health.memory.pressure': { check: 'memory', params: MEMORY },
  'health.uptime.ok': { check: 'uptime', params: { days: 'number' } },
  'health.uptime.long': { check: 'uptime', params: { days: 'number' } },
  /** Long by a policy's short mark, under two days: said in hours, never "0 days". */
  'health.uptime.long-hours': { check: 'uptime', params: { hours: 'number' } },
  'health.smart.ok': { check: 'smart', params: { disk: 'text' } },
  'health.smart.failing': { check: 'smart', params: { disk: 'text' } },
  // Not every battery reports its health: without it the battery cannot be called worn.
  'health.battery.ok': { check: 'battery', params: { healthPercent: 'number?' } },
  'health.battery.worn': { check: 'battery', params: { healthPercent: 'number' } },
  // The updates provider (electron/agent/updates/status.ts): what is pending, and whether the PC
  // must restart now. `security` counts the security updates among `count`.
  'health.updates.none': { check: 'updates', params: {} },
  'health.updates.pending': { check: 'updates', params: { count: 'number' } },
  'health.updates.security': { check: 'updates', params: { count: 'number', security: 'number' } },
  'health.restart.none': { check: 'restart', params: {} },
  // Only soft reasons (a file rename at boot): said, but no reason to restart now.
  'health.restart.soft': { check: 'restart', params: {} },
  'health.restart.required': { check: 'restart', params: {} },
  // Any check whose probe failed; its sentence is `health.unknown.<check>.<reason>`.
  'health.unknown': { check: null, params: { reason: 'reason' } },
} as const satisfies Record<string, Entry>;

export type StatusCode = keyof typeof STATUS_CODES;

type Value<K> = K extends 'text' ? string : K extends 'reason' ? UnknownReason : number;
type ParamsOf<P> = { [N in keyof P as P[N] extends `${string}?` ? never : N]: Value<P[N]> } & {
  [N in keyof P as P[N] extends `${string}?` ? N : never]?: Value<P[N]>;
};
export type StatusParams<C extends StatusCode> = ParamsOf<(typeof STATUS_CODES)[C]['params']>;

/** A status item as the agent builds it: its code is in the table and its params are that code's. */
export type TypedStatusItem = {
  [C in StatusCode]: {
    id: string;
    check: (typeof CHECK_IDS)[number];
    severity: 'ok' | 'attention' | 'problem' | 'unknown';
    code: C;
    params: StatusParams<C>;
  };
}[StatusCode];

export function isStatusCode(code: string): code is StatusCode {
  return Object.hasOwn(STATUS_CODES, code);
}

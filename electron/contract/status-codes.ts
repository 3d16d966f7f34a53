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

export const CHECK_IDS = [
  'disk-space',
  'memory',
  'uptime',
  'smart',
  'battery',
  'updates',
  'restart',
  // The protection and upkeep checks (electron/agent/checks/): checked on their own interval.
  'antivirus',
  'firewall',
  'encryption',
  'time',
  'office',
  'temp-files',
] as const;

/**
 * Why a check could not be done: its probe hung (`timeout`), failed (`error`), the platform has no
 * way to do it (`unsupported`), it needs rights the user does not have (`denied`), the tool it needs
 * is missing or blocked by policy (`blocked`: PowerShell disabled, a tool not installed), or it
 * answered in a way the agent cannot read (`unreadable`: a translation never seen, garbage).
 */
export const UNKNOWN_REASONS = ['timeout', 'error', 'unsupported', 'denied', 'blocked', 'unreadable'] as const;
export type UnknownReason = (typeof UNKNOWN_REASONS)[number];

type Kind = 'text' | 'number' | 'reason' | 'number?' | 'text?';
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
  // The protection checks (electron/agent/checks/rules.ts decides each severity from the policy).
  // Antivirus: one item per product the OS knows (id `antivirus:<product>`), or one for the PC.
  // `product` is the product's own name as the OS reports it (not translated).
  'health.antivirus.ok': { check: 'antivirus', params: { product: 'text' } },
  'health.antivirus.off': { check: 'antivirus', params: { product: 'text' } },
  'health.antivirus.snoozed': { check: 'antivirus', params: { product: 'text' } },
  'health.antivirus.expired': { check: 'antivirus', params: { product: 'text' } },
  /** Signatures older than the policy allows (`days` when the product says how old). */
  'health.antivirus.outdated': { check: 'antivirus', params: { product: 'text', days: 'number?' } },
  /** The last scan is older than the policy allows. */
  'health.antivirus.scan-old': { check: 'antivirus', params: { product: 'text', days: 'number' } },
  /** Windows workstation, and Security Center lists no antivirus at all. */
  'health.antivirus.none': { check: 'antivirus', params: {} },
  /** macOS and Linux without a scanner: nothing is expected there (severity ok, never a problem). */
  'health.antivirus.not-applicable': { check: 'antivirus', params: {} },
  // Firewall: one item when every profile is on; else one per profile that is off (id `firewall:<profile>`).
  'health.firewall.ok': { check: 'firewall', params: {} },
  'health.firewall.off': { check: 'firewall', params: {} },
  'health.firewall.off-domain': { check: 'firewall', params: {} },
  'health.firewall.off-private': { check: 'firewall', params: {} },
  'health.firewall.off-public': { check: 'firewall', params: {} },
  /** Linux: neither ufw, firewalld nor an nftables ruleset. */
  'health.firewall.none': { check: 'firewall', params: {} },
  // Disk encryption of the system drive (`volume`: C:, /, the LUKS device).
  'health.encryption.on': { check: 'encryption', params: { volume: 'text' } },
  'health.encryption.off': { check: 'encryption', params: { volume: 'text' } },
  /** BitLocker's protection suspended (encrypted, but the key is in the clear until it resumes). */
  'health.encryption.suspended': { check: 'encryption', params: { volume: 'text' } },
  'health.encryption.encrypting': { check: 'encryption', params: { volume: 'text', percent: 'number?' } },
  'health.encryption.decrypting': { check: 'encryption', params: { volume: 'text', percent: 'number?' } },
  // Time: `source` as the OS names it (an NTP server, the domain); `minutes` the measured offset.
  'health.time.ok': { check: 'time', params: { source: 'text?' } },
  /** Never synchronised, or the source is the local clock. */
  'health.time.not-synced': { check: 'time', params: {} },
  /** The last successful sync is older than the policy allows. */
  'health.time.stale': { check: 'time', params: { days: 'number' } },
  /** More off than the policy allows (5 minutes: sign-in breaks). */
  'health.time.off': { check: 'time', params: { minutes: 'number' } },
  // Microsoft 365 (Click-to-Run): only where it is installed. `channel` is the channel's English name.
  'health.office.ok': { check: 'office', params: { version: 'text', channel: 'text' } },
  'health.office.old': { check: 'office', params: { version: 'text', channel: 'text', minimum: 'text' } },
  // Temporary files: the user's and the OS's temp folders together.
  'health.temp-files.ok': { check: 'temp-files', params: { sizeGb: 'number' } },
  'health.temp-files.large': { check: 'temp-files', params: { sizeGb: 'number' } },
  // Any check whose probe failed; its sentence is `health.unknown.<check>.<reason>`.
  'health.unknown': { check: null, params: { reason: 'reason' } },
} as const satisfies Record<string, Entry>;

export type StatusCode = keyof typeof STATUS_CODES;

type Value<K> = K extends 'text' | 'text?' ? string : K extends 'reason' ? UnknownReason : number;
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

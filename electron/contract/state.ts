import { z } from 'zod';
import { errorInfo } from './error-info';
import { CONNECTION_ERROR_CODES } from './errors';
import { SIZE_UNITS } from './sizes';
import { StatusItem } from './status-item';
import { TicketsState, UrgentAdvice } from './tickets';
import { UpdatesState } from './updates-state';
import { RemoteState } from './remote-state';
import { ChecksState } from './checks-state';
import { MaintenanceState } from './maintenance-state';
import { SelfUpdateState } from './self-update-state';
import { BrandingState } from './branding-state';

// The agent's state, one slice per capability. The agent owns it; the UI holds a mirror fed by
// pushed slices. Everything here is codes and parameters: sentences live in the message catalog.

export { Severity } from './status-item';

/**
 * The one word for the whole PC: drives the tray icon, the tooltip and the popup's headline.
 * `checking`: nothing measured yet (before the first sample), so nothing to claim either way.
 */
export const Overall = z.enum(['checking', 'ok', 'attention', 'problem', 'offline']);
export type Overall = z.infer<typeof Overall>;

/**
 * What the tray's tooltip and the popup's headline say (`headline.<code>` in the catalog): the
 * overall word, or why it is that word where the word alone would mislead: offline because the PC
 * is `not-enrolled` or must `reenroll` (an admin must act), attention because no check could run
 * (`unchecked`), or because the PC must `restart` after updates.
 */
export const Headline = z.enum([...Overall.options, 'unchecked', 'reenroll', 'not-enrolled', 'restart']);
export type Headline = z.infer<typeof Headline>;

export { CheckId, StatusItem } from './status-item';

export const DiskFigure = z.object({
  mount: z.string(),
  label: z.string().optional(),
  sizeBytes: z.number(),
  freeBytes: z.number(),
});

export const HealthFigures = z.object({
  cpuLoadPercent: z.number().nullable(),
  memory: z.object({ usedBytes: z.number(), totalBytes: z.number() }).nullable(),
  disks: z.array(DiskFigure),
  uptimeSeconds: z.number().nullable(),
  battery: z
    .object({ percent: z.number(), charging: z.boolean(), healthPercent: z.number().nullable() })
    .nullable(),
});
export type HealthFigures = z.infer<typeof HealthFigures>;

/**
 * One point of the health history: a sample in the last hour; older points are averages over 5
 * minutes (health/history.ts). `diskFreePercent`: the system disk's free space.
 */
export const HistoryPoint = z.object({
  at: z.string(),
  cpuLoadPercent: z.number().nullable(),
  memoryUsedPercent: z.number().nullable(),
  diskFreePercent: z.number().nullable().optional(),
});
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const HealthState = z.object({
  collectedAt: z.string().nullable(), // RFC 3339; null before the first snapshot
  items: z.array(StatusItem),
  figures: HealthFigures.nullable(),
  history: z.array(HistoryPoint), // the last 24 hours, oldest first, kept on disk across restarts
});
export type HealthState = z.infer<typeof HealthState>;

export const DeviceInfo = z.object({
  hostname: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  os: z.object({ platform: z.string(), distro: z.string(), release: z.string(), build: z.string(), arch: z.string() }),
  cpu: z.string(),
  memoryBytes: z.number(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/**
 * Where the agent stands with the hallo, API.
 * - `starting`: nothing tried yet; `online`: last call answered;
 * - `offline`: the API could not be reached or failed (lastError says how), retrying at nextAttemptAt;
 * - `not-enrolled`: no device token and no enrolment code: an admin must enrol the PC;
 * - `reenroll`: the API answered 401: the token is no longer valid, an admin must enrol again.
 */
export const ConnectionStatus = z.enum(['starting', 'online', 'offline', 'not-enrolled', 'reenroll']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const ConnectionState = z.object({
  status: ConnectionStatus,
  demo: z.boolean(), // talking to the bundled reference API (development only): the UI shows a badge
  apiUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
  tenantName: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastError: errorInfo(z.enum(CONNECTION_ERROR_CODES)).nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const OpeningHours = z.object({
  days: z.array(z.number().int().min(1).max(7)), // ISO weekday, 1 = Monday
  from: z.string(), // HH:mm, in timeZone
  to: z.string(),
});

/** The servicedesk as the policy describes it, with "open now" worked out by the agent. */
export const SupportState = z.object({
  phone: z.string(),
  email: z.string(),
  portalUrl: z.string().nullable(),
  emergencyPhone: z.string().nullable(),
  slaTier: z.enum(['standaard', 'uitgebreid', '24x7']),
  hours: z.array(OpeningHours),
  timeZone: z.string(),
  openNow: z.boolean(),
  nextChangeAt: z.string().nullable(), // when openNow flips next (RFC 3339), null for 24x7
  /** What the form tells someone who cannot wait, for each impact (support/advice.ts). */
  urgentAdvice: z.object({ 'can-work': UrgentAdvice, 'cannot-work': UrgentAdvice, 'several-cannot-work': UrgentAdvice }),
});
export type SupportState = z.infer<typeof SupportState>;

/** A problem in a managed configuration file, for the admin details. The agent keeps running. */
export const ConfigProblem = z.object({
  file: z.string(),
  field: z.string(), // dotted path, '' for the whole file
  code: z.enum(['unreadable', 'invalid-json', 'invalid-value']),
  detail: z.string(), // technical, for admins
});
export type ConfigProblem = z.infer<typeof ConfigProblem>;

export const ConfigState = z.object({
  files: z.array(z.string()), // the files that were read, in order of precedence
  problems: z.array(ConfigProblem),
  policySource: z.enum(['api', 'cache', 'defaults']),
  policyEtag: z.string().nullable(),
});
export type ConfigState = z.infer<typeof ConfigState>;

export const LanguagePreference = z.enum(['system', 'nl', 'en']);
export type LanguagePreference = z.infer<typeof LanguagePreference>;
export const Language = z.enum(['nl', 'en']);
export type Language = z.infer<typeof Language>;

export const SettingsState = z.object({
  languagePreference: LanguagePreference,
  language: Language, // resolved: the preference, or the OS language when it is nl or en, else nl
  reportShortcut: z.string(), // Electron accelerator for "report a problem": managed config, else Ctrl+Alt+H
  remoteEndShortcut: z.string(), // ends a running remote-support session (only then registered): managed config, else Ctrl+Alt+E
});
export type SettingsState = z.infer<typeof SettingsState>;

/**
 * `sizeUnits`: how every view counts a GB on this PC, decided by the agent from the platform (see sizes.ts).
 * `secretStorage`: how the device token is kept: sealed by the OS, or only a 0600 file (no keyring): for admins.
 */
export const AppInfo = z.object({ version: z.string(), platform: z.string(), sizeUnits: z.enum(SIZE_UNITS), secretStorage: z.enum(['encrypted', 'file']) });
export type AppInfo = z.infer<typeof AppInfo>;

export const AgentState = z.object({
  overall: Overall,
  headline: Headline,
  app: AppInfo,
  device: DeviceInfo.nullable(),
  health: HealthState,
  connection: ConnectionState,
  support: SupportState,
  config: ConfigState,
  settings: SettingsState,
  tickets: TicketsState,
  updates: UpdatesState,
  remote: RemoteState,
  checks: ChecksState,
  maintenance: MaintenanceState,
  selfUpdate: SelfUpdateState,
  branding: BrandingState,
});
export type AgentState = z.infer<typeof AgentState>;
export type SliceName = keyof AgentState;

import { z } from 'zod';
import { UNKNOWN_REASONS } from './status-codes';
import { StatusItem } from './status-item';

// The checks capability's slice (electron/agent/checks/): the PC's protection and upkeep, checked
// on their own interval (policy.checks.intervalMinutes, 15 by default), never with every health
// sample. Codes and facts only: the popup says them in words (`health.<check>.<state>`).

const Iso = z.string().max(40);

/**
 * The probes behind the checks, one name per source of facts. On Windows they are the parts of one
 * PowerShell script (checks/windows-script.ts); elsewhere each is one tool or file. The same names
 * are `npm run probe -- parse` kinds where a probe reads a tool's text (see electron/probe/kinds.ts).
 */
export const PROBE_NAMES = [
  // Windows (parts of the one script)
  'securitycenter-av',
  'mp-computer-status',
  'firewall-profile',
  'bitlocker',
  'w32tm-status',
  'c2r-config',
  // macOS
  'xprotect',
  'socketfilterfw',
  'fdesetup',
  // Linux
  'clamav',
  'ufw-status',
  'firewalld',
  'nftables',
  'luks',
  'timedatectl',
  // Every OS
  'temp-size',
] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

/**
 * One probe's last run, for admins (the admin view's "Ruwe uitkomsten"): when it ran, how long it
 * took, whether it was read, and what it printed (cut to 4000 characters, the user's name masked).
 */
export const ProbeRun = z.object({
  probe: z.enum(PROBE_NAMES),
  ranAt: Iso,
  durationMs: z.number(),
  /** Read: the checks built from it are known; else `reason` says why not. */
  read: z.boolean(),
  reason: z.enum(UNKNOWN_REASONS).nullable(),
  /** For admins: the tool's own words on failure (exit code, first error line), else null. */
  detail: z.string().nullable(),
  /** What the probe printed (or the Windows script's part as JSON). */
  raw: z.string(),
});
export type ProbeRun = z.infer<typeof ProbeRun>;

/** What "Tijdelijke bestanden opruimen" did: freed bytes, files removed, and files left (in use, too new, not ours). */
export const CleanupResult = z.object({
  at: Iso,
  freedBytes: z.number(),
  removed: z.number(),
  /** In use, or could not be removed: left alone. */
  skipped: z.number(),
});
export type CleanupResult = z.infer<typeof CleanupResult>;

/**
 * Facts the maintenance timeline records as upkeep the PC did (maintenance capability): the last
 * successful time sync and the last antivirus scan as the OS reports them; null when unknown.
 */
export const ChecksFacts = z.object({
  lastTimeSyncAt: Iso.nullable(),
  lastScan: z.object({ at: Iso, kind: z.enum(['quick', 'full']), product: z.string() }).nullable(),
});
export type ChecksFacts = z.infer<typeof ChecksFacts>;

export const ChecksState = z.object({
  /** A check is running now. */
  checking: z.boolean(),
  lastCheckedAt: Iso.nullable(),
  /** The checklist's lines: antivirus, firewall, encryption, time, office, temp-files (those the policy turns on). */
  items: z.array(StatusItem),
  /** The probes' last runs (admin view). */
  probes: z.array(ProbeRun),
  facts: ChecksFacts,
  /**
   * "Tijdelijke bestanden opruimen": `itemIds` are the checklist lines that offer it now (the
   * temp-files line when it needs attention, the system disk's line when space is low); the UI
   * shows the button on exactly those. `running` while it works; `last` what it did last.
   */
  cleanup: z.object({ itemIds: z.array(z.string()), running: z.boolean(), last: CleanupResult.nullable() }),
});
export type ChecksState = z.infer<typeof ChecksState>;

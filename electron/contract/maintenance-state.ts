import { z } from 'zod';

// The maintenance capability's slice (electron/agent/maintenance/): "Onderhoud", the upkeep done
// on this PC in the last 30 days, from the agent's own observations and from hallo, (GET
// /maintenance, cached for offline). The popup says each entry in words (`maintenance.kind.<kind>`).

const Iso = z.string().max(40);

/**
 * What was done. `other`: a kind hallo, names that this version does not know (its `note` says it).
 * - updates-installed: `count` updates (Windows history; hallo,'s patch runs), `failed` of them failed
 * - temp-files-removed: `freedBytes`, `removed` files (the employee's cleanup, or hallo,'s)
 * - time-synchronised: the clock was set by its time source
 * - disk-checked: a disk check ran (hallo,)
 * - admin-password-changed: the local admin password was changed (hallo,; never the password itself)
 * - antivirus-scan: `scan` quick | full, `product`
 */
export const MAINTENANCE_KINDS = [
  'updates-installed',
  'temp-files-removed',
  'time-synchronised',
  'disk-checked',
  'admin-password-changed',
  'antivirus-scan',
  'other',
] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

export const MaintenanceEntry = z.object({
  /** Stable: hallo,'s id, or the agent's `<kind>:<at>` for its own observations. */
  id: z.string().max(100),
  at: Iso,
  kind: z.enum(MAINTENANCE_KINDS),
  /** Who did it or saw it: hallo, (from the API) or this PC (the agent's own observation). */
  source: z.enum(['agent', 'hallo']),
  /** Fills the sentence: count, failed, freedBytes, removed, scan, product. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** hallo,'s own words for the entry (plain text), or null. */
  note: z.string().max(500).nullable(),
});
export type MaintenanceEntry = z.infer<typeof MaintenanceEntry>;

export const MaintenanceState = z.object({
  /** The last 30 days, newest first, at most 200. */
  entries: z.array(MaintenanceEntry),
  /** When hallo,'s list was last fetched (also from the cache); null: never. */
  fetchedAt: Iso.nullable(),
  /** hallo,'s part could not be fetched just now: what is shown is the cached list (or only this PC's). */
  stale: z.boolean(),
});
export type MaintenanceState = z.infer<typeof MaintenanceState>;

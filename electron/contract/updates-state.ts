import { z } from 'zod';
import { StatusItem } from './status-item';
import { RESTART_REASONS, UPDATE_CLASSES, UPDATES_PROBLEMS } from './updates';

// The updates capability's slice: what is pending and what was installed, and where the restart
// stands. Codes and times only: the popup's Updates section, the restart window, the tray and the
// notifications say it in words (`updates.*`, `restart.*`, `notice.*` in the catalogs).

const UpdateClassSchema = z.enum(UPDATE_CLASSES);
const Iso = z.string().max(40);

/** One update not installed yet; titles and KB numbers are shown on expand. */
export const PendingUpdateView = z.object({
  title: z.string(),
  classification: UpdateClassSchema,
  kb: z.array(z.string()),
  /** MSRC severity as Windows gives it; null elsewhere. */
  severity: z.string().nullable(),
});

export const InstalledUpdateView = z.object({
  title: z.string(),
  kb: z.array(z.string()),
  installedAt: Iso,
  result: z.enum(['succeeded', 'succeeded-with-errors', 'failed', 'aborted', 'in-progress', 'unknown']),
});

/**
 * Why a part of the check gave no answer (`updates.problem.<code>` for admins, `tool` and `detail`
 * fill it); `keptFrom` is when the values still shown were last read, null when none are.
 */
export const UpdatesProblemView = z.object({
  code: z.enum(UPDATES_PROBLEMS),
  tool: z.string(),
  detail: z.string(),
  keptFrom: Iso.nullable(),
});

/** A way to put the restart off: `at` is the exact time it moves to (send it back to updates.defer). */
export const DeferChoice = z.object({ kind: z.enum(['in', 'pick']), at: Iso, minutes: z.number().nullable() });

/**
 * The planner's step now, for the restart window and the tray:
 * - `prompt`: ask; offer `options` (none left: only "restart now"), `plugIn` asks for mains power first;
 * - `wait`: nothing to show until `until` (null: until the situation changes), because of `why`
 *   (`snoozed` by a deferral or "later", `quiet-hours`, the user is `busy`, a `remote-session`,
 *   `away-wait` after the deadline for the user to walk away, `refused`: the OS said no, asked again later);
 * - `countdown`: the final countdown, always on top, ending at `endsAt`;
 * - `restarting`: the OS agreed; the PC restarts now.
 */
export const RestartStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('prompt'), options: z.array(DeferChoice), plugIn: z.boolean() }),
  z.object({ kind: z.literal('wait'), why: z.enum(['snoozed', 'quiet-hours', 'busy', 'remote-session', 'away-wait', 'refused']), until: Iso.nullable() }),
  z.object({ kind: z.literal('countdown'), endsAt: Iso, plugIn: z.boolean() }),
  z.object({ kind: z.literal('restarting') }),
]);
export type RestartStep = z.infer<typeof RestartStep>;

export const RestartReasonView = z.object({ code: z.enum(RESTART_REASONS), soft: z.boolean() });

/**
 * Problems with a restart the employee or an admin should hear of: `memory-damaged` (the planner's
 * file could not be read: it started over), `request-refused` (hallo,'s request was refused:
 * `detail` says why, for admins), `os-refused` (the OS would not restart: `detail` is what it said).
 */
export const RestartProblem = z.object({ code: z.enum(['memory-damaged', 'request-refused', 'os-refused']), detail: z.string(), at: Iso });

export const RestartView = z.object({
  /** A hard local reason or hallo,'s request: the planner runs. Soft reasons alone never set it. */
  needed: z.boolean(),
  /** Every reason found on this PC now, soft ones included (said, but never alone a prompt). */
  reasons: z.array(RestartReasonView),
  source: z.enum(['local', 'hallo']).nullable(),
  /** hallo,'s own words for its request, shown as plain text; null for a local need. */
  halloReason: z.string().nullable(),
  requestId: z.string().nullable(),
  deadline: Iso.nullable(),
  deferralsUsed: z.number().int(),
  deferralsLeft: z.number().int(),
  step: RestartStep.nullable(),
  problem: RestartProblem.nullable(),
});

export const UpdatesState = z.object({
  /** A check is running now (in the background). */
  checking: z.boolean(),
  /** When the last check finished (RFC 3339); null before the first. */
  lastCheckedAt: Iso.nullable(),
  /** Pending by class, with the updates one by one; null while unknown (see pendingProblem). */
  pending: z
    .object({
      total: z.number().int(),
      /** null where the tool cannot tell security from the rest (dnf check-update). */
      security: z.number().int().nullable(),
      byClass: z.record(UpdateClassSchema, z.number().int()),
      updates: z.array(PendingUpdateView),
    })
    .nullable(),
  /** Why the pending list is unknown (or stale); null when the last check read it. */
  pendingProblem: UpdatesProblemView.nullable(),
  /** Installed in the last 30 days ("wat hallo, heeft bijgewerkt"); null where the OS keeps no history. */
  installed: z.array(InstalledUpdateView).nullable(),
  restart: RestartView,
  /**
   * The last restart cleared what it was for: the employee is told once that the PC is up to date
   * (a notice, and this flag until `updates.acknowledge`).
   */
  upToDate: z.boolean(),
  /**
   * The checklist's lines for updates and the restart (`health.updates.*`, `health.restart.*`, or
   * `health.unknown`): beside state.health.items in the popup, the heartbeat and a ticket's
   * diagnostics (contract/checklist.ts); the restart's `attention` raises the PC's overall word.
   */
  items: z.array(StatusItem),
  /** What became of the last restart, as reported to hallo,. */
  lastOutcome: z.object({ outcome: z.enum(['performed', 'refused', 'failed']), at: Iso }).nullable(),
});
export type UpdatesState = z.infer<typeof UpdatesState>;

import { z } from 'zod';

// What the admin takes away from this PC: the diagnostics zip ("Diagnose exporteren") and the
// health report ("Rapport maken"). The agent makes the bytes; where they go is the shell's (a
// save dialog in the app) or the preview's (a download). One outcome shape for both.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export const LogLine = z.object({
  at: z.string(),
  level: z.enum(LOG_LEVELS),
  scope: z.string(),
  msg: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type LogLine = z.infer<typeof LogLine>;

/** One file in the diagnostics zip, listed before the admin saves it. */
export const ExportEntry = z.object({
  /** Its path inside the zip, e.g. `logs/agent.log`. */
  name: z.string().max(200),
  bytes: z.number().int().min(0),
  /** What it is, for the list: picks the sentence `admin.export.kind.<kind>`. */
  kind: z.enum(['log', 'state', 'config', 'policy', 'probes', 'outbox', 'history', 'readme']),
});
export type ExportEntry = z.infer<typeof ExportEntry>;

/**
 * - saved: written where the admin chose (`path`)
 * - download: the preview offers it at `url` (the page starts the download)
 * - cancelled: the admin closed the save dialog; nothing written
 * A full disk fails the action with `disk-full` (nothing half-written is left).
 */
export const SaveOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string(), bytes: z.number().int() }).strict(),
  z.object({ outcome: z.literal('download'), url: z.string(), name: z.string(), bytes: z.number().int() }).strict(),
  z.object({ outcome: z.literal('cancelled') }).strict(),
]);
export type SaveOutcome = z.infer<typeof SaveOutcome>;

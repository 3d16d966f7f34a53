import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';
import type { RestartOutcome } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import type { PlannerMemory } from './restart-planner';

// What the restart keeps on disk, so that restarting the app (or the PC) resets nothing: the
// planner's memory, the restart under way, the outcomes not yet acknowledged by hallo, (each with
// its Idempotency-Key), whether the employee still has to hear "up to date". One small file,
// written atomically (files.ts, as the outbox does) and read as our own file, once, at start.

export const RESTART_FILE = join('updates', 'restart.json');
const MAX_BYTES = 256 * 1024;
/** Requests already done, so that one the event stream replays after a reconnect starts nothing. */
const MAX_DONE = 20;
const MAX_OUTBOX = 20;

const Ms = z.number().finite();
const Memory = z.object({
  need: z.object({
    source: z.enum(['local', 'hallo']),
    requestId: z.string().max(64).nullable(),
    reasons: z.array(z.string().max(40)).max(20),
    deadline: Ms.nullable(),
  }),
  firstSeenAt: Ms,
  deadline: Ms,
  deferralsUsed: z.number().int().min(0),
  snoozedUntil: Ms.nullable(),
  lastSeenAt: Ms,
  busySince: Ms.nullable(),
  countdownEndsAt: Ms.nullable(),
  promptedAt: Ms.nullable().optional(),
}) satisfies z.ZodType<PlannerMemory>;

export const RestartBy = z.enum(['user', 'deadline', 'away', 'nobody-logged-on']);
export type RestartBy = z.infer<typeof RestartBy>;

const Outcome = z.custom<RestartOutcome>((value) => validateSchema('RestartOutcome', value).ok);

const FileSchema = z.object({
  version: z.literal(1),
  memory: Memory.nullable(),
  halloReason: z.string().max(500).nullable(),
  /** Written before the OS is asked: at the next start the agent knows a restart was under way. */
  restarting: z.object({ by: RestartBy, at: Ms }).nullable(),
  outbox: z.array(z.object({ key: z.string().max(64), body: Outcome })).max(MAX_OUTBOX),
  upToDate: z.boolean(),
  lastOutcome: z.object({ outcome: z.enum(['performed', 'refused', 'failed']), at: z.string().max(40) }).nullable(),
  doneRequests: z.array(z.string().max(64)).max(MAX_DONE),
});
export type RestartFile = z.infer<typeof FileSchema>;

export const EMPTY_RESTART_FILE: RestartFile = {
  version: 1,
  memory: null,
  halloReason: null,
  restarting: null,
  outbox: [],
  upToDate: false,
  lastOutcome: null,
  doneRequests: [],
};

/** The file, or a fresh start and why (a damaged file is a problem to tell, never a crash). */
export async function loadRestartFile(dataDir: string): Promise<{ file: RestartFile; damaged: string | null }> {
  const read = await readJsonFile(join(dataDir, RESTART_FILE), { ownFile: { maxBytes: MAX_BYTES } });
  if (!read.ok) return { file: EMPTY_RESTART_FILE, damaged: read.missing ? null : read.detail };
  const parsed = FileSchema.safeParse(read.value);
  if (!parsed.success) return { file: EMPTY_RESTART_FILE, damaged: `not a restart file: ${parsed.error.issues[0]?.path.join('.') || 'shape'}` };
  return { file: parsed.data, damaged: null };
}

export async function saveRestartFile(dataDir: string, file: RestartFile): Promise<void> {
  const bounded: RestartFile = { ...file, outbox: file.outbox.slice(-MAX_OUTBOX), doneRequests: file.doneRequests.slice(-MAX_DONE) };
  await writeFileAtomic(join(dataDir, RESTART_FILE), JSON.stringify(bounded));
}

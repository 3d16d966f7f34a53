import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

// What the update task did last (result.json, written by SYSTEM, read by the agent): the agent does
// not download again a version SYSTEM refused, and the admin view says why (updater.ts).

export const REFUSALS = ['signature-invalid', 'older-version', 'not-an-installer', 'install-failed'] as const;
export type Refusal = (typeof REFUSALS)[number];

export const TaskResult = z.object({
  at: z.string().max(40),
  outcome: z.enum(['started', 'refused', 'nothing']),
  /** The version the installer's signed resource says (started), or the name's (refused). */
  version: z.string().max(64).nullable(),
  reason: z.enum(REFUSALS).nullable(),
  detail: z.string().max(500),
});
export type TaskResult = z.infer<typeof TaskResult>;

export async function writeTaskResult(file: string, result: TaskResult): Promise<void> {
  // Beside it, then renamed: the agent never reads half a file.
  await writeFile(`${file}.tmp`, JSON.stringify(result, null, 2));
  await rename(`${file}.tmp`, file);
}

/** The last result, or null when there is none or it is not one (a result is only advice). */
export async function readTaskResult(file: string): Promise<TaskResult | null> {
  try {
    const parsed = TaskResult.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_LEVELS, LogLine } from '../../contract';
import { maskDeep, type Masker } from '../platform/mask';

/** The agent's log file and the one rotated away (log.ts: at 1 MiB, one old file kept), oldest first. */
export const logFiles = (dataDir: string): [rotated: string, current: string] => {
  const current = join(dataDir, 'logs', 'agent.log');
  return [current + '.1', current];
};

/** log.ts rotates past 1 MiB, so a file is a little over that at most; a planted giant is read only at its end. */
export const LOG_READ_MAX_BYTES = 2 * 1024 * 1024;

/** A file's text (its last `maxBytes`); a missing file is empty, any other failure throws. */
export async function readTail(file: string, maxBytes = LOG_READ_MAX_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

const RANK = Object.fromEntries(LOG_LEVELS.map((level, i) => [level, i])) as Record<(typeof LOG_LEVELS)[number], number>;

/**
 * The log's lines at `level` or above, newest last, at most `limit`: pure, over the files' texts
 * (oldest first). A line that is not one of ours (cut by a crash mid-write, edited, another
 * program's) is skipped, never shown half. Every string masked.
 */
export function logLinesOf(texts: readonly string[], level: (typeof LOG_LEVELS)[number], limit: number, mask: Masker): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        continue;
      }
      const line = LogLine.safeParse(json);
      if (line.success && RANK[line.data.level] >= RANK[level]) lines.push(line.data);
    }
  }
  return lines.slice(-limit).map((line) => maskDeep(line, mask));
}

/** `admin.readLog`: both files read; one that cannot be read costs only its lines. */
export async function readLog(dataDir: string, level: (typeof LOG_LEVELS)[number], limit: number, mask: Masker): Promise<{ lines: LogLine[]; file: string }> {
  const files = logFiles(dataDir);
  const texts = await Promise.all(files.map((file) => readTail(file).catch(() => '')));
  return { lines: logLinesOf(texts, level, limit, mask), file: mask(files[1]) };
}

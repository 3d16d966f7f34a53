import { join } from 'node:path';
import { z } from 'zod';
import { RemoteHistoryEntry } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';

/** The popup's "Hulp op afstand": the last 50 verified requests, newest first. */
export const HISTORY_MAX = 50;

const HistoryFile = z.object({ version: z.literal(1), entries: z.array(RemoteHistoryEntry).max(HISTORY_MAX) }).strict();

/**
 * `<dataDir>/remote/history.json`, written atomically after each change. A session that was
 * running when the agent stopped is in it as `granted` without `endedAt`: the next start reports
 * it ended (capability.ts). A damaged file starts an empty history and says so in the log.
 */
export interface History {
  load(): Promise<void>;
  entries(): readonly RemoteHistoryEntry[];
  /** Adds a new entry at the top or changes the one of that session. */
  put(sessionId: string, change: (previous: RemoteHistoryEntry | null) => RemoteHistoryEntry): Promise<void>;
}

export function createHistory(deps: { dataDir: string; log: Logger }): History {
  const path = join(deps.dataDir, 'remote', 'history.json');
  let entries: RemoteHistoryEntry[] = [];
  let writes: Promise<void> = Promise.resolve();
  return {
    async load() {
      const read = await readJsonFile(path, { ownFile: { maxBytes: 512 * 1024 } });
      const parsed = read.ok ? HistoryFile.safeParse(read.value) : null;
      if ((!read.ok && !read.missing) || (parsed && !parsed.success)) deps.log.error('remote: the history is damaged; it starts anew', {});
      entries = parsed?.success ? parsed.data.entries : [];
    },
    entries: () => entries,
    put(sessionId, change) {
      const previous = entries.find((entry) => entry.sessionId === sessionId) ?? null;
      const next = change(previous);
      entries = previous ? entries.map((entry) => (entry === previous ? next : entry)) : [next, ...entries].slice(0, HISTORY_MAX);
      const snapshot = entries;
      const done = writes.then(() => writeFileAtomic(path, JSON.stringify({ version: 1, entries: snapshot })));
      writes = done.catch((error: unknown) => deps.log.error('remote: the history could not be saved', { error: String(error) }));
      return writes;
    },
  };
}

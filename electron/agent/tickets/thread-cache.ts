import { join } from 'node:path';
import { z } from 'zod';
import { ThreadMessage } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import type { ThreadWindow } from './thread-merge';

/** The newest messages of a thread kept on disk: the newest page and a little more, never the whole thread. */
export const CACHED_MESSAGES_MAX = 200;
/** 200 messages of at most 20 000 characters (openapi.json), as JSON: a larger file is not ours. */
const FILE_MAX_BYTES = 20 * 1024 * 1024;

const Stored = z.object({
  version: z.literal(1),
  ticketId: z.string().max(64),
  messages: z.array(ThreadMessage).max(CACHED_MESSAGES_MAX * 2),
  starts: z.record(z.string().max(64), z.string().max(64).nullable()),
  newer: z.string().max(64).nullable(),
});

/**
 * `<dataDir>/threads/<hash of the ticket id>.json`: a ticket's thread as last seen, shown at once
 * when it is opened (offline too) and then brought up to date. The name is a hash, so that a
 * ticket id from the network never becomes a path. A copy for convenience: the API has the
 * thread, so a file that cannot be read or written is only logged.
 */
export class ThreadCache {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.dir = join(dataDir, 'threads');
  }

  async load(ticketId: string): Promise<ThreadWindow | null> {
    const read = await readJsonFile(await this.pathOf(ticketId), { ownFile: { maxBytes: FILE_MAX_BYTES } });
    if (!read.ok) {
      if (!read.missing) this.log.warn('a cached thread cannot be read: fetched again', { detail: read.detail });
      return null;
    }
    const parsed = Stored.safeParse(read.value);
    if (!parsed.success || parsed.data.ticketId !== ticketId) {
      this.log.warn('a cached thread is not valid: fetched again');
      return null;
    }
    const { messages, starts, newer } = parsed.data;
    return { messages, starts, newer };
  }

  async save(ticketId: string, window: ThreadWindow): Promise<void> {
    try {
      await writeFileAtomic(await this.pathOf(ticketId), JSON.stringify({ version: 1, ticketId, ...window }));
    } catch (error) {
      this.log.warn('could not keep a thread', { error: String(error) });
    }
  }

  /** node:crypto (about 2 MB) loads when a thread is first opened or cached, not at start. */
  private async pathOf(ticketId: string): Promise<string> {
    const { createHash } = await import('node:crypto');
    return join(this.dir, `${createHash('sha256').update(ticketId).digest('hex').slice(0, 32)}.json`);
  }
}

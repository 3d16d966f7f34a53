import { join } from 'node:path';
import { z } from 'zod';
import { MyTicket } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import type { ListOwner } from './list-owner';

const Owner = z.object({ deviceId: z.string().nullable(), apiUrl: z.string().nullable() });
// A list kept before the conversation existed has no counts: they start at 0, the list is kept.
const Kept = MyTicket.extend({ unread: z.number().default(0), pendingReplies: z.number().default(0) });
const Stored = z.object({ updatedAt: z.string(), list: z.array(Kept).max(1000), owner: Owner.optional() });
export type StoredTicketList = z.infer<typeof Stored>;

/**
 * The last "My tickets" list, in `<dataDir>/tickets.json`: shown at once after a restart, and the
 * baseline against which a reply that came while the PC was off is recognised as news.
 */
export class TicketListMemory {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'tickets.json');
  }

  async load(): Promise<StoredTicketList | null> {
    const read = await readJsonFile(this.file);
    if (!read.ok) {
      if (!read.missing) this.log.warn('tickets.json cannot be read, the list starts empty', { detail: read.detail });
      return null;
    }
    const parsed = Stored.safeParse(read.value);
    if (!parsed.success) this.log.warn('tickets.json is not valid, the list starts empty');
    return parsed.success ? parsed.data : null;
  }

  /** A copy for convenience; the API has the real list, so a failure is only logged. */
  async save(list: readonly MyTicket[], updatedAt: string, owner: ListOwner): Promise<void> {
    try {
      await writeFileAtomic(this.file, JSON.stringify({ updatedAt, list, owner }));
    } catch (error) {
      this.log.warn('could not keep the ticket list', { error: String(error) });
    }
  }
}

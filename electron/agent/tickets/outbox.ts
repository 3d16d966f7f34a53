import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { OutboxEntry, TicketDraft } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { TicketCreateRequest } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import type { Logger } from '../log';

/** One ticket on disk: what the UI shows, and the exact body that is (re)sent. */
export interface OutboxRecord {
  entry: OutboxEntry;
  body: TicketCreateRequest;
  /** What the employee typed, to bring the form back if the API refuses the ticket. */
  draft: TicketDraft;
  /** When the API acknowledged it; the file goes a day later. */
  sentAt: string | null;
}

const RecordFile = z.object({
  version: z.literal(1),
  entry: OutboxEntry,
  body: z.record(z.string(), z.unknown()),
  draft: TicketDraft,
  sentAt: z.string().nullable(),
});

const NAME = /^[0-9A-HJKMNP-TV-Z]{26}\.json$/;

/**
 * `<dataDir>/outbox/<ULID>.json`, one file per ticket, each written atomically and flushed. A
 * file that cannot be read back is moved to `outbox/damaged/`, never deleted: a person can
 * still look at it.
 */
export class OutboxFolder {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.dir = join(dataDir, 'outbox');
  }

  /** Throws when the disk refuses (full, read-only, not a folder): the caller says `not-saved`. */
  async save(record: OutboxRecord): Promise<void> {
    const file = { version: 1, entry: record.entry, body: record.body, draft: record.draft, sentAt: record.sentAt };
    await writeFileAtomic(join(this.dir, `${record.entry.id}.json`), JSON.stringify(file));
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json`), { force: true });
  }

  /** Every readable ticket, oldest first. */
  async load(): Promise<OutboxRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.log.error('cannot read the outbox folder', { error: String(error) });
      return [];
    }
    const records: OutboxRecord[] = [];
    for (const name of names.filter((n) => NAME.test(n)).sort()) {
      const path = join(this.dir, name);
      const read = await readJsonFile(path);
      const problem = read.ok ? this.problemOf(read.value, name) : read.detail;
      if (problem === null && read.ok) {
        const file = read.value as z.infer<typeof RecordFile>;
        records.push({ entry: file.entry, body: file.body as unknown as TicketCreateRequest, draft: file.draft, sentAt: file.sentAt });
      } else if (!(!read.ok && read.missing)) {
        await this.quarantine(name, problem ?? 'unreadable');
      }
    }
    return records;
  }

  private problemOf(value: unknown, name: string): string | null {
    const file = RecordFile.safeParse(value);
    if (!file.success) return file.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    if (`${file.data.entry.id}.json` !== name) return 'the id does not match the file name';
    const body = validateSchema('TicketCreateRequest', file.data.body);
    return body.ok ? null : `body: ${body.errors}`;
  }

  private async quarantine(name: string, problem: string): Promise<void> {
    const damaged = join(this.dir, 'damaged');
    try {
      await mkdir(damaged, { recursive: true });
      await rename(join(this.dir, name), join(damaged, name));
      this.log.error('damaged outbox file moved aside', { file: name, problem: problem.slice(0, 500) });
    } catch (error) {
      this.log.error('damaged outbox file could not be moved aside', { file: name, problem: problem.slice(0, 500), error: String(error) });
    }
  }
}

import { join } from 'node:path';
import { z } from 'zod';
import { MaintenanceEntry } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { TIMELINE_MAX } from './merge';

// The timeline's two files in <data>/maintenance/, each written atomically (files.ts) and on its
// own, so that a crash between the two leaves each whole, old or new; entries have stable ids, so
// an old file beside a new one never shows an entry twice.
//   hallo.json     hallo,'s list as last fetched (shown offline; `stale` says it may be old)
//   observed.json  what this PC observed itself (bounded: 30 days, at most 200; only the PC has it)
// A file that cannot be read or is not valid starts empty, with one log line: the timeline is a view,
// never a reason not to start.

/** 200 entries of at most about 1 KB as JSON: a larger file is not ours. */
const FILE_MAX_BYTES = 1024 * 1024;
const Entries = z.array(MaintenanceEntry).max(TIMELINE_MAX);

const HalloFile = z.object({
  version: z.literal(1),
  /** The device the list is of: after enrolling again as another device it is not shown. */
  deviceId: z.string().max(100).nullable(),
  fetchedAt: z.string().max(40),
  entries: Entries,
});
export type HalloCopy = z.infer<typeof HalloFile>;

const ObservedFile = z.object({ version: z.literal(1), entries: Entries });

export class MaintenanceMemory {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.dir = join(dataDir, 'maintenance');
  }

  async loadHallo(): Promise<HalloCopy | null> {
    return this.load('hallo.json', HalloFile);
  }

  async loadObserved(): Promise<MaintenanceEntry[]> {
    return (await this.load('observed.json', ObservedFile))?.entries ?? [];
  }

  /** A copy for offline: hallo, has the list, so a failed write is only logged. */
  async saveHallo(copy: Omit<HalloCopy, 'version'>): Promise<void> {
    await this.save('hallo.json', { version: 1, ...copy });
  }

  /** Logged on failure and written whole with the next new observation: the state keeps the list meanwhile. */
  async saveObserved(entries: readonly MaintenanceEntry[]): Promise<void> {
    await this.save('observed.json', { version: 1, entries });
  }

  private async load<T>(name: string, schema: z.ZodType<T>): Promise<T | null> {
    const read = await readJsonFile(join(this.dir, name), { ownFile: { maxBytes: FILE_MAX_BYTES } });
    if (!read.ok) {
      if (!read.missing) this.log.warn(`maintenance/${name} cannot be read: it starts empty`, { detail: read.detail });
      return null;
    }
    const parsed = schema.safeParse(read.value);
    if (!parsed.success) this.log.warn(`maintenance/${name} is not valid: it starts empty`);
    return parsed.success ? parsed.data : null;
  }

  private async save(name: string, content: unknown): Promise<void> {
    try {
      await writeFileAtomic(join(this.dir, name), JSON.stringify(content));
    } catch (error) {
      this.log.warn(`could not keep maintenance/${name}`, { error: String(error) });
    }
  }
}

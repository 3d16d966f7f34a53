import { lstat, mkdir, readdir, rename, rm, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { OutboxEntry, ReplyDraft, ReplyProblem, TicketDraft } from '../../contract';
import { readJsonFile, TEMP_FILE, writeFileAtomic, type FileIo } from '../files';
import type { TicketCreateRequest, TicketMessage, TicketMessageCreateRequest } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import type { Logger } from '../log';
import { folderProblem } from '../platform/private-dir';

/** One ticket or reply on disk: what the UI shows, and the exact body that is (re)sent. */
export type OutboxRecord = TicketRecord | ReplyRecord;

/** A new ticket (POST /tickets). Files from before replies existed have no `kind`: tickets. */
export interface TicketRecord extends RecordBase {
  kind?: 'ticket';
  body: TicketCreateRequest;
  /** What the employee typed, to bring the form back if the API refuses the ticket. */
  draft: TicketDraft;
}

/**
 * A reply on a ticket's thread (POST /tickets/{ticketId}/messages), in the same outbox so that it
 * is as durable as a ticket; `entry.subject` is its first words, `entry.problems` stays empty.
 */
export interface ReplyRecord extends RecordBase {
  kind: 'reply';
  ticketId: string;
  body: TicketMessageCreateRequest;
  /** The reply box as sent: a refused reply comes back into it. */
  draft: ReplyDraft;
  /** Why the API refused it (`rejected`): shown with the draft in the box. */
  problems: ReplyProblem[];
  /** The API's message once acknowledged: it replaces the waiting reply in the thread. */
  message: TicketMessage | null;
}

export const isTicket = (record: OutboxRecord): record is TicketRecord => record.kind !== 'reply';
export const isReply = (record: OutboxRecord): record is ReplyRecord => record.kind === 'reply';

interface RecordBase {
  entry: OutboxEntry;
  /** When the API acknowledged it; the file goes a day later. */
  sentAt: string | null;
  /**
   * Set when this ticket's `entry.nextAttemptAt` holds every ticket back, not only this one: the
   * server asked for it (429, Retry-After) or could not be reached. Kept so a restart honours it.
   */
  pause?: OutboxPause;
}

/** `server`: 429 or a Retry-After, only time lifts it; `unreachable`: no answer, a reconnect lifts it. */
export type OutboxPause = 'server' | 'unreachable';

/** An outbox file that could not be read back: moved to `outbox/damaged/`, and shown. */
export interface DamagedFile {
  /** Its name in the outbox (`<ULID>.json`): the ULID says when the ticket was made. */
  name: string;
  /** Where it lies now, for a person to look at. */
  path: string;
  /** What is wrong with it. */
  problem: string;
  /** When it was moved aside (RFC 3339): the file's mtime, set then. */
  at: string;
}

/** What `load()` found: the readable tickets, oldest first, and the files moved aside (ever). */
export type LoadedOutbox = OutboxRecord[] & { damaged: DamagedFile[] };

const Common = {
  version: z.literal(1),
  entry: OutboxEntry,
  body: z.record(z.string(), z.unknown()),
  sentAt: z.string().nullable(),
  pause: z.enum(['server', 'unreachable']).optional(),
};
// The API's message is checked by its own schema (validateSchema) below, as the body is.
const RecordFile = z.union([
  z.object({ ...Common, kind: z.literal('ticket').optional(), draft: TicketDraft }),
  z.object({
    ...Common,
    kind: z.literal('reply'),
    ticketId: z.string().max(64),
    draft: ReplyDraft,
    problems: z.array(ReplyProblem).max(20),
    message: z.record(z.string(), z.unknown()).nullable(),
  }),
]);

const NAME = /^[0-9A-HJKMNP-TV-Z]{26}\.json$/;
/** `damaged/<ULID>.json`, or `<ULID>.<when, compact UTC>.json` when that is taken: one never overwrites another. */
const AGAIN = /^([0-9A-HJKMNP-TV-Z]{26})\.\d{8}T\d{9}Z(-\d+)?\.json$/;
/** A temp file younger than this may still be being written; older ones are a crash's leftovers. */
const TEMP_MAX_AGE_MS = 60_000;
const PROBLEM_MAX_CHARS = 500;
/**
 * The largest outbox file read. A ticket carries its screenshot as base64 (4/3 of its bytes);
 * hallo,'s policy allows 2 MiB per attachment today, so a real file stays under 3 MiB. 4x that
 * leaves room for a policy that grows it, and still keeps a planted giant out of memory.
 */
export const OUTBOX_FILE_MAX_BYTES = 4 * 3 * 1024 * 1024;
const OWN_FILE = { ownFile: { maxBytes: OUTBOX_FILE_MAX_BYTES } };

/**
 * `<dataDir>/outbox/<ULID>.json`, one file per ticket, each written atomically and flushed. A
 * file that cannot be read back is moved to `outbox/damaged/`, never deleted: a person can
 * still look at it, and `load()` reports it so the UI can say that a ticket was not readable.
 */
export class OutboxFolder {
  readonly dir: string;
  private readonly damagedDir: string;
  /** Tickets that have a file: a first save that fails takes its file away again. */
  private readonly known = new Set<string>();

  private readonly now: () => number;
  private readonly io: FileIo;

  /** `now` dates damaged files and ages temp files; `io` is for tests (a failing disk). */
  constructor(
    dataDir: string,
    private readonly log: Logger,
    opts: { now?: () => number; io?: FileIo } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.io = opts.io ?? {};
    this.dir = join(dataDir, 'outbox');
    this.damagedDir = join(this.dir, 'damaged');
  }

  /**
   * Throws when the disk refuses (full, read-only, not a folder, a flush failed): the caller says
   * `not-saved`. A new ticket is then not left half-promised on disk: the employee sends it again
   * from the form, and a file found at the next start would become a second ticket.
   */
  async save(record: OutboxRecord): Promise<void> {
    const { id } = record.entry;
    const file = { version: 1, ...record };
    try {
      await this.checkFolder(this.dir); // a linked outbox would put the ticket wherever it points
      await writeFileAtomic(this.pathOf(id), JSON.stringify(file), 0o600, this.io);
    } catch (error) {
      if (!this.known.has(id)) {
        await rm(this.pathOf(id), { force: true }).catch((rmError: unknown) =>
          this.log.error('a ticket that could not be saved left a file behind', { id, error: String(rmError) }),
        );
      }
      throw error;
    }
    this.known.add(id);
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
    this.known.delete(id);
  }

  /**
   * Every readable ticket, oldest first, with every damaged file (those moved aside now and at
   * earlier starts). Also removes temp files that a crash mid-write left behind.
   */
  async load(): Promise<LoadedOutbox> {
    const records: OutboxRecord[] = [];
    let names: string[];
    try {
      await this.checkFolder(this.dir);
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EUNSAFE') this.log.error('cannot read the outbox folder', { error: String(error) });
      return Object.assign(records, { damaged: [] });
    }
    await this.removeStaleTemps(names.filter((n) => TEMP_FILE.test(n)));
    for (const name of names.filter((n) => NAME.test(n)).sort()) {
      if (!(await this.isRegularFile(join(this.dir, name)))) {
        this.log.error('outbox entry is not a regular file (a link?): ignored, not sent', { file: name });
        continue;
      }
      const read = await this.read(join(this.dir, name), name);
      if (read.record) {
        records.push(read.record);
        this.known.add(read.record.entry.id);
      } else if (read.problem !== null) {
        await this.quarantine(name, read.problem);
      }
    }
    return Object.assign(records, { damaged: await this.damaged() });
  }

  /**
   * Someone has seen it: into `damaged/seen/`, which `load()` no longer reports, kept for a person
   * to read. A second damaged copy of the same ticket gets a stamped name there, as in `damaged/`.
   */
  async acknowledge(file: DamagedFile): Promise<void> {
    const seen = join(this.damagedDir, 'seen');
    const path = join(this.damagedDir, basename(file.path)); // only ever a file of damaged/ itself
    await this.checkFolder(this.damagedDir);
    await mkdir(seen, { recursive: true, mode: 0o700 });
    await this.checkFolder(seen);
    if (!(await this.isRegularFile(path))) throw new Error(`${basename(path)} is not a regular file in the damaged folder`);
    await rename(path, await this.freeName(seen, basename(path)));
  }

  /** Throws, with a log line, when a folder of ours is a link, not a folder, or another user's. */
  private async checkFolder(dir: string): Promise<void> {
    let info;
    try {
      info = await lstat(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // made when needed
      throw error;
    }
    const problem = folderProblem(info, process.platform === 'win32' ? null : (process.getuid?.() ?? null));
    if (problem === null) return;
    this.log.error('outbox folder refused: nothing read from or moved into it', { folder: dir, problem });
    throw Object.assign(new Error(`${dir}: ${problem}`), { code: 'EUNSAFE' });
  }

  private async isRegularFile(path: string): Promise<boolean> {
    try {
      return (await lstat(path)).isFile();
    } catch {
      return false;
    }
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** The record in a file, or what is wrong with it (null: the file is gone). */
  private async read(path: string, name: string): Promise<{ record: OutboxRecord | null; problem: string | null }> {
    const read = await readJsonFile(path, OWN_FILE);
    if (!read.ok) return { record: null, problem: read.missing ? null : read.detail };
    const file = RecordFile.safeParse(read.value);
    if (!file.success) return { record: null, problem: file.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    if (`${file.data.entry.id}.json` !== name) return { record: null, problem: 'the id does not match the file name' };
    const { version: _version, ...data } = file.data;
    if (data.kind !== 'reply') {
      const body = validateSchema('TicketCreateRequest', data.body);
      if (!body.ok) return { record: null, problem: `body: ${body.errors}` };
      return { record: { ...data, body: data.body as unknown as TicketCreateRequest }, problem: null };
    }
    const body = validateSchema('TicketMessageCreateRequest', data.body);
    if (!body.ok) return { record: null, problem: `body: ${body.errors}` };
    const message = data.message === null ? { ok: true as const } : validateSchema('TicketMessage', data.message);
    if (!message.ok) return { record: null, problem: `message: ${message.errors}` };
    return { record: { ...data, body: data.body as unknown as TicketMessageCreateRequest, message: data.message as unknown as TicketMessage | null }, problem: null };
  }

  private async removeStaleTemps(names: string[]): Promise<void> {
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        if ((await lstat(path)).mtimeMs > this.now() - TEMP_MAX_AGE_MS) continue;
        await rm(path, { force: true });
        this.log.info('removed a temp file left by an interrupted write', { file: name });
      } catch (error) {
        this.log.warn('could not remove a leftover temp file', { file: name, error: String(error) });
      }
    }
  }

  private async quarantine(name: string, problem: string): Promise<void> {
    try {
      await this.checkFolder(this.damagedDir);
      await mkdir(this.damagedDir, { recursive: true, mode: 0o700 });
      await this.checkFolder(this.damagedDir);
      const target = await this.freeName(this.damagedDir, name);
      await rename(join(this.dir, name), target);
      const now = new Date(this.now());
      await utimes(target, now, now).catch(() => undefined); // only dates it; the content is what matters
      this.log.error('damaged outbox file moved aside', { file: name, problem: problem.slice(0, PROBLEM_MAX_CHARS) });
    } catch (error) {
      this.log.error('damaged outbox file could not be moved aside', { file: name, problem: problem.slice(0, PROBLEM_MAX_CHARS), error: String(error) });
    }
  }

  /** `<dir>/<name>`, or a stamped name when an earlier damaged copy of the same ticket is there. */
  private async freeName(dir: string, name: string): Promise<string> {
    const stamp = new Date(this.now()).toISOString().replace(/[-:.]/g, '');
    const base = AGAIN.exec(name)?.[1] ?? name.replace(/\.json$/, '');
    for (let n = 0; ; n++) {
      const candidate = join(dir, n === 0 ? name : `${base}.${stamp}${n === 1 ? '' : `-${n}`}.json`);
      try {
        await lstat(candidate);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
        throw error;
      }
    }
  }

  /** What lies in `damaged/`, oldest first; the problem is read again, so it is never out of date. */
  private async damaged(): Promise<DamagedFile[]> {
    let names: string[];
    try {
      await this.checkFolder(this.damagedDir);
      names = await readdir(this.damagedDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EUNSAFE') this.log.error('cannot read the damaged outbox folder', { error: String(error) });
      return [];
    }
    const files: DamagedFile[] = [];
    for (const stored of names) {
      const path = join(this.damagedDir, stored);
      const again = AGAIN.exec(stored);
      const name = again ? `${again[1]}.json` : stored;
      let at: string;
      try {
        const info = await lstat(path);
        if (!info.isFile()) continue; // seen/, or a link: nothing of ours to show
        at = info.mtime.toISOString();
      } catch {
        continue; // gone meanwhile
      }
      const read = await this.read(path, name);
      const problem = read.problem ?? (read.record ? 'readable now; left for a person to check' : 'gone');
      files.push({ name, path, problem: problem.slice(0, PROBLEM_MAX_CHARS), at });
    }
    return files.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.name < b.name ? -1 : 1));
  }
}

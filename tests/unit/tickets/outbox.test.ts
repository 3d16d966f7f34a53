import { lstat, mkdir, mkdtemp, open, readdir, readFile, rm, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileIo } from '../../../electron/agent/files';
import type { TicketCreateRequest } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { OUTBOX_FILE_MAX_BYTES, OutboxFolder, type OutboxRecord } from '../../../electron/agent/tickets/outbox';
import { ticketBody } from '../../reference-api/testing';
import { createFakeClock } from '../../doubles/fake-clock';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const ID = (n: number) => `01JD00000000000000000000${String(n).padStart(2, '0')}`;
const NOW = Date.parse('2025-03-03T09:00:00.000Z');

function record(id: string): OutboxRecord {
  return {
    entry: { id, createdAt: '2025-03-03T09:00:00.000Z', subject: 'Printen lukt niet', status: 'queued', attempts: 0, nextAttemptAt: null, lastError: null, number: null, problems: [], draft: null },
    body: ticketBody() as TicketCreateRequest,
    draft: { description: 'Printen lukt niet', categoryId: 'print', impact: 'can-work', contact: { name: 'Anna', phone: '', email: '' }, relatedItemId: null, includeScreenshot: false, includeProcesses: false },
    sentAt: null,
  };
}

async function setup(opts: { io?: FileIo } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-outbox-'));
  dirs.push(dataDir);
  const clock = createFakeClock(NOW);
  const errors: string[] = [];
  const log = createLogger({ file: null, clock });
  const logged = {
    ...log,
    error: (msg: string, data?: Record<string, unknown>) => {
      errors.push(msg);
      log.error(msg, data);
    },
    child: () => logged,
  };
  const folder = new OutboxFolder(dataDir, logged, { now: () => clock.now(), io: opts.io });
  return { dataDir, dir: join(dataDir, 'outbox'), folder, clock, errors };
}

describe('the outbox folder', () => {
  it('keeps what it saves, with a pause the server asked for', async () => {
    const t = await setup();
    const paused: OutboxRecord = { ...record(ID(2)), pause: 'server', entry: { ...record(ID(2)).entry, nextAttemptAt: '2025-03-03T09:02:00.000Z', attempts: 3 } };
    await t.folder.save(paused);
    await t.folder.save(record(ID(1)));
    const loaded = await t.folder.load();
    expect(loaded.map((r) => r.entry.id)).toEqual([ID(1), ID(2)]);
    expect(loaded[1]).toEqual(paused);
    expect(loaded[0]!.pause).toBeUndefined();
    expect(loaded.damaged).toEqual([]);
  });

  it('a damaged file is moved aside and reported, at this start and at every later one', async () => {
    const t = await setup();
    await t.folder.save(record(ID(1)));
    await mkdir(t.dir, { recursive: true });
    await writeFile(join(t.dir, `${ID(2)}.json`), '{"version":1,"entry":');
    const wrongId = { version: 1, entry: record(ID(4)).entry, body: ticketBody(), draft: record(ID(4)).draft, sentAt: null };
    await writeFile(join(t.dir, `${ID(3)}.json`), JSON.stringify(wrongId));

    const first = await t.folder.load();
    expect(first.map((r) => r.entry.id)).toEqual([ID(1)]);
    expect(first.damaged).toEqual([
      { name: `${ID(2)}.json`, path: join(t.dir, 'damaged', `${ID(2)}.json`), problem: expect.stringMatching(/JSON/), at: '2025-03-03T09:00:00.000Z' },
      { name: `${ID(3)}.json`, path: join(t.dir, 'damaged', `${ID(3)}.json`), problem: 'the id does not match the file name', at: '2025-03-03T09:00:00.000Z' },
    ]);
    expect((await readdir(t.dir)).sort()).toEqual([`${ID(1)}.json`, 'damaged']);
    expect(t.errors).toEqual(['damaged outbox file moved aside', 'damaged outbox file moved aside']);

    // The next start: nothing new to move, and the earlier ones are still shown, unchanged.
    await t.clock.advance(3_600_000);
    const second = await t.folder.load();
    expect(second.map((r) => r.entry.id)).toEqual([ID(1)]);
    expect(second.damaged).toEqual(first.damaged);
  });

  it('the same ticket damaged twice keeps both copies, each dated; one moved aside by an older version is shown too', async () => {
    const t = await setup();
    await mkdir(join(t.dir, 'damaged'), { recursive: true });
    const older = join(t.dir, 'damaged', `${ID(5)}.json`);
    await writeFile(older, 'not json');
    await utimes(older, new Date('2025-03-01T08:00:00Z'), new Date('2025-03-01T08:00:00Z'));
    await writeFile(join(t.dir, `${ID(1)}.json`), 'one');
    await t.folder.load();
    await t.clock.advance(1_500);
    await writeFile(join(t.dir, `${ID(1)}.json`), 'two');
    const loaded = await t.folder.load();
    expect(loaded.damaged.map((d) => [d.name, d.at])).toEqual([
      [`${ID(5)}.json`, '2025-03-01T08:00:00.000Z'],
      [`${ID(1)}.json`, '2025-03-03T09:00:00.000Z'],
      [`${ID(1)}.json`, '2025-03-03T09:00:01.500Z'],
    ]);
    expect(loaded.damaged.slice(1).map((d) => d.path)).toEqual([join(t.dir, 'damaged', `${ID(1)}.json`), join(t.dir, 'damaged', `${ID(1)}.20250303T090001500Z.json`)]);
    const copies = await Promise.all(loaded.damaged.slice(1).map((d) => readFile(d.path, 'utf8')));
    expect(copies).toEqual(['one', 'two']);
  });

  it('removes temp files that a crash mid-write left behind, but not one that may still be written', async () => {
    const t = await setup();
    await t.folder.save(record(ID(1)));
    const stale = join(t.dir, '.0123456789ab.tmp');
    const fresh = join(t.dir, '.ba9876543210.tmp');
    await writeFile(stale, '{"half');
    await writeFile(fresh, '{"half');
    const old = new Date(NOW - 61_000);
    await utimes(stale, old, old);
    const recent = new Date(NOW - 10_000);
    await utimes(fresh, recent, recent);
    const loaded = await t.folder.load();
    expect(loaded.map((r) => r.entry.id)).toEqual([ID(1)]);
    expect((await readdir(t.dir)).sort()).toEqual(['.ba9876543210.tmp', `${ID(1)}.json`]);
  });

  it('a new ticket whose save fails (the folder flush gives EIO) leaves no file to be sent later', async () => {
    let failing = false;
    const io: FileIo = {
      platform: 'linux',
      open: (async (path: string, flags?: string, mode?: number): Promise<FileHandle> => {
        if (failing && flags === 'r') throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        return open(path, flags, mode);
      }) as unknown as typeof open,
    };
    const t = await setup({ io });
    await t.folder.save(record(ID(1)));
    failing = true;
    await expect(t.folder.save(record(ID(2)))).rejects.toMatchObject({ code: 'EIO' });
    // A ticket saved before keeps its file when an update of it fails: it is still to be sent.
    const updated = { ...record(ID(1)), entry: { ...record(ID(1)).entry, attempts: 1 } };
    await expect(t.folder.save(updated)).rejects.toMatchObject({ code: 'EIO' });
    failing = false;
    const loaded = await t.folder.load();
    expect(loaded.map((r) => r.entry.id)).toEqual([ID(1)]);
  });
});

// A second local user (or malware running as one) plants links or giants in the outbox: only
// regular files inside the folder are read or moved, and nothing is written where a link points.
describe.runIf(process.platform !== 'win32')('a planted outbox', () => {
  const fileOf = (id: string) => JSON.stringify({ version: 1, entry: record(id).entry, body: ticketBody(), draft: record(id).draft, sentAt: null });

  it('a ticket file that is a link is neither sent nor moved, and the log says so', async () => {
    const t = await setup();
    const planted = join(t.dataDir, 'planted.json');
    await writeFile(planted, fileOf(ID(7)));
    await mkdir(t.dir, { recursive: true });
    await symlink(planted, join(t.dir, `${ID(7)}.json`));
    const loaded = await t.folder.load();
    expect(loaded).toHaveLength(0);
    expect(loaded.damaged).toEqual([]);
    expect(t.errors).toEqual(['outbox entry is not a regular file (a link?): ignored, not sent']);
    expect(await readFile(planted, 'utf8')).toBe(fileOf(ID(7)));
    expect((await lstat(join(t.dir, `${ID(7)}.json`))).isSymbolicLink()).toBe(true);
  });

  it('a linked damaged/ is refused: a damaged ticket stays where it is, nothing lands in the target, nothing is listed from it', async () => {
    const t = await setup();
    const theirs = join(t.dataDir, 'theirs');
    await mkdir(theirs);
    await writeFile(join(theirs, `${ID(8)}.json`), 'their file, not ours to show');
    await mkdir(t.dir, { recursive: true });
    await symlink(theirs, join(t.dir, 'damaged'));
    await writeFile(join(t.dir, `${ID(2)}.json`), 'not json');
    const loaded = await t.folder.load();
    expect(loaded.damaged).toEqual([]);
    expect(await readdir(theirs)).toEqual([`${ID(8)}.json`]);
    expect(await readFile(join(t.dir, `${ID(2)}.json`), 'utf8')).toBe('not json');
    expect(t.errors).toContain('outbox folder refused: nothing read from or moved into it');
    // "Begrepen" on a file said to be there moves nothing into the target either.
    const said = { name: `${ID(8)}.json`, path: join(t.dir, 'damaged', `${ID(8)}.json`), problem: 'x', at: '2025-03-03T09:00:00.000Z' };
    await expect(t.folder.acknowledge(said)).rejects.toThrow(/symlink/);
    expect(await readdir(theirs)).toEqual([`${ID(8)}.json`]);
  });

  it('a linked damaged/seen/ is refused: "Begrepen" moves nothing into its target', async () => {
    const t = await setup();
    await mkdir(join(t.dir, 'damaged'), { recursive: true });
    const theirs = join(t.dataDir, 'theirs');
    await mkdir(theirs);
    await symlink(theirs, join(t.dir, 'damaged', 'seen'));
    await writeFile(join(t.dir, `${ID(2)}.json`), 'not json');
    const [file] = (await t.folder.load()).damaged;
    await expect(t.folder.acknowledge(file!)).rejects.toThrow(/symlink/);
    expect(await readdir(theirs)).toEqual([]);
    expect((await t.folder.load()).damaged.map((d) => d.name)).toEqual([`${ID(2)}.json`]);
  });

  it('a linked outbox folder is refused: a new ticket is not written where it points', async () => {
    const t = await setup();
    const theirs = join(t.dataDir, 'theirs');
    await mkdir(theirs);
    await symlink(theirs, t.dir);
    await expect(t.folder.save(record(ID(1)))).rejects.toThrow(/symlink/);
    expect(await readdir(theirs)).toEqual([]);
  });

  it(`a file over ${OUTBOX_FILE_MAX_BYTES} bytes is not read into memory: moved aside as too large`, async () => {
    const t = await setup();
    await t.folder.save(record(ID(1)));
    await truncate(join(t.dir, `${ID(1)}.json`), OUTBOX_FILE_MAX_BYTES + 1);
    const loaded = await t.folder.load();
    expect(loaded).toHaveLength(0);
    expect(loaded.damaged.map((d) => [d.name, d.problem])).toEqual([[`${ID(1)}.json`, 'too large, not read']]);
  });

  it('a second damaged copy of the same ticket does not replace the first in seen/', async () => {
    const t = await setup();
    await mkdir(t.dir, { recursive: true });
    await writeFile(join(t.dir, `${ID(1)}.json`), 'one');
    await t.folder.acknowledge((await t.folder.load()).damaged[0]!);
    await t.clock.advance(1_500);
    await writeFile(join(t.dir, `${ID(1)}.json`), 'two');
    await t.folder.acknowledge((await t.folder.load()).damaged[0]!);
    const seen = join(t.dir, 'damaged', 'seen');
    const names = (await readdir(seen)).sort();
    expect(names).toEqual([`${ID(1)}.20250303T090001500Z.json`, `${ID(1)}.json`]);
    expect(await Promise.all(names.map((n) => readFile(join(seen, n), 'utf8')))).toEqual(['two', 'one']);
    expect((await t.folder.load()).damaged).toEqual([]);
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketDraft } from '../../../electron/contract';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { TicketCreateRequest } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { OutboxFolder, type OutboxRecord } from '../../../electron/agent/tickets/outbox';
import { createSender, type DamagedFile, type Sender } from '../../../electron/agent/tickets/sender';
import { ticketBody } from '../../reference-api/testing';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';

const dirs: string[] = [];
const senders: Sender[] = [];
afterEach(async () => {
  for (const s of senders.splice(0)) s.stop();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const draft: TicketDraft = {
  description: 'Printen lukt niet',
  categoryId: 'print',
  impact: 'can-work',
  contact: { name: 'Anna', phone: '', email: '' },
  relatedItemId: null,
  includeScreenshot: false,
  includeProcesses: false,
};

function record(id: string): OutboxRecord {
  return {
    entry: { id, createdAt: '2025-03-03T09:00:00.000Z', subject: 'Printen lukt niet', status: 'queued', attempts: 0, nextAttemptAt: null, lastError: null, number: null, problems: [], draft: null },
    body: ticketBody() as TicketCreateRequest,
    draft,
    sentAt: null,
  };
}

type Answer = ApiError | number | 'hang';
/** Answers in order, or by Idempotency-Key (then an `undefined` answer is a 201). */
type Script = Answer[] | ((key: string) => Answer | undefined);
/** An API whose POST /tickets answers come from a script; it records every key. */
function scriptedApi(answers: Script) {
  const keys: string[] = [];
  let enrolled = true;
  const api = {
    async createTicket(_body: TicketCreateRequest, key: string) {
      keys.push(key);
      const next = (typeof answers === 'function' ? answers(key) : answers.shift()) ?? 201;
      if (next === 'hang') return new Promise(() => undefined);
      if (next instanceof ApiError) throw next;
      return { ticket: { ticketId: `t-${key}`, number: next === 201 ? 10000 + keys.length : 10001, status: 'new' as const, createdAt: '2025-03-03T09:00:00.000Z' }, replayed: next === 200 };
    },
  } as unknown as HalloApi;
  return { api: () => (enrolled ? api : null), keys, unenrol: () => (enrolled = false), enrol: () => (enrolled = true) };
}

async function setup(answers: Script, loaded: readonly OutboxRecord[] & { damaged?: readonly DamagedFile[] } = [], clock: FakeClock = createFakeClock(), dataDir?: string) {
  if (!dataDir) {
    dataDir = await mkdtemp(join(tmpdir(), 'hallo-sender-'));
    dirs.push(dataDir);
  }
  const log = createLogger({ file: null, clock });
  const folder = new OutboxFolder(dataDir, log);
  const api = scriptedApi(answers);
  const sent: string[] = [];
  const damaged: (readonly DamagedFile[])[] = [];
  let outbox: readonly OutboxRecord[] = [];
  const sender = createSender({
    folder,
    clock,
    log,
    api: api.api,
    limits: () => ({ maxAttachmentBytes: 1000, maxDescriptionChars: 2000 }),
    onChange: (records) => (outbox = records),
    onSent: (r) => sent.push(r.entry.id),
    onDamaged: (files) => damaged.push(files),
    backoff: { random: () => 0.5 },
  });
  senders.push(sender);
  sender.start(loaded);
  const entry = (id: string) => outbox.find((r) => r.entry.id === id)?.entry;
  return { sender, folder, api, clock, sent, entry, dataDir, log, damaged };
}

const ID = (n: number) => `01JD00000000000000000000${String(n).padStart(2, '0')}`;

describe('the outbox sender', () => {
  it('sends the oldest first, one at a time, with the ULID as Idempotency-Key', async () => {
    const t = await setup([], [record(ID(2)), record(ID(1))]);
    await vi.waitFor(() => expect(t.sent).toHaveLength(2));
    expect(t.api.keys).toEqual([ID(1), ID(2)]);
    expect(t.entry(ID(1))).toMatchObject({ status: 'sent', number: 10001, attempts: 1 });
    expect(t.sent).toEqual([ID(1), ID(2)]);
    const file = JSON.parse(await readFile(join(t.dataDir, 'outbox', `${ID(1)}.json`), 'utf8'));
    expect(file.entry.status).toBe('sent');
  });

  it('a 503 with Retry-After waits that long (no busy loop), then sends', async () => {
    const t = await setup([new ApiError('http-5xx', 'HTTP 503', 503, 120_000)]);
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.clock.pending()).toHaveLength(1));
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', attempts: 1, lastError: { code: 'http-5xx', status: 503 } });
    expect(Date.parse(t.entry(ID(1))!.nextAttemptAt!) - t.clock.now()).toBe(120_000);
    expect(t.clock.pending()).toEqual([120_000]);
    await t.clock.advance(119_000);
    expect(t.api.keys).toHaveLength(1);
    await t.clock.advance(1_000);
    await vi.waitFor(() => expect(t.entry(ID(1))?.status).toBe('sent'));
    expect(t.entry(ID(1))).toMatchObject({ status: 'sent', lastError: null });
    expect(t.api.keys).toEqual([ID(1), ID(1)]);
  });

  it('network failures back off with jitter, growing; a lost answer is retried with the same key', async () => {
    const t = await setup([new ApiError('network', 'ECONNRESET'), new ApiError('timeout', 'no answer'), new ApiError('network', 'x'), 200]);
    t.sender.add(record(ID(1)));
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(t.clock.pending()).toHaveLength(1));
      waits.push(t.clock.pending()[0]!);
      await t.clock.advance(t.clock.pending()[0]!);
    }
    expect(waits).toEqual([500, 1000, 2000]); // random 0.5 × 1 s · 2^n
    await vi.waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.entry(ID(1))).toMatchObject({ status: 'sent', attempts: 4 });
    expect(new Set(t.api.keys)).toEqual(new Set([ID(1)]));
  });

  it('a 422 rejects the ticket with its problems and the draft; it is never sent again', async () => {
    const t = await setup([new ApiError('http-4xx', 'HTTP 422', 422, undefined, [{ field: '/contact/email', code: 'invalid-format' }])]);
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.entry(ID(1))?.status).toBe('rejected'));
    expect(t.entry(ID(1))).toMatchObject({ status: 'rejected', draft, problems: [{ field: 'contact.email', code: 'invalid-email' }] });
    expect(t.clock.pending()).toEqual([]);
    await t.sender.dismiss(ID(1));
    expect(t.entry(ID(1))).toBeUndefined();
    await expect(readFile(join(t.dataDir, 'outbox', `${ID(1)}.json`))).rejects.toThrow();
  });

  it('not enrolled: waits without a timer, and goes when the connection says so', async () => {
    const t = await setup([]);
    t.api.unenrol();
    t.sender.add(record(ID(1)));
    await settle(20);
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', lastError: { code: 'not-enrolled' } });
    expect(t.clock.pending()).toEqual([]);
    t.api.enrol();
    t.sender.poke();
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1)]));
  });

  it('a refused token waits for the connection to be restored, not for a timer', async () => {
    const t = await setup([new ApiError('unauthorized', 'HTTP 401', 401)]);
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.entry(ID(1))?.lastError?.code).toBe('unauthorized'));
    await settle(20);
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', lastError: { code: 'unauthorized' } });
    expect(t.clock.pending()).toEqual([]);
    t.sender.poke(); // another change of the connection, not an answer: still waits
    await settle(20);
    expect(t.api.keys).toHaveLength(1);
    t.sender.heard(); // a heartbeat went through: the token works again
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1)]));
  });

  it('after a crash, an entry left "sending" is sent again with the same key', async () => {
    const crashed = record(ID(1));
    crashed.entry.status = 'sending';
    const t = await setup([200], [crashed]);
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1)]));
    expect(t.api.keys).toEqual([ID(1)]);
  });

  it('sent tickets stay a day, then their files go', async () => {
    const t = await setup([]);
    await t.folder.save(record(ID(1)));
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1)]));
    await t.clock.advance(25 * 3_600_000);
    t.sender.add(record(ID(2)));
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1), ID(2)]));
    expect(t.entry(ID(1))).toBeUndefined();
    expect((await t.folder.load()).map((r) => r.entry.id)).toEqual([ID(2)]);
  });

  it.each([400, 413])('a %i brings the ticket back to the employee too; it is never sent again', async (status) => {
    const t = await setup([new ApiError('http-4xx', `HTTP ${status}`, status)]);
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.entry(ID(1))?.status).toBe('rejected'));
    expect(t.entry(ID(1))).toMatchObject({ status: 'rejected', draft, lastError: { code: 'http-4xx', status } });
    t.sender.reconnected();
    await settle(20);
    expect(t.clock.pending()).toEqual([]);
    expect(t.api.keys).toEqual([ID(1)]);
  });

  it.each([
    [403, 'heard'],
    [404, 'reconnected'],
  ] as const)('a %i keeps the ticket queued with the reason until the connection changes (%s); newer ones still go', async (status, change) => {
    let refusing = true;
    const t = await setup((key) => (key === ID(1) && refusing ? new ApiError('http-4xx', `HTTP ${status}`, status) : undefined));
    t.sender.add(record(ID(1)));
    t.sender.add(record(ID(2)));
    await vi.waitFor(() => expect(t.sent).toEqual([ID(2)]));
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: null, lastError: { code: 'http-4xx', status }, draft: null });
    expect(t.clock.pending()).toEqual([]);
    t.sender.poke(); // a change that says nothing about the connection: still never resent unchanged
    t.sender.add(record(ID(3)));
    await vi.waitFor(() => expect(t.sent).toEqual([ID(2), ID(3)]));
    expect(t.api.keys).toEqual([ID(1), ID(2), ID(3)]);
    refusing = false;
    t.sender[change]();
    await vi.waitFor(() => expect(t.sent).toEqual([ID(2), ID(3), ID(1)]));
    expect(t.api.keys).toEqual([ID(1), ID(2), ID(3), ID(1)]);
  });

  it('a ticket refused with 403 still waits for the connection after a restart', async () => {
    const clock = createFakeClock();
    const first = await setup([new ApiError('http-4xx', 'HTTP 403', 403)], [], clock);
    await first.folder.save(record(ID(1)));
    first.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(first.entry(ID(1))?.lastError?.status).toBe(403));
    first.sender.stop();
    const second = await setup([], await first.folder.load(), clock, first.dataDir);
    await settle(20);
    expect(second.api.keys).toEqual([]);
    expect(second.entry(ID(1))).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: null, lastError: { status: 403 } });
    second.sender.heard();
    await vi.waitFor(() => expect(second.sent).toEqual([ID(1)]));
  });

  it.each([408, 409, 425, 418])('a %i is transient: retried with backoff under the same key', async (status) => {
    const refused = () => new ApiError('http-4xx', `HTTP ${status}`, status);
    const t = await setup([refused(), refused(), 201]);
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([500]));
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', attempts: 1, lastError: { code: 'http-4xx', status } });
    await t.clock.advance(500);
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([1000]));
    await t.clock.advance(1000);
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1)]));
    expect(t.entry(ID(1))).toMatchObject({ status: 'sent', attempts: 3 });
    expect(t.api.keys).toEqual([ID(1), ID(1), ID(1)]);
  });

  it('a ticket that keeps failing on its own (500, an invalid answer) backs off alone; newer ones go meanwhile', async () => {
    let failures = 0;
    const t = await setup((key) => {
      if (key !== ID(1)) return undefined;
      failures++;
      return failures % 2 ? new ApiError('http-5xx', 'HTTP 500', 500) : new ApiError('invalid-response', 'the answer fails its schema', 201);
    });
    t.sender.add(record(ID(1)));
    t.sender.add(record(ID(2)));
    t.sender.add(record(ID(3)));
    await vi.waitFor(() => expect(t.sent).toEqual([ID(2), ID(3)]));
    expect(t.api.keys).toEqual([ID(1), ID(2), ID(3)]);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(t.clock.pending()).toHaveLength(1));
      const wait = t.clock.pending()[0]!;
      waits.push(wait);
      expect(Date.parse(t.entry(ID(1))!.nextAttemptAt!) - t.clock.now()).toBe(wait);
      t.sender.add(record(ID(10 + i))); // a newer ticket does not wait behind it
      await vi.waitFor(() => expect(t.sent).toContain(ID(10 + i)));
      await t.clock.advance(wait);
    }
    expect(waits).toEqual([500, 1000, 2000]);
    await vi.waitFor(() => expect(t.entry(ID(1))?.attempts).toBe(4));
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', lastError: { code: 'invalid-response' } });
    expect(new Set(t.api.keys.filter((k) => k === ID(1))).size).toBe(1);
  });

  it('what concerns the whole server (no answer, 429, 503 with Retry-After) holds every ticket back', async () => {
    const t = await setup([new ApiError('network', 'ECONNREFUSED'), new ApiError('http-429', 'HTTP 429', 429, 5_000), new ApiError('http-5xx', 'HTTP 503', 503, 3_000)]);
    t.sender.add(record(ID(1)));
    t.sender.add(record(ID(2)));
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([500]));
    expect(t.api.keys).toEqual([ID(1)]);
    expect(t.entry(ID(2))).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: t.entry(ID(1))!.nextAttemptAt });
    await t.clock.advance(500);
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([5_000]));
    expect(t.api.keys).toEqual([ID(1), ID(1)]);
    await t.clock.advance(4_999);
    expect(t.api.keys).toHaveLength(2);
    await t.clock.advance(1);
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([3_000]));
    expect(t.entry(ID(2))!.nextAttemptAt).toBe(new Date(t.clock.now() + 3_000).toISOString());
    await t.clock.advance(3_000);
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1), ID(2)]));
    expect(t.api.keys).toEqual([ID(1), ID(1), ID(1), ID(1), ID(2)]);
  });

  it('a reconnect ends the wait for an unreachable server, but not the wait a Retry-After asked for', async () => {
    const t = await setup([new ApiError('http-5xx', 'HTTP 503', 503, 120_000), new ApiError('timeout', 'no answer')]);
    t.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([120_000]));
    t.sender.reconnected();
    t.sender.heard();
    t.sender.add(record(ID(2)));
    await settle(20);
    expect(t.api.keys).toEqual([ID(1)]);
    expect(t.clock.pending()).toEqual([120_000]);
    await t.clock.advance(120_000);
    await vi.waitFor(() => expect(t.api.keys).toHaveLength(2));
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([500])); // the reconnect started the backoff again
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', lastError: { code: 'timeout' } });
    t.sender.reconnected();
    await vi.waitFor(() => expect(t.sent).toEqual([ID(1), ID(2)]));
    expect(t.api.keys).toEqual([ID(1), ID(1), ID(1), ID(2)]);
  });

  it("a restart honours the server's Retry-After, for every ticket, and a reconnect does not end it", async () => {
    const clock = createFakeClock();
    const first = await setup([new ApiError('http-5xx', 'HTTP 503', 503, 120_000)], [], clock);
    await first.folder.save(record(ID(1)));
    first.sender.add(record(ID(1)));
    await vi.waitFor(() => expect(first.entry(ID(1))?.attempts).toBe(1));
    await first.folder.save(record(ID(2)));
    first.sender.add(record(ID(2)));
    await settle(20);
    first.sender.stop(); // the process ends here

    await clock.advance(20_000);
    const second = await setup([], await first.folder.load(), clock, first.dataDir);
    second.sender.reconnected();
    await settle(20);
    expect(second.api.keys).toEqual([]);
    expect(second.clock.pending()).toEqual([100_000]);
    const until = new Date(clock.now() + 100_000).toISOString();
    expect(second.entry(ID(1))).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: until, lastError: { status: 503 } });
    expect(second.entry(ID(2))).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: until });
    await clock.advance(100_000);
    await vi.waitFor(() => expect(second.sent).toEqual([ID(1), ID(2)]));
    expect(second.entry(ID(1))).toMatchObject({ attempts: 2 });
  });

  it("after a restart, a ticket's own backoff still holds; one whose wait is over, or that was being sent, goes at once", async () => {
    const clock = createFakeClock();
    const iso = (ms: number) => new Date(clock.now() + ms).toISOString();
    const failed = { code: 'http-5xx', status: 500, detail: 'HTTP 500' };
    const backingOff = record(ID(1));
    backingOff.entry = { ...backingOff.entry, attempts: 3, nextAttemptAt: iso(60_000), lastError: failed };
    const due = record(ID(2));
    due.entry = { ...due.entry, attempts: 1, nextAttemptAt: iso(-1_000), lastError: failed };
    const crashed = record(ID(3));
    crashed.entry = { ...crashed.entry, status: 'sending', attempts: 2, nextAttemptAt: iso(60_000) };
    const t = await setup([], [backingOff, due, crashed], clock);
    await vi.waitFor(() => expect(t.sent).toEqual([ID(2), ID(3)]));
    expect(t.clock.pending()).toEqual([60_000]);
    expect(t.entry(ID(1))).toMatchObject({ status: 'queued', attempts: 3, nextAttemptAt: iso(60_000) });
    t.sender.reconnected(); // its own failure: a reconnect says nothing about it
    await settle(20);
    expect(t.api.keys).toEqual([ID(2), ID(3)]);
    await clock.advance(60_000);
    await vi.waitFor(() => expect(t.sent).toEqual([ID(2), ID(3), ID(1)]));
    expect(t.entry(ID(1))).toMatchObject({ status: 'sent', attempts: 4 });
  });

  it('tells at start which outbox files were damaged (and that none were)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hallo-sender-'));
    dirs.push(dataDir);
    await mkdir(join(dataDir, 'outbox'), { recursive: true });
    await writeFile(join(dataDir, 'outbox', `${ID(7)}.json`), '{"version":1');
    const folder = new OutboxFolder(dataDir, createLogger({ file: null, clock: createFakeClock() }));
    const t = await setup([], await folder.load(), createFakeClock(), dataDir);
    expect(t.damaged).toEqual([[expect.objectContaining({ name: `${ID(7)}.json`, problem: expect.any(String), at: expect.any(String) })]]);
    const clean = await setup([]);
    expect(clean.damaged).toEqual([[]]);
  });
});

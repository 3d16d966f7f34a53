import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketDraft } from '../../../electron/contract';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { TicketCreateRequest } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { OutboxFolder, type OutboxRecord } from '../../../electron/agent/tickets/outbox';
import { createSender, type Sender } from '../../../electron/agent/tickets/sender';
import { ticketBody } from '../../reference-api/testing';
import { createFakeClock, settle, type FakeClock } from '../hallo-api/fakes';

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
/** An API whose POST /tickets answers come from a script, in order; it records every key. */
function scriptedApi(answers: Answer[]) {
  const keys: string[] = [];
  let enrolled = true;
  const api = {
    async createTicket(_body: TicketCreateRequest, key: string) {
      keys.push(key);
      const next = answers.shift() ?? 201;
      if (next === 'hang') return new Promise(() => undefined);
      if (next instanceof ApiError) throw next;
      return { ticket: { ticketId: `t-${key}`, number: next === 201 ? 10000 + keys.length : 10001, status: 'new' as const, createdAt: '2025-03-03T09:00:00.000Z' }, replayed: next === 200 };
    },
  } as unknown as HalloApi;
  return { api: () => (enrolled ? api : null), keys, unenrol: () => (enrolled = false), enrol: () => (enrolled = true) };
}

async function setup(answers: Answer[], loaded: OutboxRecord[] = [], clock: FakeClock = createFakeClock()) {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-sender-'));
  dirs.push(dataDir);
  const log = createLogger({ file: null, clock });
  const folder = new OutboxFolder(dataDir, log);
  const api = scriptedApi(answers);
  const sent: string[] = [];
  let outbox: readonly OutboxRecord[] = [];
  const sender = createSender({
    folder,
    clock,
    log,
    api: api.api,
    limits: () => ({ maxAttachmentBytes: 1000, maxDescriptionChars: 2000 }),
    onChange: (records) => (outbox = records),
    onSent: (r) => sent.push(r.entry.id),
    backoff: { random: () => 0.5 },
  });
  senders.push(sender);
  sender.start(loaded);
  const entry = (id: string) => outbox.find((r) => r.entry.id === id)?.entry;
  return { sender, folder, api, clock, sent, entry, dataDir, log };
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
    expect(t.entry(ID(1))).toMatchObject({ status: 'rejected', draft, problems: [{ field: 'contact.email', code: 'invalid' }] });
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
});

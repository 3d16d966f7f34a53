import type { OutboxEntry } from '../../contract';
import { ApiError } from '../hallo-api/api-error';
import { Backoff, type BackoffOptions } from '../hallo-api/backoff';
import type { HalloApi } from '../hallo-api/client';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { OutboxFolder, OutboxRecord } from './outbox';
import { problemsOf } from './rejection';

export interface SenderDeps {
  folder: OutboxFolder;
  clock: Clock;
  log: Logger;
  /** The client while enrolled, else null (then tickets wait, `not-enrolled`). */
  api: () => HalloApi | null;
  limits: () => { maxAttachmentBytes: number; maxDescriptionChars: number };
  /** Each change to the entries, for the store. */
  onChange: (records: readonly OutboxRecord[]) => void;
  onSent: (record: OutboxRecord) => void;
  backoff?: BackoffOptions;
}

export interface Sender {
  start(loaded: OutboxRecord[]): void;
  stop(): void;
  /** A ticket just saved: it goes out at once when the API can be reached. */
  add(record: OutboxRecord): void;
  /** The connection answered again (`online` after something else): try now, not at the backoff's time. */
  reconnected(): void;
  /** A heartbeat was answered: a refused token works again; a server's Retry-After still holds. */
  heard(): void;
  /** Any other change of the connection (e.g. enrolled): try if nothing says wait. */
  poke(): void;
  /** Removes a rejected or sent entry (and its file). Queued ones cannot be dropped from the UI. */
  dismiss(id: string): Promise<void>;
  records(): readonly OutboxRecord[];
}

const KEEP_SENT_MS = 24 * 3_600_000;

/**
 * Sends the outbox: oldest first, one request at a time, the ULID as Idempotency-Key so that a
 * retry (after a crash, a timeout or a lost answer) never makes a second ticket. Failures wait
 * with backoff (full jitter, Retry-After); a refused token waits for the connection to be
 * restored. Every wait is one timer or one store event: nothing polls.
 */
export function createSender(deps: SenderDeps): Sender {
  const { clock, folder } = deps;
  const log = deps.log.child('sender');
  const backoff = new Backoff(deps.backoff);
  const records = new Map<string, OutboxRecord>();
  let running = false;
  let busy = false;
  let timer: unknown = null;
  let pausedUntil = 0;
  let waitForConnection = false;

  const publish = () => deps.onChange([...records.values()]);
  const iso = (ms: number) => new Date(ms).toISOString();

  function update(record: OutboxRecord, patch: Partial<OutboxEntry>, more: Partial<OutboxRecord> = {}): OutboxRecord {
    const next = { ...record, ...more, entry: { ...record.entry, ...patch } };
    records.set(next.entry.id, next);
    return next;
  }

  /** Best effort: the ticket itself is on disk already; this only keeps its status for a restart. */
  async function persist(record: OutboxRecord): Promise<void> {
    try {
      await folder.save(record);
    } catch (error) {
      log.error('could not update an outbox file', { id: record.entry.id, error: String(error) });
    }
  }

  function schedule(ms: number): void {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      void pump();
    }, ms);
  }

  async function prune(): Promise<void> {
    const cutoff = clock.now() - KEEP_SENT_MS;
    for (const record of records.values()) {
      if (record.entry.status === 'sent' && record.sentAt !== null && Date.parse(record.sentAt) < cutoff) {
        records.delete(record.entry.id);
        await folder.remove(record.entry.id).catch((error: unknown) => log.warn('could not remove a sent ticket file', { error: String(error) }));
        publish();
      }
    }
  }

  function queued(): OutboxRecord[] {
    return [...records.values()].filter((r) => r.entry.status === 'queued').sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1));
  }

  /** Marks every waiting ticket with until when it waits (and why, when `error` says so), for the UI. */
  function waiting(error: OutboxEntry['lastError'], until: number | null): void {
    for (const record of queued()) update(record, { nextAttemptAt: until === null ? null : iso(until), lastError: error ?? record.entry.lastError });
    publish();
  }

  async function pump(): Promise<void> {
    if (!running || busy) return;
    await prune();
    const next = queued()[0];
    if (!next || !running || busy) return;
    const api = deps.api();
    if (!api) return waiting({ code: 'not-enrolled' }, null);
    if (waitForConnection) return;
    const now = clock.now();
    if (pausedUntil > now) {
      if (timer === null) schedule(pausedUntil - now);
      return;
    }
    busy = true;
    try {
      await sendOne(api, update(next, { status: 'sending', nextAttemptAt: null }));
    } finally {
      busy = false;
    }
    if (running) void pump();
  }

  async function sendOne(api: HalloApi, record: OutboxRecord): Promise<void> {
    publish();
    const attempts = record.entry.attempts + 1;
    try {
      const { ticket, replayed } = await api.createTicket(record.body, record.entry.id);
      backoff.reset();
      const sent = update(record, { status: 'sent', attempts, number: ticket.number, lastError: null, nextAttemptAt: null }, { sentAt: iso(clock.now()) });
      log.info('ticket sent', { id: record.entry.id, number: ticket.number, replayed, attempts });
      publish();
      await persist(sent);
      deps.onSent(sent);
    } catch (error) {
      await failed(record, attempts, error);
    }
  }

  async function failed(record: OutboxRecord, attempts: number, error: unknown): Promise<void> {
    const apiError = error instanceof ApiError ? error : null;
    const lastError = apiError ? apiError.toJSON() : { code: 'internal', detail: String(error) };
    if (apiError?.code === 'http-4xx') {
      // 413, 422 (and a 400 the employee cannot fix either): never sent again unchanged.
      const problems = problemsOf(apiError, deps.limits());
      const rejected = update(record, { status: 'rejected', attempts, lastError, problems, draft: record.draft, nextAttemptAt: null });
      log.warn('ticket refused by the API', { id: record.entry.id, status: apiError.status, problems: problems.map((p) => `${p.field}:${p.code}`).join(',') });
      publish();
      await persist(rejected);
      return;
    }
    if (apiError?.code === 'unauthorized') {
      waitForConnection = true;
      log.warn('ticket waits: the device token was refused', { id: record.entry.id });
      const waitingRecord = update(record, { status: 'queued', attempts, lastError, nextAttemptAt: null });
      waiting(lastError, null);
      await persist(waitingRecord);
      return;
    }
    const wait = backoff.next(apiError?.retryAfterMs);
    pausedUntil = clock.now() + wait;
    const again = update(record, { status: 'queued', attempts, lastError, nextAttemptAt: iso(pausedUntil) });
    if (!apiError) log.error('sending a ticket failed', { id: record.entry.id, error: String(error) });
    else log.warn('ticket not sent yet', { id: record.entry.id, code: apiError.code, status: apiError.status, waitMs: wait });
    waiting(null, pausedUntil);
    schedule(wait);
    await persist(again);
  }

  return {
    start(loaded) {
      running = true;
      for (const record of loaded) {
        // A crash while sending: the answer may have been lost; the same key makes a resend safe.
        const status = record.entry.status === 'sending' ? 'queued' : record.entry.status;
        records.set(record.entry.id, { ...record, entry: { ...record.entry, status } });
      }
      publish();
      void pump();
    },
    stop() {
      running = false;
      clock.clearTimeout(timer);
      timer = null;
    },
    add(record) {
      records.set(record.entry.id, record);
      publish();
      void pump();
    },
    reconnected() {
      waitForConnection = false;
      pausedUntil = 0;
      void pump();
    },
    heard() {
      waitForConnection = false;
      void pump();
    },
    poke() {
      void pump();
    },
    async dismiss(id) {
      const record = records.get(id);
      if (!record || record.entry.status === 'queued' || record.entry.status === 'sending') return;
      records.delete(id);
      publish();
      await folder.remove(id);
    },
    records: () => [...records.values()],
  };
}

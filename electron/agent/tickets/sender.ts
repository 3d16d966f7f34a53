import type { OutboxEntry } from '../../contract';
import { ApiError } from '../hallo-api/api-error';
import { Backoff, backoffDelay, type BackoffOptions } from '../hallo-api/backoff';
import type { HalloApi } from '../hallo-api/client';
import type { Logger } from '../log';
import { createWriteGate } from '../platform/write-gate';
import type { Clock } from '../ports';
import type { DamagedFile, OutboxFolder, OutboxPause, OutboxRecord, ReplyRecord } from './outbox';
import { problemsOf, replyProblemsOf } from './rejection';

export type { DamagedFile } from './outbox';

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
  /** At start: the outbox files that could not be read (moved to `outbox/damaged/`), maybe none. */
  onDamaged?: (files: readonly DamagedFile[]) => void;
  backoff?: BackoffOptions;
}

export interface Sender {
  /** `loaded` is what `OutboxFolder.load()` gave: the records, and the damaged files with them. */
  start(loaded: readonly OutboxRecord[] & { damaged?: readonly DamagedFile[] }): void;
  /** No timer, no file write after it settles; an answer still out changes nothing (see sendOne). */
  stop(): Promise<void>;
  /** A ticket just saved: it goes out at once when the API can be reached. */
  add(record: OutboxRecord): void;
  /** The connection answered again (`online` after something else): an unreachable server's wait ends; its Retry-After does not. */
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
 * What one failed attempt means for the ticket (the API contract: never retry 400, 401, 403, 404,
 * 413 or 422 unchanged):
 * - `rejected`: 400, 413, 422. Back to the employee, who can fix the draft.
 * - `token`: 401. Every ticket waits for the connection to be restored (re-enrolment, a heartbeat).
 * - `hold`: 403, 404. This ticket waits for the connection to change; the others still go.
 * - `server`: 429, or 503 with Retry-After. Every ticket waits as long as the server asks.
 * - `unreachable`: no answer (network, timeout). Every ticket waits with backoff, or for a reconnect.
 * - `retry`: anything else (500, 503 without Retry-After, 408, 409, 425, an unknown 4xx, an answer
 *   that fails its schema, our own bug). This ticket backs off on its own; the others still go.
 */
export type Verdict = 'rejected' | 'token' | 'hold' | OutboxPause | 'retry';

const REJECTED = new Set([400, 413, 422]);
const HOLD = new Set([403, 404]);
/**
 * A reply to a ticket deleted at the servicedesk (404) or closed (409) will never be taken: it
 * comes back into the reply box with the reason instead of waiting for a connection change.
 */
const REPLY_REJECTED = new Set([...REJECTED, 404, 409]);

/** The record with a change, not yet anyone's: `update` makes it the sender's own. */
function patched<R extends OutboxRecord>(record: R, patch: Partial<OutboxEntry>, more: Partial<R> = {}): R {
  const next: R = { ...record, ...more, entry: { ...record.entry, ...patch } };
  if (next.pause === undefined) delete next.pause;
  return next;
}

export function verdictOf(error: unknown, kind: OutboxRecord['kind'] = 'ticket'): Verdict {
  if (!(error instanceof ApiError)) return 'retry';
  switch (error.code) {
    case 'network':
    case 'timeout':
      return 'unreachable';
    case 'unauthorized':
      return 'token';
    case 'http-429':
      return 'server';
    case 'http-4xx':
      if (error.status !== undefined && (kind === 'reply' ? REPLY_REJECTED : REJECTED).has(error.status)) return 'rejected';
      if (error.status !== undefined && HOLD.has(error.status)) return 'hold';
      return 'retry';
    case 'http-5xx':
      return error.status === 503 && error.retryAfterMs !== undefined ? 'server' : 'retry';
    case 'invalid-response':
      return 'retry';
  }
}

const codesOf = (problems: readonly { field: string; code: string }[]) => problems.map((p) => `${p.field}:${p.code}`).join(',');

/** An earlier reply to the same ticket that has not gone yet: replies reach the servicedesk in order. */
function waitsForEarlierReply(record: OutboxRecord, waiting: readonly OutboxRecord[]): boolean {
  if (record.kind !== 'reply') return false;
  return waiting.some((other) => other.kind === 'reply' && other.ticketId === record.ticketId && other.entry.id < record.entry.id);
}

/** A ticket left waiting for the connection (401, 403, 404) before a restart waits for it again. */
function heldBefore(record: OutboxRecord): boolean {
  const error = record.entry.lastError;
  return record.entry.nextAttemptAt === null && error !== null && (error.code === 'unauthorized' || (error.status !== undefined && HOLD.has(error.status)));
}

/**
 * Sends the outbox: one request at a time, the oldest ticket or reply that is due first, the ULID as
 * Idempotency-Key so that a retry (after a crash, a timeout or a lost answer) never makes a second
 * ticket. Each ticket has its own attempts and backoff (full jitter), so one that keeps failing
 * does not hold back the newer ones; what concerns the whole server (unreachable, 429,
 * Retry-After) pauses them all. Replies to one ticket go in order: a later one waits while an
 * earlier one is queued; tickets and other tickets' replies still go. Waits are kept in the files,
 * so a restart honours them. Every
 * wait is one timer or one store event: nothing polls.
 *
 * In `records`, `entry.nextAttemptAt` is the ticket's own next try (for a ticket with `pause`,
 * the pause's end); what the UI is shown combines it with the pause and the connection.
 */
export function createSender(deps: SenderDeps): Sender {
  const { clock, folder } = deps;
  const log = deps.log.child('sender');
  /** Consecutive failures that concern the whole server; any other answer starts it again. */
  const serverBackoff = new Backoff(deps.backoff);
  const records = new Map<string, OutboxRecord>();
  /** Tickets waiting for the connection to change (403, 404, or 401). */
  const held = new Set<string>();
  let tokenRefused = false;
  let running = false;
  let busy = false;
  let timer: unknown = null;
  const disk = createWriteGate();

  const iso = (ms: number) => new Date(ms).toISOString();
  const at = (value: string | null) => (value === null ? 0 : Date.parse(value) || 0);
  const queued = () => [...records.values()].filter((r) => r.entry.status === 'queued').sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1));

  /** Until when the server's pause holds every ticket back (0: none). */
  function pausedUntil(): number {
    let until = 0;
    for (const record of queued()) if (record.pause) until = Math.max(until, at(record.entry.nextAttemptAt));
    return until;
  }

  /** When this ticket may go, by its own backoff (a pause's carrier: at once, the pause covers it). */
  const ownDue = (record: OutboxRecord) => (record.pause ? 0 : at(record.entry.nextAttemptAt));
  const waitsForConnection = (record: OutboxRecord) => tokenRefused || held.has(record.entry.id);

  /** The entry as the UI sees it: when it will really be tried, null while it waits for the connection. */
  function shown(record: OutboxRecord, enrolled: boolean, pause: number): OutboxRecord {
    const { entry } = record;
    if (entry.status !== 'queued') return entry.nextAttemptAt === null ? record : { ...record, entry: { ...entry, nextAttemptAt: null } };
    const next = !enrolled || waitsForConnection(record) ? 0 : Math.max(ownDue(record), pause);
    const nextAttemptAt = next > clock.now() ? iso(next) : null;
    return nextAttemptAt === entry.nextAttemptAt ? record : { ...record, entry: { ...entry, nextAttemptAt } };
  }

  function view(): OutboxRecord[] {
    const enrolled = deps.api() !== null;
    const pause = pausedUntil();
    return [...records.values()].map((r) => shown(r, enrolled, pause));
  }

  const publish = () => deps.onChange(view());

  function update<R extends OutboxRecord>(record: R, patch: Partial<OutboxEntry>, more: Partial<R> = {}): R {
    const next = patched(record, patch, more);
    records.set(next.entry.id, next);
    return next;
  }

  /** Best effort: the ticket itself is on disk already; this only keeps its status for a restart. */
  function persist(record: OutboxRecord): Promise<void> {
    return disk.run(() => folder.save(record).catch((error: unknown) => log.error('could not update an outbox file', { id: record.entry.id, error: String(error) })));
  }

  function schedule(ms: number | null): void {
    clock.clearTimeout(timer);
    timer = null;
    if (ms === null) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void pump();
    }, Math.max(0, ms));
  }

  async function prune(): Promise<void> {
    const cutoff = clock.now() - KEEP_SENT_MS;
    for (const record of records.values()) {
      if (record.entry.status === 'sent' && record.sentAt !== null && Date.parse(record.sentAt) < cutoff) {
        records.delete(record.entry.id);
        await disk.run(() => folder.remove(record.entry.id).catch((error: unknown) => log.warn('could not remove a sent ticket file', { error: String(error) })));
        publish();
      }
    }
  }

  /** Not enrolled: every waiting ticket says so (once), and waits for the connection without a timer. */
  function notEnrolled(waiting: OutboxRecord[]): void {
    schedule(null);
    const stale = waiting.filter((r) => r.entry.lastError?.code !== 'not-enrolled');
    for (const record of stale) update(record, { lastError: { code: 'not-enrolled' } });
    if (stale.length > 0) publish();
  }

  async function pump(): Promise<void> {
    if (!running || busy) return;
    await prune();
    if (!running || busy) return;
    const waiting = queued();
    if (waiting.length === 0) return schedule(null);
    const api = deps.api();
    if (!api) return notEnrolled(waiting);
    const now = clock.now();
    const pause = pausedUntil();
    if (pause > now) return schedule(pause - now);
    const ready = waiting.filter((r) => !waitsForConnection(r) && !waitsForEarlierReply(r, waiting));
    const next = ready.find((r) => ownDue(r) <= now);
    if (!next) return schedule(ready.length > 0 ? Math.min(...ready.map(ownDue)) - now : null);
    schedule(null);
    busy = true;
    try {
      await sendOne(api, update(next, { status: 'sending', nextAttemptAt: null }, { pause: undefined }));
    } finally {
      busy = false;
    }
    if (running) void pump();
  }

  /** The request, and what its answer changes in the record. */
  async function post(api: HalloApi, record: OutboxRecord): Promise<{ number: number | null; more: Partial<ReplyRecord>; replayed: boolean }> {
    if (record.kind === 'reply') {
      const { message, replayed } = await api.createTicketMessage(record.ticketId, record.body, record.entry.id);
      return { number: null, more: { message }, replayed };
    }
    const { ticket, replayed } = await api.createTicket(record.body, record.entry.id);
    return { number: ticket.number, more: {}, replayed };
  }

  async function sendOne(api: HalloApi, record: OutboxRecord): Promise<void> {
    publish();
    const attempts = record.entry.attempts + 1;
    try {
      const { number, more, replayed } = await post(api, record);
      // Stopped meanwhile: as after a crash, the file still says queued and the next start sends
      // again under the same key (the API answers with this ticket or reply).
      if (!running) return;
      serverBackoff.reset();
      held.delete(record.entry.id);
      const sent = update(record, { status: 'sent', attempts, number, lastError: null, nextAttemptAt: null }, { ...more, sentAt: iso(clock.now()) });
      log.info(record.kind === 'reply' ? 'reply sent' : 'ticket sent', { id: record.entry.id, number, replayed, attempts });
      publish();
      await persist(sent);
      deps.onSent(sent);
    } catch (error) {
      if (running) await failed(record, attempts, error);
    }
  }

  async function failed(record: OutboxRecord, attempts: number, error: unknown): Promise<void> {
    const apiError = error instanceof ApiError ? error : null;
    const lastError = apiError ? apiError.toJSON() : { code: 'internal', detail: String(error) };
    const { id } = record.entry;
    const verdict = verdictOf(error, record.kind);
    if (verdict !== 'server' && verdict !== 'unreachable') serverBackoff.reset(); // the server answered
    const now = clock.now();
    let next: OutboxRecord;
    switch (verdict) {
      case 'rejected': {
        const rejected = { status: 'rejected' as const, attempts, lastError, nextAttemptAt: null };
        const status = apiError!.status;
        if (record.kind === 'reply') {
          const problems = replyProblemsOf(apiError!, deps.limits());
          next = patched(record, rejected, { problems });
          log.warn('reply refused by the API', { id, status, problems: codesOf(problems) });
        } else {
          const problems = problemsOf(apiError!, deps.limits());
          next = patched(record, { ...rejected, problems, draft: record.draft });
          log.warn('ticket refused by the API', { id, status, problems: codesOf(problems) });
        }
        break;
      }
      case 'token':
      case 'hold': {
        held.add(id);
        next = patched(record, { status: 'queued', attempts, lastError, nextAttemptAt: null });
        if (verdict === 'token') {
          tokenRefused = true;
          for (const other of queued()) if (other !== next) update(other, { lastError });
          log.warn('tickets wait: the device token was refused', { id });
        } else {
          log.warn('ticket waits for the connection to change: the API refused it', { id, status: apiError!.status });
        }
        break;
      }
      case 'server':
      case 'unreachable': {
        const wait = serverBackoff.next(apiError?.retryAfterMs);
        next = patched(record, { status: 'queued', attempts, lastError, nextAttemptAt: iso(now + wait) }, { pause: verdict });
        log.warn('tickets wait: the API is not taking them now', { id, code: apiError!.code, status: apiError!.status, waitMs: wait });
        break;
      }
      case 'retry': {
        const wait = backoffDelay(attempts - 1, apiError?.retryAfterMs, deps.backoff);
        next = patched(record, { status: 'queued', attempts, lastError, nextAttemptAt: iso(now + wait) }, { pause: undefined });
        if (!apiError) log.error('sending a ticket failed', { id, error: String(error) });
        else log.warn('ticket not sent yet', { id, code: apiError.code, status: apiError.status, waitMs: wait });
        break;
      }
    }
    // On disk before the UI hears of it (this or any other change's view): what the UI says about
    // the wait survives a crash. Until then the sender holds the record as it was (sending).
    await persist(next);
    records.set(id, next);
    publish();
  }

  /** Ends every wait for the connection; true when there was one. */
  function connectionRestored(): boolean {
    const was = tokenRefused || held.size > 0;
    tokenRefused = false;
    held.clear();
    return was;
  }

  return {
    start(loaded) {
      running = true;
      for (const record of loaded) {
        let next = record;
        // A crash while sending: the answer may have been lost; the same key makes a resend safe, now.
        if (record.entry.status === 'sending') next = { ...record, entry: { ...record.entry, status: 'queued', nextAttemptAt: null } };
        if (next.entry.status === 'queued' && heldBefore(next)) held.add(next.entry.id);
        records.set(next.entry.id, next);
      }
      publish();
      deps.onDamaged?.(loaded.damaged ?? []);
      void pump();
    },
    async stop() {
      running = false;
      schedule(null);
      await disk.close();
    },
    add(record) {
      records.set(record.entry.id, record);
      publish();
      void pump();
    },
    reconnected() {
      serverBackoff.reset();
      const unreachable = queued().filter((r) => r.pause === 'unreachable');
      for (const record of unreachable) update(record, { nextAttemptAt: null }, { pause: undefined });
      if (connectionRestored() || unreachable.length > 0) publish();
      void pump();
    },
    heard() {
      if (connectionRestored()) publish();
      void pump();
    },
    poke() {
      void pump();
    },
    async dismiss(id) {
      const record = records.get(id);
      if (!record || record.entry.status === 'queued' || record.entry.status === 'sending') return;
      records.delete(id);
      held.delete(id);
      publish();
      await folder.remove(id);
    },
    records: view,
  };
}

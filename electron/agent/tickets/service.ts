import { basename } from 'node:path';
import { ActionError, openReport, type DraftProblem, type MyTicket, type Notice, type TicketDraft, type TicketPreview, type TicketsState } from '../../contract';
import type { DiagnosticsPart, SliceStore } from '../capability';
import { newUlid } from '../platform/ids';
import type { BackoffOptions } from '../hallo-api/backoff';
import type { HalloApi } from '../hallo-api/client';
import type { Policy, ServerEvent, TicketCreateRequest } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import type { Logger } from '../log';
import { currentUserMasker, type Masker } from '../platform/mask';
import { createWriteGate } from '../platform/write-gate';
import type { Clock, ScreenCapture } from '../ports';
import { ContactMemory } from './contact';
import { checkDraft, cleanDraft, type CleanDraft } from './draft';
import { createTicketListSync } from './list';
import { TicketListMemory } from './list-memory';
import { createListPoll } from './list-poll';
import { deliveredNotices } from './delivered';
import { listIsForeign, type ListOwner } from './list-owner';
import { isTicket, OutboxFolder, type DamagedFile, type OutboxRecord, type TicketRecord } from './outbox';
import { nextViewChange, presentOutbox } from './outbox-view';
import { createProcessCache } from './process-cache';
import { probeProcesses, type TopProcesses } from './processes';
import { createReportForm } from './report-form';
import { createSender } from './sender';
import { createTicketBody } from './ticket-body';

export interface TicketsDeps {
  store: SliceStore<'tickets'>;
  log: Logger;
  clock: Clock;
  screen: ScreenCapture;
  dataDir: string;
  appVersion: string;
  /** The API client while enrolled (connection capability). */
  api: () => HalloApi | null;
  /** Every capability's part of the diagnostics (device, health, checks, updates). */
  diagnostics: (mask: Masker) => Promise<DiagnosticsPart>;
  onNotice: (notice: Notice) => void;
  backoff?: BackoffOptions;
  /** With a list from before on screen, this run's first fetch of it waits this long (hallo-api/follow-up.ts); default at once. */
  firstListDelayMs?: number;
  /** Tests replace the slow OS probes and the user's name. */
  processes?: () => Promise<TopProcesses>;
  mask?: Masker;
  contact?: ContactMemory;
  /** The conversation on each ticket (conversation.ts): its replies share this outbox, and it shapes the list. */
  conversation?: ConversationHooks;
}

export interface ConversationHooks {
  /** Every change of the outbox, tickets and replies. */
  outboxChanged(records: readonly OutboxRecord[]): void;
  sent(record: OutboxRecord): void;
  /** The list as shown (counts, order); `fresh`: just from the API, so news against what was known. */
  shapeList(list: MyTicket[], fresh: boolean): MyTicket[];
}

/** The outbox for the conversation's replies. */
export interface SharedOutbox {
  /** Written to disk (flushed), then sent; throws `not-saved` when the disk refuses. */
  keep(record: OutboxRecord): Promise<void>;
  dismiss(id: string): Promise<void>;
  records(): readonly OutboxRecord[];
}

export type SubmitResult = { outcome: 'saved'; id: string } | { outcome: 'invalid'; problems: DraftProblem[] };

export interface TicketsService {
  start(): Promise<void>;
  /** After it settles nothing of tickets writes (see WriteGate). */
  stop(): Promise<void>;
  applyPolicy(policy: Policy['tickets']): void;
  /** Takes the screenshot and opens the form; fitting the picture to the policy's limit goes on after it answers. */
  startReport(relatedItemId: string | null): Promise<void>;
  reopen(id: string): Promise<void>;
  cancelReport(): void;
  removeScreenshot(): void;
  preview(draft: TicketDraft): Promise<TicketPreview>;
  submit(draft: TicketDraft): Promise<SubmitResult>;
  dismiss(id: string): Promise<void>;
  refresh(): Promise<void>;
  onServerEvent(event: ServerEvent): void;
  readonly outbox: SharedOutbox;
}

/** A second Send of the same words this soon is a double click, not a second problem (or reply). */
export const DOUBLE_SEND_MS = 10_000;

/**
 * "Report a problem": the form (report-form.ts), the diagnostics, the durable outbox and its
 * sender, and this PC's tickets (list.ts, list-poll.ts). Owns the store's `tickets` slice.
 */
export function createTicketsService(deps: TicketsDeps): TicketsService {
  const { store, clock } = deps;
  const log = deps.log.child('tickets');
  const mask = deps.mask ?? currentUserMasker();
  const folder = new OutboxFolder(deps.dataDir, log);
  const contactMemory = deps.contact ?? new ContactMemory(deps.dataDir, log);
  const listMemory = new TicketListMemory(deps.dataDir, log);
  const shapeList = (list: MyTicket[], fresh: boolean) => deps.conversation?.shapeList(list, fresh) ?? list;
  /** The body "Bekijk wat er wordt meegestuurd" showed: Send sends exactly that while the draft is unchanged. */
  let previewed: { key: string; body: TicketCreateRequest } | null = null;
  /** The last Send, by its draft: the same words again while it saves, or just after, are a double click. */
  let lastSend: { key: string; result: Promise<SubmitResult>; at: number } | null = null;
  /** The ticket last saved from the form: refused by the API, it comes straight back into the form. */
  let justSent: string | null = null;
  let damagedFiles: readonly DamagedFile[] = [];
  let unsubscribe: (() => void) | null = null;
  let viewTimer: unknown = null;
  let listOwner: ListOwner | null = null;
  /**
   * "My tickets" is asked when the connection first comes online in a run, not again each time it
   * comes back: after an outage the event stream resumes where it left off (Last-Event-ID) and
   * list-poll.ts keeps asking while a ticket is open. A whole fleet coming back at once asks the
   * API for nothing more than its heartbeats and streams (tests/bench/fleet/).
   */
  let listedThisRun = false;
  /** A list from before is on screen: the first fetch may wait (firstListDelayMs). */
  let listKnown = false;
  let firstListTimer: unknown = null;
  const listOnce = () => {
    if (listedThisRun) return;
    listedThisRun = true;
    if (!listKnown || !deps.firstListDelayMs) return void list.refresh();
    firstListTimer = clock.setTimeout(() => {
      firstListTimer = null;
      if (!stopped) void list.refresh();
    }, deps.firstListDelayMs);
  };
  const ownerNow = (): ListOwner => ({ deviceId: store.get().connection.deviceId, apiUrl: store.get().connection.apiUrl });
  const disk = createWriteGate();

  let stopped = false;
  // After stop nothing changes the slice: a late fit, list answer or sender change is dropped.
  const patch = (value: Partial<TicketsState>) => {
    if (!stopped) store.update('tickets', (previous) => ({ ...previous, ...value }));
  };
  const state = () => store.get().tickets;

  const processes = createProcessCache({ clock, log, probe: deps.processes ?? (() => probeProcesses(mask)) });
  const form = createReportForm({ log, screen: deps.screen, state, patch, onOpen: () => void processes.prefetch() });
  form.onChange(() => (previewed = null));
  const bodyFor = createTicketBody({ log, clock, mask, appVersion: deps.appVersion, parts: deps.diagnostics, processes, picture: () => form.picture() });

  const sender = createSender({
    folder,
    clock,
    log,
    api: deps.api,
    limits: () => ({ maxAttachmentBytes: state().maxAttachmentBytes, maxDescriptionChars: state().maxDescriptionChars }),
    onChange: (records) => {
      const tickets = records.filter(isTicket);
      const delivered = deliveredNotices(state().outbox, tickets.map((r) => r.entry));
      showOutbox(tickets);
      backToForm(tickets);
      deps.conversation?.outboxChanged(records);
      for (const notice of delivered) deps.onNotice(notice);
    },
    onSent: (record) => {
      deps.conversation?.sent(record);
      void list.refresh();
    },
    onDamaged: (files) => showDamaged(files),
    backoff: deps.backoff,
  });

  /** The tickets on their way as the employee is told about them; again when a waiting ticket's reason comes into sight. */
  function showOutbox(records: readonly TicketRecord[]): void {
    const entries = records.map((r) => r.entry);
    patch({ outbox: presentOutbox(entries, clock.now(), store.get().support) });
    clock.clearTimeout(viewTimer);
    const next = nextViewChange(entries, clock.now());
    viewTimer = next === null ? null : clock.setTimeout(() => showOutbox(sender.records().filter(isTicket)), next - clock.now());
  }

  /** The ticket just sent, refused by the API: back into the form, unless another report is open. */
  function backToForm(records: readonly TicketRecord[]): void {
    const refused = justSent ? records.find((r) => r.entry.id === justSent && r.entry.status === 'rejected') : undefined;
    if (!refused) return;
    justSent = null;
    if (state().report === null) openRefused(refused);
  }

  function openRefused(record: TicketRecord): void {
    const picture = record.body.attachments?.[0];
    form.reopen(
      openReport({ relatedItemId: record.draft.relatedItemId, draft: record.draft, problems: record.entry.problems, replaces: record.entry.id }),
      picture ? Buffer.from(picture.dataBase64, 'base64') : null,
      record.draft.includeScreenshot,
    );
  }

  function showDamaged(files: readonly DamagedFile[]): void {
    damagedFiles = files;
    patch({ damaged: files.map((f) => ({ file: basename(f.path), problem: f.problem, at: f.at })) });
  }

  /** "Begrepen" on a damaged file: not shown again, but kept for a person to look at. */
  async function acknowledgeDamaged(file: DamagedFile): Promise<void> {
    await folder.acknowledge(file);
    showDamaged(damagedFiles.filter((f) => f !== file));
  }

  const list = createTicketListSync({
    log,
    api: deps.api,
    now: () => clock.now(),
    onList: (fetched, updatedAt) => {
      const tickets = shapeList(fetched, true);
      patch({ list: tickets, listUpdatedAt: updatedAt });
      poll.after(tickets);
      listOwner = ownerNow();
      const owner = listOwner;
      return disk.run(() => listMemory.save(tickets, updatedAt, owner));
    },
    onNotice: deps.onNotice,
  });
  const poll = createListPoll({ clock, refresh: () => list.refresh(), current: () => state().list });

  /** Flushed to disk before anyone hears "saved"; throws `not-saved` when the disk refuses. */
  async function keepOnDisk(record: OutboxRecord): Promise<void> {
    try {
      await folder.save(record);
    } catch (error) {
      log.error(`${record.kind ?? 'ticket'} could not be saved`, { id: record.entry.id, error: String(error) });
      throw new ActionError('not-saved', (error as NodeJS.ErrnoException).code ?? 'write failed');
    }
  }

  /** Writes the ticket to disk (flushed) and hands it to the sender; throws `not-saved` when the disk refuses. */
  async function save(clean: CleanDraft, draft: TicketDraft, key: string, replaces: string | null): Promise<SubmitResult> {
    await form.picture(); // a fit still running may change the preview
    const body = previewed?.key === key ? previewed.body : await bodyFor(clean);
    const valid = validateSchema('TicketCreateRequest', body);
    if (!valid.ok) {
      log.error('ticket body failed its schema', { errors: valid.errors.slice(0, 1000) });
      throw new ActionError('internal', 'the ticket could not be made');
    }
    const id = await newUlid(clock.now());
    const record: TicketRecord = {
      entry: {
        id,
        createdAt: new Date(clock.now()).toISOString(),
        subject: body.subject,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        number: null,
        problems: [],
        draft: null,
        urgency: body.urgency,
      },
      body,
      draft,
      sentAt: null,
    };
    await keepOnDisk(record);
    // Closes the report this Send came from; one opened meanwhile (a refused ticket back) stays.
    if ((state().report?.replaces ?? null) === replaces) {
      form.close();
      patch({ report: null });
    }
    patch({ contact: clean.contact });
    justSent = id;
    sender.add(record);
    // The refused one goes only now that its fixed version is safe on disk.
    if (replaces) await sender.dismiss(replaces);
    void disk.run(() => contactMemory.remember(clean.contact));
    return { outcome: 'saved', id };
  }

  return {
    async start() {
      const [contact, loaded, known] = await Promise.all([contactMemory.load(), folder.load(), listMemory.load()]);
      patch({ contact, ...(known ? { list: shapeList(known.list, false), listUpdatedAt: known.updatedAt } : {}) });
      // What this PC knew before it stopped: an answer that came meanwhile is news, and is told.
      if (known) {
        listKnown = true;
        list.seed(known.list);
        poll.after(known.list);
        listOwner = known.owner ?? null;
      }
      let previous = store.get().connection;
      unsubscribe = store.subscribe((change) => {
        if (change.support) showOutbox(sender.records().filter(isTicket)); // whom to call while a ticket waits follows the hours
        const now = change.connection;
        if (!now) return;
        const was = previous;
        previous = now;
        if (listIsForeign(listOwner, ownerNow())) {
          listOwner = null;
          list.forget();
          listedThisRun = false;
          listKnown = false;
          clock.clearTimeout(firstListTimer);
          patch({ list: shapeList([], false), listUpdatedAt: null });
        }
        if (now.status === 'online' && was.status !== 'online') {
          sender.reconnected();
          listOnce();
        } else if (now.lastContactAt !== was.lastContactAt) sender.heard();
        else sender.poke();
      });
      sender.start(loaded);
      if (previous.status === 'online') listOnce();
    },

    async stop() {
      stopped = true;
      form.close(); // a fit still queued is dropped
      unsubscribe?.();
      unsubscribe = null;
      poll.stop();
      clock.clearTimeout(firstListTimer);
      clock.clearTimeout(viewTimer);
      viewTimer = null;
      await Promise.all([sender.stop(), disk.close()]);
    },

    applyPolicy(policy) {
      patch({
        categories: policy.categories.map((c) => ({ id: c.id, label: { nl: c.label.nl, en: c.label.en } })),
        maxDescriptionChars: policy.maxDescriptionChars,
        maxAttachmentBytes: policy.maxAttachmentBytes,
      });
    },

    startReport: (relatedItemId) => form.open(relatedItemId),

    async reopen(id) {
      const record = sender.records().filter(isTicket).find((r) => r.entry.id === id && r.entry.status === 'rejected');
      if (!record) throw new ActionError('invalid-request', 'no refused ticket with that id');
      openRefused(record);
    },

    cancelReport() {
      form.close();
      patch({ report: null });
    },

    removeScreenshot: () => form.removeScreenshot(),

    async preview(draft) {
      await form.picture();
      const clean = cleanDraft(draft);
      const body = await bodyFor(clean);
      previewed = { key: JSON.stringify(clean), body };
      // The picture as its name, type and size: the bytes themselves say nothing to a reader.
      const attachments = (body.attachments ?? []).map((a) => ({
        name: a.name,
        contentType: a.contentType,
        bytes: Buffer.byteLength(a.dataBase64, 'base64'),
      }));
      return { ...body, attachments };
    },

    async submit(draft) {
      const check = checkDraft(draft, { maxDescriptionChars: state().maxDescriptionChars, categoryIds: state().categories.map((c) => c.id) });
      if (!check.ok) return { outcome: 'invalid', problems: check.problems };
      const key = JSON.stringify(check.draft);
      // Read before any wait: the report this Send belongs to, and the refused ticket it fixes.
      const replaces = state().report?.replaces ?? null;
      const sendKey = JSON.stringify([key, replaces]);
      if (lastSend && lastSend.key === sendKey && clock.now() - lastSend.at < DOUBLE_SEND_MS) return lastSend.result;
      const result = save(check.draft, draft, key, replaces);
      lastSend = { key: sendKey, result, at: clock.now() };
      // A save that failed (full disk) may be tried again at once.
      result.catch(() => lastSend?.result === result && (lastSend = null));
      return result;
    },

    async dismiss(id) {
      const damaged = damagedFiles.find((f) => basename(f.path) === id);
      return damaged ? acknowledgeDamaged(damaged) : sender.dismiss(id);
    },
    refresh: () => list.refresh(),
    onServerEvent(event) {
      if (event.type === 'ticket.updated') void list.refresh();
    },
    outbox: {
      async keep(record) {
        await keepOnDisk(record);
        sender.add(record);
      },
      dismiss: (id) => sender.dismiss(id),
      records: () => sender.records(),
    },
  };
}

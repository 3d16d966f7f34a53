import { basename } from 'node:path';
import { monotonicFactory } from 'ulid';
import { ActionError, type DeviceInfo, type DraftProblem, openReport, type MyTicket, type Notice, type OpenReport, type OutboxEntry, type TicketDraft, type TicketsState } from '../../contract';
import type { BackoffOptions } from '../hallo-api/backoff';
import type { HalloApi } from '../hallo-api/client';
import type { Policy, ServerEvent, TicketCreateRequest } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import { bounded, singleFlight } from '../health/bounded';
import type { Logger } from '../log';
import type { Clock, ScreenCapture } from '../ports';
import type { AgentStore } from '../store';
import { ContactMemory } from './contact';
import { buildDiagnostics, checkDiagnostics, type Diagnostics } from './diagnostics';
import { checkDraft, cleanDraft, type CleanDraft } from './draft';
import { createTicketListSync } from './list';
import { TicketListMemory } from './list-memory';
import { currentUserMasker, type Masker } from './mask';
import { deliveredNotices } from './delivered';
import { listIsForeign, type ListOwner } from './list-owner';
import { OutboxFolder, type DamagedFile, type OutboxRecord } from './outbox';
import { probeProcesses, type TopProcesses } from './processes';
import { fitScreenshot, type FitResult, type FittedScreenshot } from './screenshot';
import { createSender } from './sender';

export interface TicketsDeps {
  store: AgentStore;
  log: Logger;
  clock: Clock;
  screen: ScreenCapture;
  dataDir: string;
  appVersion: string;
  /** The API client while enrolled (connection service). */
  api: () => HalloApi | null;
  device: () => Promise<DeviceInfo>;
  onNotice: (notice: Notice) => void;
  backoff?: BackoffOptions;
  /** Tests replace the slow OS probes and the user's name. */
  processes?: () => Promise<TopProcesses>;
  mask?: Masker;
  contact?: ContactMemory;
}

export type SubmitResult = { outcome: 'saved'; id: string } | { outcome: 'invalid'; problems: DraftProblem[] };

export interface TicketsService {
  start(): Promise<void>;
  stop(): void;
  applyPolicy(policy: Policy['tickets']): void;
  /** Takes the screenshot and opens the form; fitting the picture to the policy's limit goes on after it answers. */
  startReport(relatedItemId: string | null): Promise<void>;
  reopen(id: string): Promise<void>;
  cancelReport(): void;
  removeScreenshot(): void;
  preview(draft: TicketDraft): Promise<Record<string, unknown>>;
  submit(draft: TicketDraft): Promise<SubmitResult>;
  dismiss(id: string): Promise<void>;
  refresh(): Promise<void>;
  onServerEvent(event: ServerEvent): void;
}

/** A process list this fresh is still the PC the employee is describing. */
const PROCESSES_FRESH_MS = 30_000;
const PROCESSES_TIMEOUT_MS = 5_000;
/** How long Send waits for a process list still being made; after it the last one made goes. */
const PROCESSES_WAIT_MS = 800;
/** A second Send of the same words this soon is a double click, not a second problem. */
const DOUBLE_SEND_MS = 10_000;
/** "My tickets" is asked again this often (jittered) while a ticket is still open. */
const LIST_POLL_MS = 10 * 60_000;

/**
 * "Report a problem": the form's screenshot, the diagnostics, the durable outbox and its sender,
 * and this PC's tickets. Owns the store's `tickets` slice.
 */
export function createTicketsService(deps: TicketsDeps): TicketsService {
  const { store, clock } = deps;
  const log = deps.log.child('tickets');
  const mask = deps.mask ?? currentUserMasker();
  const folder = new OutboxFolder(deps.dataDir, log);
  const contactMemory = deps.contact ?? new ContactMemory(deps.dataDir, log);
  const newId = monotonicFactory();
  // One `ps` (PowerShell on Windows) at a time: a hung one is joined by the next form, not doubled.
  const flight = singleFlight();
  const probe = () => flight('processes', deps.processes ?? (() => probeProcesses(mask)));
  const listMemory = new TicketListMemory(deps.dataDir, log);
  let shot: FittedScreenshot | null = null;
  /** The screenshot still being fitted to the limit; Send and the preview wait for it. */
  let fitting: Promise<void> = Promise.resolve();
  let reportGeneration = 0;
  let processes: { at: number; result: Promise<TopProcesses | null> } | null = null;
  let lastProcesses: TopProcesses | null = null;
  /** The body "Bekijk wat er wordt meegestuurd" showed: Send sends exactly that while the draft is unchanged. */
  let previewed: { key: string; body: TicketCreateRequest } | null = null;
  /** The last Send, by its draft: the same words again while it saves, or just after, are a double click. */
  let lastSend: { key: string; result: Promise<SubmitResult>; at: number } | null = null;
  let pollTimer: unknown = null;
  let damagedFiles: readonly DamagedFile[] = [];
  let unsubscribe: (() => void) | null = null;
  let listOwner: ListOwner | null = null;
  const ownerNow = (): ListOwner => ({ deviceId: store.get().connection.deviceId, apiUrl: store.get().connection.apiUrl });

  const patch = (value: Partial<TicketsState>) => store.update('tickets', (previous) => ({ ...previous, ...value }));
  const state = () => store.get().tickets;

  const sender = createSender({
    folder,
    clock,
    log,
    api: deps.api,
    limits: () => ({ maxAttachmentBytes: state().maxAttachmentBytes, maxDescriptionChars: state().maxDescriptionChars }),
    onChange: (records) => {
      const outbox: OutboxEntry[] = records.map((r) => r.entry).sort((a, b) => (a.id < b.id ? 1 : -1));
      const delivered = deliveredNotices(state().outbox, outbox);
      patch({ outbox });
      for (const notice of delivered) deps.onNotice(notice);
    },
    onSent: () => void list.refresh(),
    onDamaged: (files) => showDamaged(files),
    backoff: deps.backoff,
  });

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
    onList: (tickets, updatedAt) => {
      patch({ list: tickets, listUpdatedAt: updatedAt });
      schedulePoll(tickets);
      listOwner = ownerNow();
      return listMemory.save(tickets, updatedAt, listOwner);
    },
    onNotice: deps.onNotice,
  });

  /** Only while something is still open: a PC whose tickets are all closed asks no more. */
  function schedulePoll(tickets: readonly MyTicket[]): void {
    clock.clearTimeout(pollTimer);
    pollTimer = null;
    if (!tickets.some((t) => t.status !== 'closed')) return;
    pollTimer = clock.setTimeout(() => {
      pollTimer = null;
      // A failed fetch keeps asking at the same pace; a successful one has scheduled itself already.
      void list.refresh().finally(() => pollTimer === null && schedulePoll(state().list));
    }, Math.round(LIST_POLL_MS * (0.5 + Math.random())));
  }

  const patchReport = (value: Partial<OpenReport>) => {
    const report = state().report;
    if (report) patch({ report: { ...report, ...value } });
  };
  const screenshotInfo = (fitted: FittedScreenshot) => ({ thumbnail: fitted.thumbnail, width: fitted.width, height: fitted.height, bytes: fitted.png.length });

  /** Fits the picture after the form is open (a 4K screen takes a second or two), then shows it. */
  function fitLater(png: Uint8Array, generation: number, context: Record<string, unknown>): void {
    const fit = (): FitResult => {
      try {
        return fitScreenshot(png, state().maxAttachmentBytes);
      } catch (error) {
        log.error('screenshot could not be fitted', { error: String(error) });
        return { ok: false, reason: 'unreadable' }; // never a reason for Send to fail
      }
    };
    fitting = new Promise<FitResult>((done) => setImmediate(() => done(fit()))).then((fitted) => {
      if (generation !== reportGeneration) return; // cancelled or opened again meanwhile
      if (!fitted.ok) log.warn('screenshot left out', { reason: fitted.reason, ...context });
      shot = fitted.ok ? fitted.value : null;
      previewed = null;
      patchReport(fitted.ok ? { screenshot: screenshotInfo(fitted.value), screenshotNote: null } : { screenshot: null, screenshotNote: fitted.reason === 'too-large' ? 'too-large' : 'unreadable' });
    });
  }

  /** A report closed (sent or cancelled): its picture and preview go; a late fit or capture is ignored. */
  function endReport(): number {
    shot = null;
    previewed = null;
    return ++reportGeneration;
  }

  /** A report opened: as closing the last one, and the process list is started for Send. */
  function beginReport(): number {
    void prefetchProcesses();
    return endReport();
  }

  /** Started when the form opens, so that Send does not wait a second for `ps`. */
  function prefetchProcesses(): Promise<TopProcesses | null> {
    if (processes && clock.now() - processes.at < PROCESSES_FRESH_MS) return processes.result;
    const result = bounded(probe, PROCESSES_TIMEOUT_MS, clock).then((r) => {
      if ('value' in r) return (lastProcesses = r.value);
      log.warn('process list not available', { reason: r.error });
      return null;
    });
    processes = { at: clock.now(), result };
    return result;
  }

  /** The freshest list Send can have without making the employee wait: a slow probe gives the last one made. */
  async function processesForTicket(): Promise<TopProcesses | null> {
    const waited = await bounded(prefetchProcesses, PROCESSES_WAIT_MS, clock);
    return ('value' in waited ? waited.value : null) ?? lastProcesses;
  }

  async function diagnosticsFor(draft: CleanDraft): Promise<Diagnostics> {
    const [device, top] = await Promise.all([deps.device(), draft.includeProcesses ? processesForTicket() : null]);
    const diagnostics = buildDiagnostics({
      state: store.get(),
      device,
      recent: log.recent(),
      processes: top,
      appVersion: deps.appVersion,
      now: clock.now(),
      mask,
      relatedItemId: draft.relatedItemId,
    });
    const checked = checkDiagnostics(diagnostics);
    if (checked.ok) return checked.value;
    // Our own bug; the ticket still goes, with the parts most likely at fault left out.
    log.error('diagnostics failed their schema', { errors: checked.errors.slice(0, 1000) });
    const fallback = checkDiagnostics({ ...diagnostics, processes: null, recentErrors: [], checks: [] });
    if (fallback.ok) return fallback.value;
    throw new ActionError('internal', `diagnostics: ${fallback.errors}`);
  }

  async function bodyFor(draft: CleanDraft): Promise<TicketCreateRequest> {
    const { contact } = draft;
    const picture = draft.includeScreenshot ? shot : null;
    return {
      subject: draft.subject,
      description: draft.description,
      category: draft.category,
      urgency: draft.urgency,
      contact: { name: contact.name, ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) },
      diagnostics: await diagnosticsFor(draft),
      attachments: picture ? [{ name: 'screenshot.png', contentType: 'image/png', dataBase64: picture.png.toString('base64') }] : [],
    };
  }

  function limits() {
    const s = state();
    return { maxDescriptionChars: s.maxDescriptionChars, categoryIds: s.categories.map((c) => c.id) };
  }

  /** Writes the ticket to disk (flushed) and hands it to the sender; throws `not-saved` when the disk refuses. */
  async function save(clean: CleanDraft, draft: TicketDraft, key: string): Promise<SubmitResult> {
    await fitting;
    const body = previewed?.key === key ? previewed.body : await bodyFor(clean);
    const valid = validateSchema('TicketCreateRequest', body);
    if (!valid.ok) {
      log.error('ticket body failed its schema', { errors: valid.errors.slice(0, 1000) });
      throw new ActionError('internal', 'the ticket could not be made');
    }
    const id = newId(clock.now());
    const record: OutboxRecord = {
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
    try {
      await folder.save(record);
    } catch (error) {
      log.error('ticket could not be saved', { id, error: String(error) });
      throw new ActionError('not-saved', (error as NodeJS.ErrnoException).code ?? 'write failed');
    }
    const replaces = state().report?.replaces ?? null;
    endReport();
    patch({ report: null, contact: clean.contact });
    sender.add(record);
    // The refused one goes only now that its fixed version is safe on disk.
    if (replaces) await sender.dismiss(replaces);
    void contactMemory.remember(clean.contact);
    return { outcome: 'saved', id };
  }

  return {
    async start() {
      const [contact, loaded, known] = await Promise.all([contactMemory.load(), folder.load(), listMemory.load()]);
      patch({ contact, ...(known ? { list: known.list, listUpdatedAt: known.updatedAt } : {}) });
      // What this PC knew before it stopped: an answer that came meanwhile is news, and is told.
      if (known) {
        list.seed(known.list);
        schedulePoll(known.list);
        listOwner = known.owner ?? null;
      }
      let previous = store.get().connection;
      unsubscribe = store.subscribe((change) => {
        const now = change.connection;
        if (!now) return;
        const was = previous;
        previous = now;
        if (listIsForeign(listOwner, ownerNow())) {
          listOwner = null;
          list.forget();
          patch({ list: [], listUpdatedAt: null });
        }
        if (now.status === 'online' && was.status !== 'online') {
          sender.reconnected();
          void list.refresh();
        } else if (now.lastContactAt !== was.lastContactAt) sender.heard();
        else sender.poke();
      });
      sender.start(loaded);
      if (previous.status === 'online') void list.refresh();
    },

    stop() {
      unsubscribe?.();
      unsubscribe = null;
      clock.clearTimeout(pollTimer);
      pollTimer = null;
      sender.stop();
    },

    applyPolicy(policy) {
      patch({
        categories: policy.categories.map((c) => ({ id: c.id, label: { nl: c.label.nl, en: c.label.en } })),
        maxDescriptionChars: policy.maxDescriptionChars,
        maxAttachmentBytes: policy.maxAttachmentBytes,
      });
    },

    async startReport(relatedItemId) {
      const generation = beginReport();
      let captured = null;
      try {
        captured = await deps.screen.capture();
      } catch (error) {
        log.warn('screen capture failed', { error: String(error) });
      }
      if (generation !== reportGeneration) return; // cancelled or opened again meanwhile
      patch({ report: openReport({ relatedItemId, screenshotNote: captured ? 'taking' : 'capture-failed' }) });
      if (captured) fitLater(captured.png, generation, { width: captured.width, height: captured.height });
    },

    async reopen(id) {
      const record = sender.records().find((r) => r.entry.id === id && r.entry.status === 'rejected');
      if (!record) throw new ActionError('invalid-request', 'no refused ticket with that id');
      const generation = beginReport();
      const picture = record.body.attachments?.[0];
      patch({
        report: openReport({
          relatedItemId: record.draft.relatedItemId,
          screenshotNote: picture ? 'taking' : record.draft.includeScreenshot ? 'removed' : null,
          draft: record.draft,
          problems: record.entry.problems,
          replaces: id,
        }),
      });
      // The picture it had, fitted again: a 413 may have come from a policy that has since changed.
      if (picture) fitLater(Buffer.from(picture.dataBase64, 'base64'), generation, { reopened: id });
    },

    cancelReport() {
      endReport();
      patch({ report: null });
    },

    removeScreenshot() {
      shot = null;
      previewed = null;
      patchReport({ screenshot: null, screenshotNote: 'removed' });
    },

    async preview(draft) {
      await fitting;
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
      const check = checkDraft(draft, limits());
      if (!check.ok) return { outcome: 'invalid', problems: check.problems };
      const key = JSON.stringify(check.draft);
      if (lastSend && lastSend.key === key && clock.now() - lastSend.at < DOUBLE_SEND_MS) return lastSend.result;
      const result = save(check.draft, draft, key);
      lastSend = { key, result, at: clock.now() };
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
  };
}

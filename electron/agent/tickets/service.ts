import { monotonicFactory } from 'ulid';
import { ActionError, type DeviceInfo, type DraftProblem, type Notice, type OutboxEntry, type TicketDraft, type TicketsState } from '../../contract';
import type { BackoffOptions } from '../hallo-api/backoff';
import type { HalloApi } from '../hallo-api/client';
import type { Policy, ServerEvent, TicketCreateRequest } from '../hallo-api/types';
import { validateSchema } from '../hallo-api/validator';
import { bounded } from '../health/bounded';
import type { Logger } from '../log';
import type { Clock, ScreenCapture } from '../ports';
import type { AgentStore } from '../store';
import { ContactMemory } from './contact';
import { buildDiagnostics, checkDiagnostics, type Diagnostics } from './diagnostics';
import { checkDraft, cleanDraft, type CleanDraft } from './draft';
import { createTicketListSync } from './list';
import { currentUserMasker, type Masker } from './mask';
import { OutboxFolder, type OutboxRecord } from './outbox';
import { probeProcesses, type TopProcesses } from './processes';
import { fitScreenshot, type FittedScreenshot } from './screenshot';
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
  startReport(relatedItemId: string | null): Promise<void>;
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
/** How long Send waits for a process list still being made; after it the ticket goes without. */
const PROCESSES_WAIT_MS = 800;

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
  const probe = deps.processes ?? (() => probeProcesses(mask));
  let shot: FittedScreenshot | null = null;
  let reportGeneration = 0;
  let processes: { at: number; result: Promise<TopProcesses | null> } | null = null;
  let unsubscribe: (() => void) | null = null;

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
      patch({ outbox });
    },
    onSent: () => void list.refresh(),
    backoff: deps.backoff,
  });
  const list = createTicketListSync({
    log,
    api: deps.api,
    now: () => clock.now(),
    onList: (tickets, updatedAt) => patch({ list: tickets, listUpdatedAt: updatedAt }),
    onNotice: deps.onNotice,
  });

  /** Started when the form opens, so that Send does not wait a second for `ps`. */
  function prefetchProcesses(): Promise<TopProcesses | null> {
    if (processes && clock.now() - processes.at < PROCESSES_FRESH_MS) return processes.result;
    const result = bounded(probe, PROCESSES_TIMEOUT_MS, clock).then((r) => {
      if ('value' in r) return r.value;
      log.warn('process list not available', { reason: r.error });
      return null;
    });
    processes = { at: clock.now(), result };
    return result;
  }

  async function processesForTicket(): Promise<TopProcesses | null> {
    const waited = await bounded(prefetchProcesses, PROCESSES_WAIT_MS, clock);
    return 'value' in waited ? waited.value : null;
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

  return {
    async start() {
      const [contact, loaded] = await Promise.all([contactMemory.load(), folder.load()]);
      patch({ contact });
      let previous = store.get().connection;
      unsubscribe = store.subscribe((change) => {
        const now = change.connection;
        if (!now) return;
        const was = previous;
        previous = now;
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
      const generation = ++reportGeneration;
      void prefetchProcesses();
      shot = null;
      let captured = null;
      try {
        captured = await deps.screen.capture();
      } catch (error) {
        log.warn('screen capture failed', { error: String(error) });
      }
      const fitted = captured ? fitScreenshot(captured.png, state().maxAttachmentBytes) : null;
      if (fitted && !fitted.ok) log.warn('screenshot left out', { reason: fitted.reason, width: captured?.width, height: captured?.height });
      if (generation !== reportGeneration) return; // cancelled or opened again meanwhile
      shot = fitted?.ok ? fitted.value : null;
      patch({
        report: {
          relatedItemId,
          screenshot: shot ? { thumbnail: shot.thumbnail, width: shot.width, height: shot.height, bytes: shot.png.length } : null,
        },
      });
    },

    cancelReport() {
      reportGeneration++;
      shot = null;
      patch({ report: null });
    },

    removeScreenshot() {
      shot = null;
      const report = state().report;
      if (report) patch({ report: { ...report, screenshot: null } });
    },

    async preview(draft) {
      const body = await bodyFor(cleanDraft(draft));
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
      const body = await bodyFor(check.draft);
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
      reportGeneration++;
      shot = null;
      patch({ report: null, contact: check.draft.contact });
      sender.add(record);
      void contactMemory.remember(check.draft.contact);
      return { outcome: 'saved', id };
    },

    dismiss: (id) => sender.dismiss(id),
    refresh: () => list.refresh(),
    onServerEvent(event) {
      if (event.type === 'ticket.updated') void list.refresh();
    },
  };
}

import { z } from 'zod';
import { AgentState, ConfigState, LanguagePreference } from './state';
import { DraftProblem, ReplyDraft, ReplyProblem, TicketDraft } from './tickets';
import { TicketPreview } from './ticket-preview';
import { FIELD_LIMITS } from './limits';
import { CAPTURE_STATUSES, CaptureSignal, RemoteModeSchema } from './remote-state';
import { ExportEntry, LOG_LEVELS, LogLine, SaveOutcome } from './exports';

// Every intent the UI may send, with the schema its argument must pass before anyone sees it and
// the windows allowed to send it. `handler` says who answers: one of the agent's capabilities (by
// name: electron/agent/<name>/capability.ts must handle it, or agent.ts does not compile), the
// agent itself (`agent`: the whole state), or the shell (window chrome only: hiding the popup,
// opening an allow-listed link). Adding a room (updates, remote) = adding entries here and a
// capability that answers them; nothing in the doors changes.

/**
 * Every window of the app: each has its own preload, shell module and page (electron/agent/README.md).
 * `consent` asks the employee about one remote-support request; `session-bar` shows a running
 * session and ends it; `capture` is hidden and streams the screen of a granted session.
 */
export const WINDOW_NAMES = ['popup', 'restart', 'consent', 'session-bar', 'capture'] as const;
export type WindowName = (typeof WINDOW_NAMES)[number];

/** The agent's capabilities, one folder each under electron/agent/, in the order they start. */
export const CAPABILITIES = [
  'settings',
  'support',
  'health',
  'connection',
  'status',
  'tickets',
  'updates',
  'remote',
  'checks',
  'maintenance',
  'branding',
  'selfupdate',
  'admin',
  'report',
] as const;
export type CapabilityName = (typeof CAPABILITIES)[number];
export type ActionHandler = CapabilityName | 'agent' | 'shell';

const NoArgs = z.object({}).strict();

export const actions = {
  'state.get': { windows: ['popup', 'restart', 'consent', 'session-bar'], handler: 'agent', request: NoArgs, result: AgentState },
  'health.refresh': { windows: ['popup'], handler: 'health', request: NoArgs, result: z.void() },
  'settings.setLanguage': {
    windows: ['popup'],
    handler: 'settings',
    request: z.object({ language: LanguagePreference }).strict(),
    result: z.void(),
  },
  'admin.enroll': {
    windows: ['popup'],
    handler: 'connection',
    request: z.object({ code: z.string().trim().min(4).max(64) }).strict(),
    result: z.void(),
  },
  // Report a problem. Opening the report takes the screenshot (before the form covers the screen)
  // and sets state.tickets.report; the form is shown while that is not null.
  'tickets.startReport': {
    windows: ['popup'],
    handler: 'tickets',
    request: z.object({ relatedItemId: z.string().max(FIELD_LIMITS.relatedItemId).nullable() }).strict(),
    result: z.void(),
  },
  'tickets.removeScreenshot': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  'tickets.cancelReport': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  /** Exactly what Send would send (the screenshot as its size), for "Bekijk wat er wordt meegestuurd". */
  'tickets.preview': {
    windows: ['popup'],
    handler: 'tickets',
    request: z.object({ draft: TicketDraft }).strict(),
    result: TicketPreview,
  },
  /**
   * Saved to disk (flushed) before it answers `saved`; sending follows, its progress shows in
   * state.tickets.outbox. Problems the employee can fix come back as `invalid`, nothing saved.
   * A disk that refuses the ticket fails with `not-saved`: the draft stays in the form.
   */
  'tickets.submit': {
    windows: ['popup'],
    handler: 'tickets',
    request: z.object({ draft: TicketDraft }).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved'), id: z.string() }),
      z.object({ outcome: z.literal('invalid'), problems: z.array(DraftProblem) }),
    ]),
  },
  /** A refused ticket back into the form, with its problems and its screenshot; it stays in the outbox until fixed. */
  'tickets.reopen': { windows: ['popup'], handler: 'tickets', request: z.object({ id: z.string().max(40) }).strict(), result: z.void() },
  /** Forget a rejected or a sent entry (a queued one cannot be dropped), or a damaged file's notice. */
  'tickets.dismiss': { windows: ['popup'], handler: 'tickets', request: z.object({ id: z.string().max(80) }).strict(), result: z.void() },
  'tickets.refresh': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  // The conversation on one ticket: state.tickets.thread is set while it is open.
  'tickets.openThread': { windows: ['popup'], handler: 'tickets', request: z.object({ ticketId: z.string().max(64) }).strict(), result: z.void() },
  'tickets.closeThread': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  /** The page before the oldest message shown. */
  'tickets.loadOlder': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  /** "Voeg een schermafbeelding toe" under the thread: taken as the report takes it, shown in thread.reply. */
  'tickets.addReplyScreenshot': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  'tickets.removeReplyScreenshot': { windows: ['popup'], handler: 'tickets', request: NoArgs, result: z.void() },
  /**
   * A reply, "Het is opgelost" or "Het is nog niet opgelost": saved to the outbox (flushed) before
   * it answers `saved`, then sent once; shown in the thread as waiting until the API has it.
   */
  'tickets.sendReply': {
    windows: ['popup'],
    handler: 'tickets',
    request: z.object({ draft: ReplyDraft }).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved'), id: z.string() }),
      z.object({ outcome: z.literal('invalid'), problems: z.array(ReplyProblem) }),
    ]),
  },
  /**
   * The policy's portal, if allow-listed. The app's shell opens it in the browser and answers
   * null; the preview has no shell, so it answers the checked URL for the page to open itself.
   */
  'support.openPortal': {
    windows: ['popup'],
    handler: 'shell',
    request: NoArgs,
    result: z.object({ openInPage: z.string().nullable() }).strict(),
  },
  // Updates and the restart (state.updates). The restart window will list itself in `windows` too.
  /** Look for updates now (in the background; state.updates.checking while it runs). */
  'updates.check': { windows: ['popup'], handler: 'updates', request: NoArgs, result: z.void() },
  /**
   * Put the restart off to one of the times offered now (state.updates.restart.step.options[].at,
   * sent back as it is); uses one deferral. A time no longer offered is `not-offered`, nothing changed.
   */
  'updates.defer': {
    windows: ['popup', 'restart'],
    handler: 'updates',
    request: z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
    result: z.object({ outcome: z.enum(['deferred', 'not-offered']) }).strict(),
  },
  /** The prompt closed without a choice: asked again in an hour, never past the deadline; no deferral used. */
  'updates.remindLater': { windows: ['popup', 'restart'], handler: 'updates', request: NoArgs, result: z.void() },
  /**
   * "Nu opnieuw opstarten": restart now, without the countdown. `refused`: the OS said no (the
   * prompt stays, state.updates.restart.problem says why); `no-need`: nothing to restart for.
   */
  'updates.restartNow': {
    windows: ['popup', 'restart'],
    handler: 'updates',
    request: NoArgs,
    result: z.object({ outcome: z.enum(['restarting', 'refused', 'no-need']) }).strict(),
  },
  /** The employee has seen "your PC is up to date" (state.updates.upToDate) or a restart problem. */
  'updates.acknowledge': { windows: ['popup'], handler: 'updates', request: NoArgs, result: z.void() },
  // The protection and upkeep checks (state.checks) and the maintenance timeline (state.maintenance).
  /** Check now (the admin view's button); joins a check already running. */
  'checks.refresh': { windows: ['popup'], handler: 'checks', request: NoArgs, result: z.void() },
  /**
   * "Tijdelijke bestanden opruimen": removes the user's own temporary files older than a day (never
   * anything else; files in use are skipped; links are never followed). `running` when a cleanup is
   * already under way (nothing started), `failed` when the temp folder could not be read.
   */
  'checks.cleanTemp': {
    windows: ['popup'],
    handler: 'checks',
    request: NoArgs,
    result: z.object({ outcome: z.enum(['cleaned', 'running', 'failed']), freedBytes: z.number(), removed: z.number(), skipped: z.number() }),
  },
  /** Fetch hallo,'s part of the timeline now (the popup opens "Onderhoud"); offline the cached list stays. */
  'maintenance.refresh': { windows: ['popup'], handler: 'maintenance', request: NoArgs, result: z.void() },
  // Remote support (state.remote).
  /**
   * The employee's answer to the request the consent window shows: `allow` (with `mode` to narrow
   * control to view; never wider than asked), `deny`, or `not-requested` ("Ik heb hier niet om
   * gevraagd": deny, and hallo, hears it was unexpected). Only from the consent window and only for
   * the request pending now: `not-pending` otherwise; `too-early` in the first 500 ms after it
   * showed (ignored, ask again); `invalid-mode` for a mode wider than asked or not offered.
   */
  'remote.answer': {
    windows: ['consent'],
    handler: 'remote',
    request: z
      .object({ sessionId: z.string().max(64), answer: z.enum(['allow', 'deny', 'not-requested']), mode: RemoteModeSchema.optional() })
      .strict(),
    result: z.object({ outcome: z.enum(['accepted', 'too-early', 'not-pending', 'invalid-mode']) }).strict(),
  },
  /** "Beëindigen": end the running session now (the bar, the popup; the tray and the shortcut call it too). */
  'remote.end': {
    windows: ['popup', 'session-bar'],
    handler: 'remote',
    request: NoArgs,
    result: z.object({ outcome: z.enum(['ended', 'no-session']) }).strict(),
  },
  /** The employee has seen the receipt of the session that ended (state.remote.receipt). */
  'remote.acknowledge': { windows: ['popup'], handler: 'remote', request: NoArgs, result: z.void() },
  /** The capture page's signalling message to the technician (the agent relays it to the API). */
  'remote.captureSignal': {
    windows: ['capture'],
    handler: 'remote',
    request: z.object({ sessionId: z.string().max(64), signal: CaptureSignal }).strict(),
    result: z.void(),
  },
  /** How the capture page is doing: drives the session's phase; `failed`/`disconnected` may end it. */
  'remote.captureStatus': {
    windows: ['capture'],
    handler: 'remote',
    request: z.object({ sessionId: z.string().max(64), status: z.enum(CAPTURE_STATUSES), detail: z.string().max(500).optional() }).strict(),
    result: z.void(),
  },
  // For on-site admins (the admin view).
  /** Look for a newer agent now (state.selfUpdate); joins a check under way. Employees never see it. */
  'selfUpdate.check': { windows: ['popup'], handler: 'selfupdate', request: NoArgs, result: z.void() },
  /** The agent's log, newest last: the last `limit` lines at `level` or above (agent.log and the rotated file). */
  'admin.readLog': {
    windows: ['popup'],
    handler: 'admin',
    request: z.object({ level: z.enum(LOG_LEVELS), limit: z.number().int().min(1).max(1000) }).strict(),
    result: z.object({ lines: z.array(LogLine), file: z.string() }).strict(),
  },
  /** What "Diagnose exporteren" would put in the zip now, listed before the admin saves it. */
  'admin.diagnosticsContents': {
    windows: ['popup'],
    handler: 'admin',
    request: NoArgs,
    result: z.object({ entries: z.array(ExportEntry), suggestedName: z.string() }).strict(),
  },
  /** "Diagnose exporteren": the zip (tokens and personal data masked), saved where the admin chooses. */
  'admin.exportDiagnostics': { windows: ['popup'], handler: 'admin', request: NoArgs, result: SaveOutcome },
  /** The policy the agent works from now, as JSON, and where it came from (the API, the cache, the defaults). */
  'admin.readPolicy': {
    windows: ['popup'],
    handler: 'admin',
    request: NoArgs,
    result: z.object({ policy: z.record(z.string(), z.unknown()), source: ConfigState.shape.policySource, etag: z.string().nullable() }).strict(),
  },
  /**
   * "Rapport maken": this PC's health report (device, checks, 24 h charts, updates, maintenance,
   * tickets of the last 30 days) in `language`, as a PDF or as one HTML file, saved where the admin chooses.
   */
  'report.make': {
    windows: ['popup'],
    handler: 'report',
    request: z.object({ language: z.enum(['nl', 'en']), format: z.enum(['pdf', 'html']) }).strict(),
    result: SaveOutcome,
  },
  /**
   * A customer's link from the policy (state.branding.links, by id): the shell opens its URL (already
   * validated and allow-listed by the agent) in the browser; the preview hands it back to open in a tab.
   */
  'links.open': {
    windows: ['popup'],
    handler: 'shell',
    request: z.object({ id: z.string().max(40) }).strict(),
    result: z.object({ openInPage: z.string().nullable() }).strict(),
  },
  'popup.hide': { windows: ['popup'], handler: 'shell', request: NoArgs, result: z.void() },
  /**
   * "Bekijk melding" in the consent window: the popup opens on the ticket of the pending request
   * (state.remote.request.ticketId, read by the shell: the page names no ticket, so it cannot open
   * another one). Nothing happens when the request has no ticket of this PC's.
   */
  'remote.showTicket': { windows: ['consent'], handler: 'shell', request: NoArgs, result: z.void() },
} as const satisfies Record<
  string,
  { windows: readonly WindowName[]; handler: ActionHandler; request: z.ZodType; result: z.ZodType }
>;

export type Actions = typeof actions;
export type ActionName = keyof Actions;
export type ActionRequest<K extends ActionName> = z.input<Actions[K]['request']>;
export type ActionResult<K extends ActionName> = z.output<Actions[K]['result']>;
/** The actions that `handler` H answers. */
export type ActionsOf<H extends ActionHandler> = { [K in ActionName]: Actions[K]['handler'] extends H ? K : never }[ActionName];
export type ShellActionName = ActionsOf<'shell'>;
export type AgentActionName = Exclude<ActionName, ShellActionName>;
/** The actions window `W` may send, from the `windows` lists above: its preload exposes exactly these. */
export type WindowActions<W extends WindowName> = { [K in ActionName]: W extends Actions[K]['windows'][number] ? K : never }[ActionName];

export function actionNamesFor<W extends WindowName>(window: W): WindowActions<W>[] {
  return (Object.keys(actions) as ActionName[]).filter((name): name is WindowActions<W> =>
    (actions[name].windows as readonly WindowName[]).includes(window),
  );
}

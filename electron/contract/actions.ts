import { z } from 'zod';
import { AgentState, LanguagePreference } from './state';
import { DraftProblem, TicketDraft } from './tickets';
import { TicketPreview } from './ticket-preview';
import { ACTION_ERROR_CODES } from './errors';
import { errorInfo } from './error-info';
import { FIELD_LIMITS } from './limits';

// Every intent the UI may send, with the schema its argument must pass before anyone sees it and
// the windows allowed to send it. `handler` says who answers: the agent (all decisions) or the
// shell (window chrome only: hiding the popup, opening an allow-listed link).
// Adding a room (tickets, updates, remote) = adding entries here; nothing else in the doors changes.

export type WindowName = 'popup';

const NoArgs = z.object({}).strict();

export const actions = {
  'state.get': { windows: ['popup'], handler: 'agent', request: NoArgs, result: AgentState },
  'health.refresh': { windows: ['popup'], handler: 'agent', request: NoArgs, result: z.void() },
  'settings.setLanguage': {
    windows: ['popup'],
    handler: 'agent',
    request: z.object({ language: LanguagePreference }).strict(),
    result: z.void(),
  },
  'admin.enroll': {
    windows: ['popup'],
    handler: 'agent',
    request: z.object({ code: z.string().trim().min(4).max(64) }).strict(),
    result: z.void(),
  },
  // Report a problem. Opening the report takes the screenshot (before the form covers the screen)
  // and sets state.tickets.report; the form is shown while that is not null.
  'tickets.startReport': {
    windows: ['popup'],
    handler: 'agent',
    request: z.object({ relatedItemId: z.string().max(FIELD_LIMITS.relatedItemId).nullable() }).strict(),
    result: z.void(),
  },
  'tickets.removeScreenshot': { windows: ['popup'], handler: 'agent', request: NoArgs, result: z.void() },
  'tickets.cancelReport': { windows: ['popup'], handler: 'agent', request: NoArgs, result: z.void() },
  /** Exactly what Send would send (the screenshot as its size), for "Bekijk wat er wordt meegestuurd". */
  'tickets.preview': {
    windows: ['popup'],
    handler: 'agent',
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
    handler: 'agent',
    request: z.object({ draft: TicketDraft }).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved'), id: z.string() }),
      z.object({ outcome: z.literal('invalid'), problems: z.array(DraftProblem) }),
    ]),
  },
  /** A refused ticket back into the form, with its problems and its screenshot; it stays in the outbox until fixed. */
  'tickets.reopen': { windows: ['popup'], handler: 'agent', request: z.object({ id: z.string().max(40) }).strict(), result: z.void() },
  /** Forget a rejected or a sent entry (a queued one cannot be dropped), or a damaged file's notice. */
  'tickets.dismiss': { windows: ['popup'], handler: 'agent', request: z.object({ id: z.string().max(80) }).strict(), result: z.void() },
  'tickets.refresh': { windows: ['popup'], handler: 'agent', request: NoArgs, result: z.void() },
  'support.openPortal': { windows: ['popup'], handler: 'shell', request: NoArgs, result: z.void() },
  'popup.hide': { windows: ['popup'], handler: 'shell', request: NoArgs, result: z.void() },
} as const satisfies Record<
  string,
  { windows: readonly WindowName[]; handler: 'agent' | 'shell'; request: z.ZodType; result: z.ZodType }
>;

export type Actions = typeof actions;
export type ActionName = keyof Actions;
export type ActionRequest<K extends ActionName> = z.input<Actions[K]['request']>;
export type ActionResult<K extends ActionName> = z.output<Actions[K]['result']>;
export type AgentActionName = { [K in ActionName]: Actions[K]['handler'] extends 'agent' ? K : never }[ActionName];
export type ShellActionName = Exclude<ActionName, AgentActionName>;
/** The actions window `W` may send, from the `windows` lists above: its preload exposes exactly these. */
export type WindowActions<W extends WindowName> = { [K in ActionName]: W extends Actions[K]['windows'][number] ? K : never }[ActionName];

/** Validates outcomes crossing a process boundary (IPC, WebSocket). */
export const ActionOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorInfo(z.enum(ACTION_ERROR_CODES)) }),
]);

export function actionNamesFor<W extends WindowName>(window: W): WindowActions<W>[] {
  return (Object.keys(actions) as ActionName[]).filter((name): name is WindowActions<W> =>
    (actions[name].windows as readonly WindowName[]).includes(window),
  );
}

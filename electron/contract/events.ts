import { z } from 'zod';
import { NOTICE_ACTIONS, type NoticeAction } from './notice-actions';
import { AgentState } from './state';
import { CaptureCommand } from './remote-state';

// Everything the agent pushes to the UI. `state` carries only the slices that changed; the UI's
// store merges them into its mirror; every window hears it. `remote.capture` goes only to the
// capture window, sent by the shell's capture host (never broadcast: it carries ICE credentials).
export const events = {
  state: AgentState.partial(),
  'remote.capture': CaptureCommand,
} as const;

/** A notice's buttons: `contract/notice-actions.ts`. */
const NoticeActionSchema = z.enum(Object.keys(NOTICE_ACTIONS) as [NoticeAction, ...NoticeAction[]]);

/**
 * Something the employee should hear about even with the popup closed (a ticket answered or
 * resolved, a restart needed). The shell shows it as an OS notification, its words from the catalog (`notice.<code>`).
 */
export const Notice = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The ticket whose thread a click (or "Beantwoorden", `notice.<code>.action`) opens. */
  ticketId: z.string().optional(),
  /** Buttons, where the OS shows them (macOS; the preview's stand-in); elsewhere a click opens the restart window. */
  actions: z.array(NoticeActionSchema).optional(),
});
export type Notice = z.infer<typeof Notice>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.infer<Events[K]>;
export const eventNames = Object.keys(events) as EventName[];

export { NOTICE_ACTIONS, type NoticeAction } from './notice-actions';

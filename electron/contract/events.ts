import type { z } from 'zod';
import { AgentState } from './state';

// Everything the agent pushes to the UI. `state` carries only the slices that changed; the UI's
// store merges them into its mirror.
export const events = {
  state: AgentState.partial(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.infer<Events[K]>;
export const eventNames = Object.keys(events) as EventName[];

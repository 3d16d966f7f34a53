import type { ActionName, ActionRequest, ActionResult } from './actions';
import type { EventName, EventPayload } from './events';

/**
 * What a window's preload puts on `window.hallo`, and what the preview's WebSocket client
 * offers in its place: one named function per action, and a subscription per event.
 */
export type ActionMethods<K extends ActionName> = {
  [N in K]: (request: ActionRequest<N>) => Promise<ActionResult<N>>;
};

export interface AgentBridge {
  actions: ActionMethods<ActionName>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wire format shared by the IPC wrapper and the preview's WebSocket. */
export type WireRequest = { id: number; action: string; request: unknown };
export type WireResponse = { id: number; outcome: unknown };
export type WireEvent = { event: string; payload: unknown };

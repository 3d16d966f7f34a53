import type { ActionName, ActionRequest, ActionResult } from './actions';
import type { ActionOutcome } from './errors';
import type { EventName, EventPayload } from './events';

/**
 * What a window's preload puts on `window.hallo` (and what the preview's WebSocket client offers
 * in its place): one named function per action of that window, answering with an outcome, and a
 * subscription per event. Never a generic invoke, never ipcRenderer.
 */
export interface PreloadApi<K extends ActionName = ActionName> {
  actions: { [N in K]: (request: ActionRequest<N>) => Promise<ActionOutcome> };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The renderer's view: outcomes unwrapped, failures thrown as ActionError. */
export interface AgentBridge<K extends ActionName = ActionName> {
  actions: { [N in K]: (request: ActionRequest<N>) => Promise<ActionResult<N>> };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wire format of the preview's WebSocket (IPC uses Electron's own framing). */
export type WireRequest = { id: number; action: string; request: unknown };
export type WireResponse = { id: number; outcome: ActionOutcome };
export type WireEvent = { event: string; payload: unknown };

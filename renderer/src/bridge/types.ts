import type { AgentBridge, Notice, WindowActions } from '../../../electron/contract';

/** The actions the popup window may send (the contract's `windows` lists say which). */
export type PopupAction = WindowActions<'popup'>;

/**
 * The renderer's bridge: the contract's AgentBridge, plus a signal when a lost connection comes
 * back (the preview's WebSocket), so that the mirror can fetch what it missed.
 */
export interface PopupBridge extends AgentBridge<PopupAction> {
  kind: 'preload' | 'socket';
  onReconnect(listener: () => void): () => void;
  /** The agent's notices, only where no shell shows them as OS notifications (the preview). */
  onNotice?(listener: (notice: Notice) => void): () => void;
}

/** The actions the restart window may send; its page gets the same bridge, seen through these. */
export type RestartAction = WindowActions<'restart'>;
export interface RestartBridge extends AgentBridge<RestartAction> {
  kind: 'preload' | 'socket';
  onReconnect(listener: () => void): () => void;
}

/** The actions the hidden capture window may send (its signalling and its status). */
export type CaptureAction = WindowActions<'capture'>;
export interface CaptureBridge extends AgentBridge<CaptureAction> {
  kind: 'preload' | 'socket';
}

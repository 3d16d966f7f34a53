import type { AgentBridge, Notice, WindowActions, WindowName } from '../../../electron/contract';

/**
 * A window's bridge: the contract's AgentBridge over the actions that window may send (the
 * contract's `windows` lists say which), plus a signal when a lost connection comes back (the
 * preview's WebSocket), so that the mirror can fetch what it missed.
 */
export interface WindowBridge<W extends WindowName> extends AgentBridge<WindowActions<W>> {
  kind: 'preload' | 'socket';
  onReconnect(listener: () => void): () => void;
  /** The agent's notices, only where no shell shows them as OS notifications (the preview). */
  onNotice?(listener: (notice: Notice) => void): () => void;
}

/** The actions the popup window may send. */
export type PopupAction = WindowActions<'popup'>;
export type PopupBridge = WindowBridge<'popup'>;
/** The restart window's page gets the same bridge, seen through its own actions. */
export type RestartAction = WindowActions<'restart'>;
export type RestartBridge = WindowBridge<'restart'>;
/** The consent window: state.get, the answer, "Bekijk melding". */
export type ConsentBridge = WindowBridge<'consent'>;
/** The session bar: state.get and "Beëindigen". */
export type SessionBarBridge = WindowBridge<'session-bar'>;

/** The hidden capture window: its signalling and its status. */
export type CaptureBridge = WindowBridge<'capture'>;

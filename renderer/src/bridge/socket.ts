import type { ActionOutcome, WireEvent, WireRequest, WireResponse } from '../../../electron/contract';

/** The part of the browser's WebSocket this client uses (tests hand it the `ws` package's). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SocketClientOptions {
  url: string;
  open: (url: string) => SocketLike;
  timers?: Timers;
  /** A call that gets no answer in this time fails as `unavailable` (the agent may be stuck). */
  callTimeoutMs?: number;
  /** Reconnect delays grow from the first to the last, then stay there. */
  reconnectDelaysMs?: readonly number[];
}

export interface SocketClient {
  call(action: string, request: unknown): Promise<ActionOutcome>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onReconnect(listener: () => void): () => void;
  close(): void;
}

const OPEN = 1;
const UNAVAILABLE: ActionOutcome = { ok: false, error: { code: 'unavailable' } };

interface Pending {
  resolve(outcome: ActionOutcome): void;
  timer: unknown;
  message: string | null; // not sent yet: waiting for the socket to open
}

/**
 * The preview's bridge client: the contract over one WebSocket. Calls made while the socket is
 * still opening wait for it; calls made while it is down, and calls in flight when it drops,
 * fail as `unavailable` at once. Every call has a deadline, so nothing hangs forever.
 */
export function createSocketClient(opts: SocketClientOptions): SocketClient {
  const timers: Timers = opts.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000;
  const delays = opts.reconnectDelaysMs ?? [500, 1000, 2000, 5000, 10_000];
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let nextId = 1;
  let attempt = 0;
  let everOpened = false;
  let closed = false;
  let connecting = true;
  let socket: SocketLike | null = null;
  let retryTimer: unknown = null;

  function settle(id: number, outcome: ActionOutcome): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    timers.clearTimeout(call.timer);
    call.resolve(outcome);
  }

  function connect(): void {
    connecting = true;
    let current: SocketLike;
    try {
      current = socket = opts.open(opts.url);
    } catch {
      dropped();
      return;
    }
    current.onopen = () => {
      connecting = false;
      attempt = 0;
      for (const call of pending.values()) {
        if (call.message === null) continue;
        current.send(call.message);
        call.message = null;
      }
      if (everOpened) for (const listener of reconnectListeners) listener();
      everOpened = true;
    };
    current.onmessage = (event) => receive(event.data);
    current.onclose = () => dropped();
    current.onerror = () => undefined; // onclose follows and does the work
  }

  function dropped(): void {
    connecting = false;
    for (const id of [...pending.keys()]) settle(id, UNAVAILABLE);
    if (closed || retryTimer !== null) return;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 10_000;
    attempt++;
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      if (!closed) connect();
    }, delay);
  }

  function receive(data: unknown): void {
    let message: Partial<WireResponse & WireEvent>;
    try {
      message = JSON.parse(String(data)) as Partial<WireResponse & WireEvent>;
    } catch {
      return; // garbage on the wire: ignore it, the caller's deadline still holds
    }
    if (typeof message !== 'object' || message === null) return;
    if (typeof message.id === 'number') {
      settle(message.id, message.outcome as ActionOutcome);
    } else if (typeof message.event === 'string') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  }

  connect();

  return {
    call(action, request) {
      const open = socket?.readyState === OPEN;
      if (closed || (!open && !connecting)) return Promise.resolve(UNAVAILABLE);
      const id = nextId++;
      const message = JSON.stringify({ id, action, request } satisfies WireRequest);
      return new Promise<ActionOutcome>((resolve) => {
        const timer = timers.setTimeout(() => settle(id, UNAVAILABLE), callTimeoutMs);
        pending.set(id, { resolve, timer, message: open ? null : message });
        if (open) socket?.send(message);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      socket?.close();
      for (const id of [...pending.keys()]) settle(id, UNAVAILABLE);
    },
  };
}

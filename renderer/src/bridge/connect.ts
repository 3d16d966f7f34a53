import type { ActionName, EventName, EventPayload, Notice, PreloadApi, WindowName } from '../../../electron/contract';
import { NOTICE_ACTIONS, type NoticeAction } from '../../../electron/contract/notice-actions';
import { PREVIEW_NOTICE_EVENT } from '../../../electron/contract/wire';
import { unwrapOutcome } from './outcome';
import { createSocketClient, type SocketClient, type SocketLike } from './socket';
import type { PopupBridge, WindowBridge } from './types';

declare global {
  interface Window {
    /** The window's preload: exactly that window's actions (which window, the page knows). */
    hallo?: PreloadApi<ActionName>;
  }
}

type Actions = PopupBridge['actions'];

/**
 * A page's way to the agent: Electron's preload (`window.hallo`) when it is there, otherwise
 * the preview host's WebSocket on the page's own host. Either way callers get values or an
 * ActionError, never raw outcomes. `W` is the page's window: the preload (or the preview's door)
 * answers only that window's actions, whatever the type says.
 */
export function connectBridge<W extends WindowName = 'popup'>(): WindowBridge<W> {
  const bridge = window.hallo
    ? fromPreload(window.hallo)
    : fromSocket(createSocketClient({ url: bridgeUrl(location), open: (url) => new WebSocket(url) as SocketLike }));
  return bridge as unknown as WindowBridge<W>;
}

/**
 * The preview's /bridge on the page's own host, with the run's key from the page's fragment
 * (`#key=…`, printed by the preview's READY line): the host admits no upgrade without it.
 */
export function bridgeUrl(page: Pick<Location, 'protocol' | 'host' | 'hash'>): string {
  const scheme = page.protocol === 'https:' ? 'wss' : 'ws';
  const key = new URLSearchParams(page.hash.replace(/^#/, '')).get('key') ?? '';
  return `${scheme}://${page.host}/bridge?key=${encodeURIComponent(key)}`;
}

export function fromPreload<K extends ActionName>(api: PreloadApi<K>): PopupBridge {
  const call = (name: string) => async (request: unknown) =>
    unwrapOutcome(await (api.actions as Record<string, (r: unknown) => Promise<unknown>>)[name]!(request));
  const actions = Object.fromEntries(Object.keys(api.actions).map((name) => [name, call(name)]));
  return {
    kind: 'preload',
    actions: actions as unknown as Actions,
    on: (event, listener) => api.on(event, listener),
    onReconnect: () => () => undefined, // IPC does not drop
  };
}

export function fromSocket(client: SocketClient): PopupBridge {
  // Any name becomes a call; the host's door refuses names the contract does not have.
  const actions = new Proxy(
    {},
    {
      get: (_target, name) =>
        typeof name === 'string' && name !== 'then'
          ? async (request: unknown) => unwrapOutcome(await client.call(name, request ?? {}))
          : undefined,
    },
  );
  return {
    kind: 'socket',
    actions: actions as Actions,
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
      client.on(event, listener as (payload: unknown) => void),
    onReconnect: (listener) => client.onReconnect(listener),
    onNotice: (listener) =>
      client.on(PREVIEW_NOTICE_EVENT, (payload) => {
        const notice = parseNotice(payload);
        if (notice) listener(notice);
      }),
  };
}

/** A notice off the wire, checked once here (the page carries no zod): anything else is dropped. */
export function parseNotice(payload: unknown): Notice | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { code, params, ticketId, actions } = payload as Record<string, unknown>;
  if (typeof code !== 'string' || typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  if (ticketId !== undefined && typeof ticketId !== 'string') return null;
  if (actions !== undefined && !(Array.isArray(actions) && actions.every((action) => typeof action === 'string' && Object.hasOwn(NOTICE_ACTIONS, action)))) return null;
  const values = Object.entries(params);
  if (!values.every(([, value]) => typeof value === 'string' || typeof value === 'number')) return null;
  return {
    code,
    params: Object.fromEntries(values) as Notice['params'],
    ...(ticketId === undefined ? {} : { ticketId }),
    ...(actions === undefined ? {} : { actions: actions as NoticeAction[] }),
  };
}

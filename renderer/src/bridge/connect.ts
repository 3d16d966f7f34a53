import type { EventName, EventPayload, PreloadApi } from '../../../electron/contract';
import { unwrapOutcome } from './outcome';
import { createSocketClient, type SocketClient, type SocketLike } from './socket';
import type { PopupAction, PopupBridge } from './types';

declare global {
  interface Window {
    hallo?: PreloadApi<PopupAction>;
  }
}

type Actions = PopupBridge['actions'];

/**
 * The popup's way to the agent: Electron's preload (`window.hallo`) when it is there, otherwise
 * the preview host's WebSocket on the page's own host. Either way callers get values or an
 * ActionError, never raw outcomes.
 */
export function connectBridge(): PopupBridge {
  if (window.hallo) return fromPreload(window.hallo);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return fromSocket(
    createSocketClient({ url: `${scheme}://${location.host}/bridge`, open: (url) => new WebSocket(url) as SocketLike }),
  );
}

export function fromPreload(api: PreloadApi<PopupAction>): PopupBridge {
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
  };
}

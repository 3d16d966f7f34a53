import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { actionChannel, actionNamesFor, eventChannel, type EventName, type EventPayload, type PreloadApi, type WindowActions, type WindowName } from '../contract';

// A window's window.hallo: one named function per action of that window and a state
// subscription. Never ipcRenderer itself, never a generic invoke (ARCHITECTURE.md, IPC). Each
// window's preload (popup.ts, restart.ts) is one call of this, bundled on its own.

export function exposeWindowApi<W extends WindowName>(window: W): void {
  const actions = Object.fromEntries(
    actionNamesFor(window).map((name) => [name, (request: unknown) => ipcRenderer.invoke(actionChannel(name), request ?? {})]),
  ) as PreloadApi<WindowActions<W>>['actions'];

  const api: PreloadApi<WindowActions<W>> = {
    actions,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const channel = eventChannel(event);
      // Only the payload crosses: the IPC event would hand the page `sender` (ipcRenderer).
      const forward = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };

  contextBridge.exposeInMainWorld('hallo', api);
}

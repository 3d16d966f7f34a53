import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { actionChannel, actionNamesFor, eventChannel, type EventName, type EventPayload, type PreloadApi, type WindowActions } from '../contract';

// The popup's window.hallo: one named function per action of the popup window and a state
// subscription. Never ipcRenderer itself, never a generic invoke (ARCHITECTURE.md, IPC).

type PopupAction = WindowActions<'popup'>;

const actions = Object.fromEntries(
  actionNamesFor('popup').map((name) => [name, (request: unknown) => ipcRenderer.invoke(actionChannel(name), request ?? {})]),
) as PreloadApi<PopupAction>['actions'];

const api: PreloadApi<PopupAction> = {
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

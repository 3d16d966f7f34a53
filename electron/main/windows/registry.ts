import type { BrowserWindow, WebContents } from 'electron';
import type { WindowName } from '../../contract';

// Which of our windows a webContents belongs to: the IPC door lets a sender use only the actions
// of its own window, and events go only to our windows.
const named = new Map<number, { name: WindowName; window: BrowserWindow }>();

export function registerWindow(name: WindowName, window: BrowserWindow): void {
  const id = window.webContents.id;
  named.set(id, { name, window });
  window.once('closed', () => named.delete(id));
}

export function windowNameOf(contents: WebContents): WindowName | null {
  return named.get(contents.id)?.name ?? null;
}

export function ourWindows(): BrowserWindow[] {
  return [...named.values()].map((entry) => entry.window).filter((window) => !window.isDestroyed());
}

import type { MenuItemConstructorOptions } from 'electron';
import type { Language, RemoteState } from '../contract';
import { catalogs } from '../contract/messages';
import { fill } from './catalog';

/** The tray's own icons for remote support (build/make-icons.ts): a request waits, a session runs. */
export type RemoteTrayIcon = 'remote-request' | 'remote-session';

/** Which remote icon the tray shows, before any other state: someone may be watching. */
export function remoteTrayIcon(remote: Pick<RemoteState, 'request' | 'session'>): RemoteTrayIcon | null {
  if (remote.session) return 'remote-session';
  if (remote.request) return 'remote-request';
  return null;
}

/** "hallo, – Jan van hallo, kijkt mee": the tooltip while a session runs or a request waits. */
export function remoteTooltip(remote: Pick<RemoteState, 'request' | 'session'>, language: Language): string | null {
  const t = catalogs[language].tray;
  if (remote.session) return fill(t.tooltipRemoteSession, { name: remote.session.technicianName });
  if (remote.request) return fill(t.tooltipRemoteRequest, { name: remote.request.technicianName });
  return null;
}

/** "Sessie beëindigen" at the top of the tray menu while a session runs; nothing otherwise. */
export function remoteMenuItems(remote: Pick<RemoteState, 'session'>, language: Language, end: () => void): MenuItemConstructorOptions[] {
  if (!remote.session) return [];
  return [{ id: 'remote-end', label: catalogs[language].tray.endSession, click: end }, { type: 'separator' }];
}

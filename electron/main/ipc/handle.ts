import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { actionChannel, actions, type ActionName, type ActionOutcome, type WindowName } from '../../contract';
import type { Agent } from '../../agent/agent';
import { runAction, type ShellHandlers } from '../../agent/door';
import { originOf } from './origin';

export interface BindOptions {
  agent: Agent;
  shell: ShellHandlers;
  /** Which of our windows a sender is (windows/registry.ts), null for anything else. */
  windowOf: (sender: WebContents) => WindowName | null;
  /** app://hallo, and the dev server's origin only in development (ipc/origin.ts). */
  origins: string[];
}

const FORBIDDEN: ActionOutcome = { ok: false, error: { code: 'forbidden' } };

/**
 * The only place that touches ipcMain: every action of the contract on `hallo:<name>`. A call is
 * answered only for the top frame of one of our windows, loaded from our origin, and only for an
 * action that window may send; then the door (agent/door.ts) parses it and dispatches.
 */
export function bindActions(opts: BindOptions): () => void {
  const names = Object.keys(actions) as ActionName[];
  for (const name of names) {
    ipcMain.handle(actionChannel(name), (event, raw: unknown) =>
      senderMayCall(event, name, opts) ? runAction(opts.agent, opts.shell, name, raw) : refuse(opts.agent, name, event),
    );
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(actionChannel(name));
  };
}

function senderMayCall(event: IpcMainInvokeEvent, name: ActionName, opts: BindOptions): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  if (!origin || !opts.origins.includes(origin)) return false;
  const window = opts.windowOf(event.sender);
  return window !== null && (actions[name].windows as readonly WindowName[]).includes(window);
}

function refuse(agent: Agent, name: ActionName, event: IpcMainInvokeEvent): ActionOutcome {
  agent.log.warn('ipc refused', { action: name, url: event.senderFrame?.url ?? null });
  return FORBIDDEN;
}

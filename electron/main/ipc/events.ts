import type { BrowserWindow } from 'electron';
import type { Agent } from '../../agent/agent';
import { eventChannel } from '../../contract';

/** Pushes each state patch of the agent to our windows; returns the unsubscribe. */
export function forwardEvents(agent: Agent, windows: () => BrowserWindow[]): () => void {
  return agent.subscribe((patch) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel('state'), patch);
    }
  });
}

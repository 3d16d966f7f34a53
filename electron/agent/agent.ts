import type { ActionRequest, ActionResult, AgentActionName, AgentState } from '../contract';
import type { Logger } from './log';
import type { AgentOptions, AgentPorts } from './ports';
import type { StatePatch } from './store';

/** What the shell, the preview and the tests hold: the whole agent behind one object. */
export interface Agent {
  state(): AgentState;
  /** `request` has already passed the action's schema (see door.ts). */
  invoke<K extends AgentActionName>(name: K, request: ActionRequest<K>): Promise<ActionResult<K>>;
  subscribe(listener: (patch: StatePatch) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  log: Logger;
}

export function createAgent(_ports: AgentPorts, _options: AgentOptions): Agent {
  throw new Error('composition root: wired in the next commit');
}

import {
  actions,
  ActionError,
  type ActionName,
  type ActionOutcome,
  type ActionRequest,
  type ActionResult,
  type AgentActionName,
  type ShellActionName,
} from '../contract';
import type { Agent } from './agent';

export type ShellHandlers = { [K in ShellActionName]: (request: ActionRequest<K>) => Promise<ActionResult<K>> | ActionResult<K> };

function isActionName(name: string): name is ActionName {
  return Object.hasOwn(actions, name);
}

/**
 * The one door through which every UI intent enters, for the IPC binding and the preview's
 * WebSocket alike: unknown names and arguments that fail their schema are refused here, before
 * the agent or the shell sees them, and every failure becomes a coded outcome.
 */
export async function runAction(
  agent: Agent,
  shell: ShellHandlers,
  name: string,
  raw: unknown,
): Promise<ActionOutcome> {
  if (!isActionName(name)) return { ok: false, error: { code: 'invalid-request', detail: `unknown action ${name}` } };
  const spec = actions[name];
  const parsed = spec.request.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid-request', detail: parsed.error.issues[0]?.message } };
  try {
    const value =
      spec.handler === 'shell'
        ? await shell[name as ShellActionName](parsed.data as never)
        : await agent.invoke(name as AgentActionName, parsed.data as never);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ActionError) return { ok: false, error: { code: error.code, detail: error.message } };
    agent.log.error('action failed', { action: name, error: String(error) });
    return { ok: false, error: { code: 'internal' } };
  }
}

import type { Agent } from '../agent/agent';

/** An agent that can be stopped and made again on the same data folder, behind one object. */
export interface RelaunchingAgent extends Agent {
  /** Stops the running agent, makes a new one and starts it; listeners stay and hear its whole state. */
  relaunch(): Promise<void>;
}

/**
 * What a restart of the computer is to the preview and the tests: the agent stops and starts
 * again, as it would after the PC came back, while the bridge, the page and the API stay. The
 * listeners of the old agent are carried over, and they hear the new agent's whole state first,
 * so a mirror replaces every slice.
 */
export function createRelaunchingAgent(make: () => Agent): RelaunchingAgent {
  let current = make();
  const listeners = new Set<Parameters<Agent['subscribe']>[0]>();
  const noticeListeners = new Set<Parameters<Agent['onNotice']>[0]>();
  let detach: (() => void)[] = [];
  const attach = () => {
    detach = [
      current.subscribe((patch) => listeners.forEach((listener) => listener(patch))),
      current.onNotice((notice) => noticeListeners.forEach((listener) => listener(notice))),
    ];
  };
  attach();
  let relaunching: Promise<void> | null = null;
  return {
    get log() {
      return current.log;
    },
    state: () => current.state(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    invoke: (name, request) => current.invoke(name, request),
    start: () => current.start(),
    stop: async () => {
      await relaunching;
      await current.stop();
    },
    relaunch() {
      relaunching ??= (async () => {
        await current.stop();
        for (const off of detach) off();
        current = make();
        attach();
        const whole = current.state();
        for (const listener of listeners) listener(whole);
        await current.start();
      })().finally(() => (relaunching = null));
      return relaunching;
    },
  };
}

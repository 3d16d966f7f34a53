import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentState, SliceName } from '../../electron/contract';
import type { RestartBridge } from './bridge/types';

/**
 * The renderer's mirror of the agent's state. It never decides anything: it holds the last
 * snapshot (`state.get`) with every pushed slice merged in, and whether that snapshot exists yet.
 */
export interface Mirror {
  status: 'loading' | 'ready' | 'failed';
  state: AgentState | null;
}

// Every slice the contract has; a pushed patch may only replace these.
const SLICES = {
  overall: true,
  headline: true,
  app: true,
  device: true,
  health: true,
  connection: true,
  support: true,
  config: true,
  settings: true,
  tickets: true,
  updates: true,
  remote: true,
  checks: true,
  maintenance: true,
  selfUpdate: true,
  branding: true,
} as const satisfies Record<SliceName, true>;

/** Replaces the slices a patch carries; anything that is not a slice of the contract is ignored. */
export function mergePatch(state: AgentState, patch: unknown): AgentState {
  if (typeof patch !== 'object' || patch === null) return state;
  let next = state;
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(SLICES, key) || value === undefined) continue;
    next = { ...next, [key]: value };
  }
  return next;
}

export interface AgentMirror {
  store: StoreApi<Mirror>;
  /** Fetches a fresh snapshot (on start and after a reconnect). */
  sync(): Promise<void>;
  stop(): void;
}

/** Every window's page mirrors the state the same way: `state.get` and the `state` patches. */
export function createMirror(bridge: Pick<RestartBridge, 'on' | 'onReconnect'> & { actions: Pick<RestartBridge['actions'], 'state.get'> }): AgentMirror {
  const store = createStore<Mirror>(() => ({ status: 'loading', state: null }));

  // Patches that arrive before the first snapshot are older than it: the snapshot covers them.
  const offState = bridge.on('state', (patch) => {
    const { state } = store.getState();
    if (state) store.setState({ state: mergePatch(state, patch) });
  });

  async function sync(): Promise<void> {
    try {
      const state = await bridge.actions['state.get']({});
      store.setState({ status: 'ready', state });
    } catch {
      // Keep showing the last snapshot if there is one; a reconnect will try again.
      if (!store.getState().state) store.setState({ status: 'failed' });
    }
  }

  const offReconnect = bridge.onReconnect(() => void sync());
  void sync();

  return {
    store,
    sync,
    stop() {
      offState();
      offReconnect();
    },
  };
}

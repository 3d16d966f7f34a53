import type { AgentState, SliceName } from '../contract';

export type StatePatch = Partial<AgentState>;

/**
 * The agent's single source of truth. Services replace whole slices; listeners get one patch per
 * tick with the slices that really changed, so a burst of updates costs one message to the UI.
 */
export class AgentStore {
  private state: AgentState;
  private pending: StatePatch | null = null;
  private readonly listeners = new Set<(patch: StatePatch) => void>();

  constructor(initial: AgentState) {
    this.state = initial;
  }

  get(): AgentState {
    return this.state;
  }

  set<K extends SliceName>(key: K, value: AgentState[K]): void {
    if (JSON.stringify(this.state[key]) === JSON.stringify(value)) return;
    this.state = { ...this.state, [key]: value };
    if (!this.pending) {
      this.pending = {};
      queueMicrotask(() => this.flush());
    }
    this.pending[key] = value;
  }

  update<K extends SliceName>(key: K, fn: (previous: AgentState[K]) => AgentState[K]): void {
    this.set(key, fn(this.state[key]));
  }

  subscribe(listener: (patch: StatePatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private flush(): void {
    const patch = this.pending;
    this.pending = null;
    if (!patch) return;
    for (const listener of this.listeners) listener(patch);
  }
}

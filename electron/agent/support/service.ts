import type { Clock } from '../ports';
import type { SliceStore } from '../capability';
import { supportState, type PolicySupport } from './hours';

// Longest nap between re-checks: a clock change or a DST jump is picked up within the hour.
const MAX_WAIT_MS = 60 * 60 * 1000;

export interface SupportService {
  apply(policy: PolicySupport): void;
  stop(): void;
}

/** Keeps the `support` slice true over time: "open now" flips at the policy's opening hours. */
export function createSupportService(deps: { store: SliceStore<'support'>; clock: Clock }): SupportService {
  let timer: unknown = null;
  let current: PolicySupport | null = null;

  function update(): void {
    if (!current) return;
    const now = deps.clock.now();
    const state = supportState(current, now);
    deps.store.set('support', state);
    if (timer !== null) deps.clock.clearTimeout(timer);
    const next = state.nextChangeAt ? Date.parse(state.nextChangeAt) - now : MAX_WAIT_MS;
    timer = deps.clock.setTimeout(update, Math.min(Math.max(next, 1000), MAX_WAIT_MS));
  }

  return {
    apply(policy) {
      current = policy;
      update();
    },
    stop() {
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
    },
  };
}

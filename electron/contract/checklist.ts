// The PC's whole checklist: the health checks, the protection checks, then updates and the restart. One function, so that
// the popup, the overall word, the heartbeat and a ticket's diagnostics list the same lines.
// Kept free of zod and of state.ts: the renderer reads it too.

interface Lines<Item> {
  items: readonly Item[];
}

/** state.health.items, state.checks.items, then state.updates.items (StatusItem, contract/status-item.ts). */
export function checklistOf<Item>(state: { health: Lines<Item>; checks?: Lines<Item>; updates?: Lines<Item> }): Item[] {
  return [...state.health.items, ...(state.checks?.items ?? []), ...(state.updates?.items ?? [])];
}
